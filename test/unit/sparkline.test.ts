import { describe, expect, it } from 'vitest';
import { sparklinePath } from '../../src/domain/sparkline';

describe('a sparkline path', () => {
  it('scales time to the width and values to the height, low at the bottom', () => {
    const series = { labels: {}, times: [0, 50, 100], values: [1, 3, 2] };
    expect(sparklinePath(series, 0, 100, 200, 40)).toBe('M0.0,40.0L100.0,0.0L200.0,20.0');
  });

  it('breaks the line at NaN and Infinity', () => {
    const series = { labels: {}, times: [0, 25, 50, 75], values: [1, Number.NaN, 2, 3] };
    expect(sparklinePath(series, 0, 100, 100, 10)).toBe('M0.0,10.0M50.0,5.0L75.0,0.0');
  });

  it('draws a flat series in the middle, and nothing for no values', () => {
    expect(sparklinePath({ labels: {}, times: [0, 10], values: [5, 5] }, 0, 10, 10, 8)).toBe(
      'M0.0,4.0L10.0,4.0',
    );
    expect(sparklinePath({ labels: {}, times: [0], values: [Number.NaN] }, 0, 10, 10, 8)).toBe('');
  });
});
