import { describe, expect, it } from 'vitest';
import { isolated, quotedValue, shortened, shownValue } from '../../src/domain/shown-text';

describe('text from outside, as a line shows it', () => {
  it('keeps a short text as it is and cuts a long one to 80 characters and "…"', () => {
    expect(shortened('api')).toBe('api');
    expect(shortened('x'.repeat(80))).toBe('x'.repeat(80));
    expect(shortened('x'.repeat(10_240))).toBe(`${'x'.repeat(80)}…`);
    expect(shortened('abcdef', 3)).toBe('abc…');
  });

  it('cuts between characters, never inside a surrogate pair or before an accent', () => {
    expect(shortened('😀'.repeat(100), 3)).toBe('😀😀😀…');
    expect(shortened('e\u0301'.repeat(100), 2)).toBe('e\u0301e\u0301…');
  });

  it('isolates text with a bidi override or right-to-left letters, and only that', () => {
    expect(isolated('invoice\u202etxt.exe')).toBe('\u2068invoice\u202etxt.exe\u2069');
    expect(isolated('שלום')).toBe('\u2068שלום\u2069');
    expect(isolated('pay\u200bments')).toBe('pay\u200bments');
    expect(isolated('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
  });

  it('quotes strings as JSON, shortened, with bidi controls as escapes', () => {
    expect(quotedValue('javascript:alert(1)')).toBe('"javascript:alert(1)"');
    expect(quotedValue('a"b')).toBe('"a\\"b"');
    expect(quotedValue(`<script>${'W'.repeat(10_000)}`)).toBe(`"<script>${'W'.repeat(72)}…"`);
    expect(quotedValue('invoice\u202etxt.exe')).toBe('"invoice\\u202etxt.exe"');
    expect(quotedValue('\u2066x\u2069')).toBe('"\\u2066x\\u2069"');
  });

  it('names what is not a string by what it is', () => {
    expect(quotedValue(undefined)).toBe('nothing');
    expect(quotedValue(null)).toBe('null');
    expect(quotedValue(12)).toBe('12');
    expect(quotedValue(false)).toBe('false');
    expect(quotedValue([1])).toBe('an array');
    expect(quotedValue({ a: 1 })).toBe('an object');
  });

  it('shows a value shortened and isolated', () => {
    expect(shownValue(`\u202e${'x'.repeat(100)}`)).toBe(`\u2068\u202e${'x'.repeat(79)}…\u2069`);
  });
});
