import { describe, expect, it } from 'vitest';
import { absentWindows, downWindows, findBlindSpots } from '../../src/domain/blind-spots';
import { HOUR, MIN, synthetic, T0 } from '../support/synthetic-series';

const step = 30_000;
const range = { startMs: T0 - 3 * HOUR, endMs: T0 + 4 * HOUR };

describe('absentWindows', () => {
  it('finds where a series that had data has none, to the sample that comes back', () => {
    const series = synthetic({ level: () => 5, holes: [[T0, T0 + 20 * MIN]] });
    expect(absentWindows(series, step, range)).toEqual([{ startMs: T0, endMs: T0 + 20 * MIN }]);
  });

  it('leaves a window open when the series never comes back', () => {
    const series = synthetic({ level: () => 5, toMs: T0 });
    expect(absentWindows(series, step, range)).toEqual([{ startMs: T0 + step, endMs: null }]);
  });

  it('ignores a missed scrape or two', () => {
    const series = synthetic({ level: () => 5, holes: [[T0, T0 + step]] });
    expect(absentWindows(series, step, range)).toEqual([]);
  });

  it('sees no blind spot before a series that starts late: it had nothing to lose', () => {
    expect(absentWindows(synthetic({ level: () => 5, fromMs: T0 }), step, range)).toEqual([]);
  });

  it('counts NaN values as samples, not as holes', () => {
    const series = synthetic({ level: () => Number.NaN });
    expect(absentWindows(series, step, range)).toEqual([]);
  });
});

describe('downWindows', () => {
  it('finds where up read 0, to the first sample that reads 1 again', () => {
    const series = synthetic({ level: (t) => (t >= T0 && t < T0 + 15 * MIN ? 0 : 1), noise: 0 });
    expect(downWindows(series, range)).toEqual([{ startMs: T0, endMs: T0 + 15 * MIN }]);
  });
});

describe('findBlindSpots', () => {
  it('merges the holes of a signal’s series into one blind spot naming them, and adds targets down', () => {
    const spots = findBlindSpots({
      range,
      stepMs: step,
      signals: [
        {
          id: 'queue_depth',
          series: [
            { name: 'depth', series: synthetic({ level: () => 5, holes: [[T0, T0 + HOUR]] }) },
            {
              name: 'age',
              series: synthetic({ level: () => 5, holes: [[T0 + 30 * MIN, T0 + 2 * HOUR]] }),
            },
          ],
        },
      ],
      scrapeHealth: [
        {
          ...synthetic({ level: (t) => (t >= T0 + 3 * HOUR ? 0 : 1), noise: 0 }),
          labels: { job: 'queue-monitor' },
        },
      ],
    });
    expect(spots).toEqual([
      {
        signal: 'queue_depth',
        series: ['age', 'depth'],
        reason: 'absent',
        startMs: T0,
        endMs: T0 + 2 * HOUR,
      },
      {
        signal: 'scrape_health',
        series: ['queue-monitor'],
        reason: 'target down',
        startMs: T0 + 3 * HOUR,
        endMs: null,
      },
    ]);
  });

  it('finds none when every series was seen all along', () => {
    expect(
      findBlindSpots({
        range,
        stepMs: step,
        signals: [{ id: 'dns', series: [{ name: 'x', series: synthetic({ level: () => 1 }) }] }],
        scrapeHealth: [{ ...synthetic({ level: () => 1, noise: 0 }), labels: { job: 'coredns' } }],
      }),
    ).toEqual([]);
  });
});
