/**
 * Text from outside (label values, titles, URL parameters, file fields) as it is put into a
 * line of the page or a message: cut short when it is long, so that a 10 KB value does not
 * become a 10 KB message, and isolated when it holds right-to-left text or bidi controls, so
 * that an override such as U+202E cannot reverse the words written after it.
 */

/** How much of a value a message quotes. */
export const SHOWN_CHARS = 80;

/** Explicit bidi formatting characters and the marks: what can reorder text around them. */
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const BIDI_CONTROLS = new RegExp(BIDI_CONTROL.source, 'g');
/** Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko and their forms). */
const RTL_LETTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;

const FIRST_STRONG_ISOLATE = '\u2068';
const POP_DIRECTIONAL_ISOLATE = '\u2069';

const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * The first `max` characters and "…", or the text when it is not longer. Characters as a
 * reader counts them: a cut never splits a surrogate pair or a letter from its accent.
 */
export function shortened(text: string, max = SHOWN_CHARS): string {
  if (text.length <= max) return text;
  let kept = '';
  let count = 0;
  for (const { segment } of GRAPHEMES.segment(text)) {
    if (count === max) return `${kept}…`;
    kept += segment;
    count += 1;
  }
  return text;
}

/**
 * The text between a first-strong isolate and its pop (what `<bdi>` does), when it could
 * reorder what is written around it; unchanged otherwise. Inside, an unterminated U+202E ends
 * at the pop, and the text takes its direction from its own first letter.
 */
export function isolated(text: string): string {
  return BIDI_CONTROL.test(text) || RTL_LETTER.test(text)
    ? `${FIRST_STRONG_ISOLATE}${text}${POP_DIRECTIONAL_ISOLATE}`
    : text;
}

/**
 * A value as a message quotes it: a string as JSON, shortened, with bidi controls written as
 * `\u202e` escapes — in a message the author needs to see them, not have them act; `null`, a
 * number or a boolean as itself; an array or an object by what it is.
 */
export function quotedValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  if (typeof value !== 'string') return typeof value;
  const text = JSON.stringify(shortened(value));
  return text.replace(BIDI_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A value as a line of the page shows it: shortened and isolated. */
export function shownValue(text: string, max = SHOWN_CHARS): string {
  return isolated(shortened(text, max));
}
