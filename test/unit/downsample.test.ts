import { describe, expect, it } from 'vitest';
import { downsampleMinMax } from '../../src/domain/downsample';
import type { TimeSeries } from '../../src/domain/series';

const START_MS = 1_706_572_800_000;
const labels = { service: 'api' };

/** One sample a second from START_MS, with the given values. */
function secondly(values: readonly number[]): TimeSeries {
  return { labels, times: values.map((_, i) => START_MS + i * 1000), values };
}

function calm(count: number): number[] {
  return Array.from({ length: count }, (_, i) => 10 + (i % 3));
}

describe('downsampleMinMax', () => {
  it('keeps a one-sample spike up and a one-sample dip down', () => {
    const values = calm(3_600);
    values[1_234] = 500;
    values[2_345] = -40;
    const series = secondly(values);

    const reduced = downsampleMinMax(series, START_MS, START_MS + 3_600_000, 100);

    expect(Math.max(...reduced.values)).toBe(500);
    expect(Math.min(...reduced.values)).toBe(-40);
    expect(reduced.times[reduced.values.indexOf(500)]).toBe(START_MS + 1_234_000);
    expect(reduced.times[reduced.values.indexOf(-40)]).toBe(START_MS + 2_345_000);
  });

  it('never returns more than 2 points per pixel of width', () => {
    const series = secondly(Array.from({ length: 86_400 }, (_, i) => Math.sin(i / 100)));
    for (const width of [1, 37, 300, 1_200]) {
      const reduced = downsampleMinMax(series, START_MS, START_MS + 86_400_000, width);
      expect(reduced.times.length).toBeLessThanOrEqual(2 * width);
      expect(reduced.values).toHaveLength(reduced.times.length);
    }
  });

  it('keeps the points in time order, low and high of a column in the order they happened', () => {
    // Per 10-sample column: the high comes first in even columns, the low first in odd ones.
    const values = Array.from({ length: 1_000 }, (_, i) => {
      const column = Math.floor(i / 10);
      if (i % 10 === 2) return column % 2 === 0 ? 9 : 1;
      if (i % 10 === 7) return column % 2 === 0 ? 1 : 9;
      return 5;
    });
    const reduced = downsampleMinMax(secondly(values), START_MS, START_MS + 1_000_000, 100);

    expect(reduced.times).toEqual([...reduced.times].sort((a, b) => a - b));
    expect(reduced.values.slice(0, 4)).toEqual([9, 1, 1, 9]);
    expect(reduced.times.slice(0, 4)).toEqual([2, 7, 12, 17].map((s) => START_MS + s * 1000));
  });

  it('keeps one point for a column whose samples are all equal', () => {
    const reduced = downsampleMinMax(
      secondly(Array(1_000).fill(3)),
      START_MS,
      START_MS + 1_000_000,
      10,
    );
    expect(reduced.values).toEqual(Array(10).fill(3));
    expect(reduced.times[1]).toBe(START_MS + 100_000);
  });

  it('returns a series that already fits the width unchanged', () => {
    const series = secondly(calm(200));
    expect(downsampleMinMax(series, START_MS, START_MS + 200_000, 100)).toBe(series);
  });

  it('keeps NaN and ±Inf samples, which the chart draws as gaps', () => {
    const values = calm(1_000);
    values[150] = Number.NaN;
    values[450] = Infinity;
    values[750] = -Infinity;
    const reduced = downsampleMinMax(secondly(values), START_MS, START_MS + 1_000_000, 10);

    const at = (second: number) => reduced.values[reduced.times.indexOf(START_MS + second * 1000)];
    expect(at(150)).toBeNaN();
    expect(at(450)).toBe(Infinity);
    expect(at(750)).toBe(-Infinity);
    expect(reduced.times.length).toBeLessThanOrEqual(20);
  });

  it('keeps a column made only of NaN as one gap', () => {
    const values = calm(1_000).map((value, i) => (i >= 300 && i < 400 ? Number.NaN : value));
    const reduced = downsampleMinMax(secondly(values), START_MS, START_MS + 1_000_000, 10);
    const gaps = reduced.times.filter((_, i) => Number.isNaN(reduced.values[i]));
    expect(gaps).toEqual([START_MS + 300_000]);
  });

  it('counts samples outside the range to the edge columns rather than dropping them', () => {
    const values = calm(1_000);
    values[0] = 99;
    const reduced = downsampleMinMax(secondly(values), START_MS + 100_000, START_MS + 900_000, 10);
    expect(reduced.values[0]).toBe(99);
    expect(reduced.times.length).toBeLessThanOrEqual(20);
  });
});
