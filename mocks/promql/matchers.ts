/**
 * Label matchers (`=`, `!=`, `=~`, `!~`). Regexes are fully anchored like Prometheus's
 * (`^(?:re)$`) and translated from Go's RE2 syntax to what JavaScript runs: a leading `(?i)` or
 * `(?s)` becomes a flag, `[[:alpha:]]`-style classes and `(?P<name>` are rewritten, `\A`/`\z`
 * become `^`/`$`. RE2 features JavaScript lacks are reported instead of silently misread.
 */

import type { LabelSet } from './labels';

export type MatchType = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  readonly name: string;
  readonly type: MatchType;
  readonly value: string;
  matches(value: string): boolean;
}

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/** Thrown for a regex that neither RE2 nor this translation accepts. */
export class RegexSyntaxError extends Error {}

/** Compiles an RE2 pattern into an anchored JavaScript RegExp. */
export function compileAnchoredRegex(pattern: string): RegExp {
  let flags = '';
  let body = pattern;
  const leadingFlags = /^\(\?([imsU]+)\)/.exec(body);
  if (leadingFlags) {
    const set = leadingFlags[1] ?? '';
    if (set.includes('U') || set.includes('m')) {
      throw new RegexSyntaxError(
        `unsupported regexp flags (?${set}) in ${JSON.stringify(pattern)}`,
      );
    }
    if (set.includes('i')) flags += 'i';
    if (set.includes('s')) flags += 's';
    body = body.slice(leadingFlags[0].length);
  }
  if (/\(\?[imsU-]+[):]/.test(body)) {
    throw new RegexSyntaxError(`unsupported inline regexp flags in ${JSON.stringify(pattern)}`);
  }
  if (/\\[pPQEC]/.test(body)) {
    throw new RegexSyntaxError(`unsupported regexp escape in ${JSON.stringify(pattern)}`);
  }
  body = body
    .replace(/\[:(\^?)([a-z]+):\]/g, (whole, negated: string, name: string) => {
      const range = POSIX_CLASSES[name];
      if (range === undefined)
        throw new RegexSyntaxError(`invalid character class range: ${whole}`);
      if (negated !== '') throw new RegexSyntaxError(`unsupported negated class ${whole}`);
      return range;
    })
    .replace(/\(\?P</g, '(?<')
    .replace(/\\A/g, '^')
    .replace(/\\z/g, '$');
  try {
    return new RegExp(`^(?:${body})$`, flags);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RegexSyntaxError(`error parsing regexp: ${reason}`);
  }
}

export function createMatcher(type: MatchType, name: string, value: string): LabelMatcher {
  switch (type) {
    case '=':
      return { name, type, value, matches: (v) => v === value };
    case '!=':
      return { name, type, value, matches: (v) => v !== value };
    case '=~': {
      const regex = compileAnchoredRegex(value);
      return { name, type, value, matches: (v) => regex.test(v) };
    }
    case '!~': {
      const regex = compileAnchoredRegex(value);
      return { name, type, value, matches: (v) => !regex.test(v) };
    }
  }
}

/** True when every matcher accepts the series (a missing label reads as ""). */
export function matchesAll(labels: LabelSet, matchers: readonly LabelMatcher[]): boolean {
  for (const matcher of matchers) {
    if (!matcher.matches(labels[matcher.name] ?? '')) return false;
  }
  return true;
}
