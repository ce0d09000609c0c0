/**
 * Literal syntax as Prometheus 2.42 reads it: number literals (Go's `ParseInt(s, 0, 64)` then
 * `ParseFloat`), quoted strings (Go's unquoting rules, also for single quotes), durations
 * (`model.ParseDuration`: integer amounts of y, w, d, h, m, s, ms in that order) and the API's
 * float parsing (`strconv.ParseFloat`), which is stricter than JavaScript's `Number()`.
 */

const DECIMAL_FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INFINITY = /^[+-]?inf(?:inity)?$/i;
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const DURATION_UNITS_MS = [
  365 * 24 * 3600 * 1000,
  7 * 24 * 3600 * 1000,
  24 * 3600 * 1000,
  3600 * 1000,
  60 * 1000,
  1000,
  1,
];

/** Go's `strconv.ParseFloat(s, 64)` for decimal, Inf and NaN forms; undefined when invalid. */
export function parseGoFloat(text: string): number | undefined {
  if (DECIMAL_FLOAT.test(text)) return Number(text);
  if (INFINITY.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(text)) return NaN;
  return undefined;
}

/** A PromQL number literal without sign; undefined when 2.42 would not accept it as a number. */
export function parseNumberLiteral(text: string): number | undefined {
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) return parseInt(text.slice(2), 16);
  // ParseInt with base 0 reads a leading zero as octal ("010" is 8); "09" falls back to 9.
  if (/^0[0-7]+$/.test(text)) return parseInt(text.slice(1), 8);
  if (/^(inf|nan)$/i.test(text)) return parseGoFloat(text);
  if (/^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)) return Number(text);
  return undefined;
}

/** True for text the 2.42 lexer would read as a duration rather than a number. */
export function looksLikeDuration(text: string): boolean {
  return text !== '' && /^\d/.test(text) && DURATION.test(text) && !/^\d+$/.test(text);
}

/** Go's `model.ParseDuration` in milliseconds; undefined when invalid. "0" is allowed. */
export function parseDurationMs(text: string): number | undefined {
  if (text === '0') return 0;
  if (text === '') return undefined;
  const match = DURATION.exec(text);
  if (!match) return undefined;
  let total = 0;
  DURATION_UNITS_MS.forEach((unitMs, index) => {
    const amount = match[index + 1];
    if (amount !== undefined) total += Number(amount) * unitMs;
  });
  return total;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\u0007',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

/** Unquotes a PromQL string literal ("…", '…' or `…`); throws with Go's wording when invalid. */
export function unquoteString(raw: string): string {
  const quote = raw[0];
  if (raw.length < 2 || raw[raw.length - 1] !== quote) throw new Error('invalid syntax');
  const body = raw.slice(1, -1);
  if (quote === '`') {
    if (body.includes('`')) throw new Error('invalid syntax');
    return body.replace(/\r/g, '');
  }
  if (quote !== '"' && quote !== "'") throw new Error('invalid syntax');
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] ?? '';
    if (c === quote || c === '\n') throw new Error('invalid syntax');
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[i + 1] ?? '';
    i++;
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
    } else if (e === '"' || e === "'") {
      if (e !== quote) throw new Error('invalid syntax');
      out += e;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const width = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + width);
      if (!new RegExp(`^[0-9a-fA-F]{${String(width)}}$`).test(hex))
        throw new Error('invalid syntax');
      out += String.fromCodePoint(parseInt(hex, 16));
      i += width;
    } else if (/[0-7]/.test(e)) {
      const octal = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(octal) || parseInt(octal, 8) > 255) throw new Error('invalid syntax');
      out += String.fromCharCode(parseInt(octal, 8));
      i += 2;
    } else {
      throw new Error('invalid syntax');
    }
  }
  return out;
}
