import { describe, expect, it } from 'vitest';
import { formatSampleValue, formatScalarValue } from '../../mocks/promql/format';
import { goPow } from '../../mocks/promql/go-math';

describe('the values of vectors and matrices are written as Prometheus 2.42 writes them', () => {
  it.each([
    [0.5, '0.5'],
    [1706572800, '1706572800'],
    [0.1 + 0.2, '0.30000000000000004'],
    [1e-6, '0.000001'],
    [1.5e-7, '1.5e-07'],
    [123456789012345680000, '123456789012345680000'],
    [1e21, '1e+21'],
    [-2.5e300, '-2.5e+300'],
    [-0, '-0'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
  ])('%s → %s', (value, text) => {
    expect(formatSampleValue(value)).toBe(text);
  });
});

describe('the scalar of an instant query is written without an exponent', () => {
  it.each([
    [0.5, '0.5'],
    [0.1 + 0.2, '0.30000000000000004'],
    [1.5e-7, '0.00000015'],
    [-1.5e-7, '-0.00000015'],
    [1e21, '1000000000000000000000'],
    [123456.789, '123456.789'],
    [-2.5e300, `-25${'0'.repeat(299)}`],
    [5e-324, `0.${'0'.repeat(323)}5`],
    [-0, '-0'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
  ])('%s → %s', (value, text) => {
    expect(formatScalarValue(value)).toBe(text);
  });
});

describe("Go's math.Pow", () => {
  it('keeps its special cases where JavaScript differs', () => {
    expect(goPow(1, NaN)).toBe(1);
    expect(goPow(-1, Infinity)).toBe(1);
    expect(goPow(NaN, 0)).toBe(1);
    expect(goPow(-8, 1 / 3)).toBeNaN();
  });

  it('computes integer powers by repeated squaring', () => {
    // What a real Prometheus 2.42 answers for 1.1 ^ 100; JavaScript's ** gives …822383.
    expect(goPow(1.1, 100)).toBe(13780.612339822364);
    expect(goPow(3, -2)).toBe(1 / 9);
    expect(goPow(2, 0.5)).toBe(Math.SQRT2);
  });
});
