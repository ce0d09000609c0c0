import { describe, expect, it } from 'vitest';
import { markGaps } from '../../src/domain/gaps';
import { linePath, type PlotScale } from '../../src/domain/line-path';
import type { TimeSeries } from '../../src/domain/series';

const scale: PlotScale = {
  startMs: 0,
  endMs: 1000,
  minValue: 0,
  maxValue: 10,
  left: 80,
  top: 8,
  width: 100,
  height: 50,
};

const series = (times: number[], values: number[]): TimeSeries => ({ labels: {}, times, values });

/** The [x, y] of every point of a path, stretch by stretch. */
function stretches(path: string): [number, number][][] {
  return path
    .split('M')
    .slice(1)
    .map((stretch) =>
      stretch
        .replace(/h0$/, '')
        .split('L')
        .map((point) => point.split(' ').map((units) => Number(units) / 10) as [number, number]),
    );
}

describe('linePath', () => {
  it('puts the range start at the plot’s left edge and the lowest value at its bottom', () => {
    const path = linePath(series([0, 500, 1000], [0, 5, 10]), scale);
    expect(stretches(path)).toEqual([
      [
        [80, 58],
        [130, 33],
        [180, 8],
      ],
    ]);
  });

  it('breaks the line at a gap instead of drawing across it', () => {
    const withGap = markGaps(series([0, 100, 200, 700, 800], [1, 2, 3, 4, 5]), 100);
    const drawn = stretches(linePath(withGap, scale));
    expect(drawn).toHaveLength(2);
    expect(drawn[0]?.map(([x]) => x)).toEqual([80, 90, 100]);
    expect(drawn[1]?.map(([x]) => x)).toEqual([150, 160]);
  });

  it('draws a sample alone between gaps as a zero-length stretch, not nothing', () => {
    const path = linePath(series([0, 100, 200, 300, 400], [1, NaN, 2, NaN, 3]), scale);
    expect(path).toBe('M800 530h0M1000 480h0M1200 430h0');
  });

  it('treats ±Inf as breaks, like NaN', () => {
    const path = linePath(series([0, 100, 200, 300], [1, Infinity, 2, 3]), scale);
    expect(stretches(path)).toHaveLength(2);
  });

  it('places values beyond the value range outside the plot, for the clip path to cut', () => {
    const y = stretches(linePath(series([0, 1], [20, 20]), scale))[0]?.[0]?.[1];
    expect(y).toBeLessThan(scale.top);
  });

  it('draws a flat range across the middle of the plot', () => {
    const flat = { ...scale, minValue: 3, maxValue: 3 };
    expect(linePath(series([0, 1000], [3, 3]), flat)).toBe('M800 330L1800 330');
  });

  it('writes values far outside the plot with a sign, held to ten digits', () => {
    const path = linePath(series([0, 500, 1000], [-1e12, 5, 1e12]), scale);
    expect(path).toBe('M800 2000000000L1300 330L1800 -2000000000');
  });

  it('is empty for a series with no finite value', () => {
    expect(linePath(series([0, 1], [NaN, NaN]), scale)).toBe('');
    expect(linePath(series([], []), scale)).toBe('');
  });

  it('is in whole tenths of a pixel', () => {
    const path = linePath(series([1], [1 / 3]), { ...scale, endMs: 3 });
    expect(path).toBe('M1133 563h0');
  });
});
