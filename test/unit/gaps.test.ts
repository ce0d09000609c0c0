import { describe, expect, it } from 'vitest';
import { markGaps, valueAt } from '../../src/domain/gaps';

const series = { labels: { queue: 'jobs' }, times: [0, 15, 30, 90, 105], values: [1, 2, 3, 4, 5] };

describe('markGaps', () => {
  it('puts a NaN after the last sample before a hole, so the line breaks there', () => {
    expect(markGaps(series, 15)).toEqual({
      labels: { queue: 'jobs' },
      times: [0, 15, 30, 45, 90, 105],
      values: [1, 2, 3, Number.NaN, 4, 5],
    });
  });

  it('returns a series without holes unchanged', () => {
    const whole = { labels: {}, times: [0, 15, 30], values: [1, 2, 3] };
    expect(markGaps(whole, 15)).toBe(whole);
  });
});

describe('valueAt', () => {
  it('gives the latest sample at or before the time', () => {
    expect(valueAt(series, 20, 15)).toBe(2);
    expect(valueAt(series, 30, 15)).toBe(3);
  });

  it('gives nothing inside a hole or before the first sample', () => {
    expect(valueAt(series, 60, 15)).toBeNull();
    expect(valueAt(series, -1, 15)).toBeNull();
  });
});
