import { describe, expect, it } from 'vitest';
import type { TimeSeries } from '../../src/domain/series';
import {
  capNotice,
  capSeries,
  MAX_SERIES_PER_TARGET,
  seriesPeak,
} from '../../src/domain/series-cap';

function series(name: string, values: readonly number[]): TimeSeries {
  return { labels: { pod: name }, times: values.map((_, i) => i * 15_000), values };
}

const names = (list: readonly TimeSeries[]) => list.map((one) => one.labels.pod);

describe('seriesPeak', () => {
  it('is the highest sample, ignoring NaN, and +Inf beats every number', () => {
    expect(seriesPeak([3, NaN, 7, 2])).toBe(7);
    expect(seriesPeak([1, Infinity, NaN])).toBe(Infinity);
    expect(seriesPeak([-5, -2])).toBe(-2);
  });

  it('is -Infinity for a series without a number', () => {
    expect(seriesPeak([])).toBe(-Infinity);
    expect(seriesPeak([NaN, NaN])).toBe(-Infinity);
  });
});

describe('capSeries', () => {
  it('keeps everything, untouched, when there are no more series than the limit', () => {
    const input = [series('a', [1]), series('b', [2])];
    const capped = capSeries(input, 2);
    expect(capped.series).toBe(input);
    expect(capped.total).toBe(2);
  });

  it('keeps the series that peak highest, not the ones that end or average highest', () => {
    const input = [
      series('steady', [5, 5, 5, 5]),
      series('spike', [0, 90, 0, 0]),
      series('rising', [1, 2, 3, 8]),
      series('quiet', [1, 1, 1, 1]),
    ];
    const capped = capSeries(input, 2);
    expect(names(capped.series)).toEqual(['spike', 'rising']);
    expect(capped.total).toBe(4);
  });

  it('keeps the kept series in the order they came, so legends do not reshuffle', () => {
    const input = [series('c', [3]), series('a', [9]), series('b', [1]), series('d', [7])];
    expect(names(capSeries(input, 3).series)).toEqual(['c', 'a', 'd']);
  });

  it('breaks ties by first come, and drops series of only NaN before any number', () => {
    const input = [
      series('gap', [NaN, NaN]),
      series('first', [4]),
      series('second', [4]),
      series('third', [4]),
      series('inf', [Infinity]),
    ];
    expect(names(capSeries(input, 3).series)).toEqual(['first', 'second', 'inf']);
  });

  it('cuts 50,000 series to the limit and says how many there were', () => {
    const input = Array.from({ length: 50_000 }, (_, i) =>
      series(`node-${String(i)}`, [(i * 7919) % 50_000, 1]),
    );
    const capped = capSeries(input, MAX_SERIES_PER_TARGET);
    expect(capped.series).toHaveLength(MAX_SERIES_PER_TARGET);
    expect(capped.total).toBe(50_000);
    const keptPeaks = capped.series.map((one) => seriesPeak(one.values));
    // 7919 is prime to 50,000, so the peaks are 0 … 49,999 once each: the top 50 are 49,950 up.
    expect(Math.min(...keptPeaks)).toBe(49_950);
  });
});

describe('capNotice', () => {
  it('says how many of how many are shown, with thousands separated', () => {
    expect(capNotice(50, 50_000)).toBe('showing top 50 of 50,000 series by peak');
    expect(capNotice(50, 1_234_567, 'p99')).toBe('p99: showing top 50 of 1,234,567 series by peak');
  });
});
