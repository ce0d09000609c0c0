import { describe, expect, it } from 'vitest';
import { toChartRows } from '../../src/domain/chart-rows';

describe('toChartRows', () => {
  it('aligns series on their timestamps and leaves gaps where a series has no sample', () => {
    const rows = toChartRows([
      { labels: { service: 'a' }, times: [1000, 2000, 3000], values: [1, 2, 3] },
      { labels: { service: 'b' }, times: [2000, 4000], values: [20, 40] },
    ]);
    expect(rows).toEqual([
      { t: 1000, s0: 1 },
      { t: 2000, s0: 2, s1: 20 },
      { t: 3000, s0: 3 },
      { t: 4000, s1: 40 },
    ]);
  });

  it('turns NaN and infinities into gaps, since they cannot be plotted', () => {
    const rows = toChartRows([
      { labels: {}, times: [1, 2, 3], values: [Number.NaN, Infinity, 0.5] },
    ]);
    expect(rows).toEqual([
      { t: 1, s0: null },
      { t: 2, s0: null },
      { t: 3, s0: 0.5 },
    ]);
  });
});
