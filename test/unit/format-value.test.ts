import { describe, expect, it } from 'vitest';
import { formatValue } from '../../src/domain/format-value';

describe('formatValue', () => {
  it.each([
    [0.125, 'percentunit', '12.5%'],
    [0.0042, 'percentunit', '0.42%'],
    [0.000125, 'percentunit', '0.0125%'],
    [0.00015, 'percentunit', '0.015%'],
    [0.34, 'seconds', '340 ms'],
    [0.0042, 'seconds', '4.2 ms'],
    [2.5, 'seconds', '2.5 s'],
    [600, 'seconds', '10 min'],
    [1234, 'reqps', '1.2k req/s'],
    [7, 'count', '7'],
    [Infinity, 'count', '+Inf'],
    [Number.NaN, 'seconds', 'NaN'],
  ] as const)('formats %s as %s in %s', (value, unit, expected) => {
    expect(formatValue(value, unit)).toBe(expected);
  });
});
