import { describe, expect, it } from 'vitest';
import { defineScenario } from '../../mocks/scenario/define-scenario';
import { generateScenario } from '../../mocks/scenario/engine';
import type { RawSeries } from '../../mocks/scenario/series';
import { scenarios } from '../../mocks/scenarios';

const quiet = scenarios.quiet;
const start = '2024-06-04T10:00:00Z';
const end = '2024-06-04T10:30:00Z';
const during = Date.parse('2024-06-04T10:15:00Z');

function seriesOf(series: readonly RawSeries[], name: string, job: string): RawSeries[] {
  return series.filter((s) => s.labels.__name__ === name && s.labels.job === job);
}

function valueAt(series: RawSeries | undefined, timeMs: number): number | undefined {
  const index = series?.timestamps.indexOf(timeMs) ?? -1;
  return index < 0 ? undefined : series?.values[index];
}

describe('blind spots', () => {
  it('keeps up at 1 while a job’s samples are missing but its scrape succeeds', () => {
    const generated = generateScenario(
      defineScenario({
        ...quiet,
        absences: [{ reason: 'exporter returns nothing', job: 'api', start, end }],
      }),
    );
    const requests = seriesOf(generated.series, 'http_requests_total', 'api');
    expect(requests.length).toBeGreaterThan(0);
    for (const series of requests) expect(valueAt(series, during)).toBeUndefined();
    const up = seriesOf(generated.series, 'up', 'api');
    expect(up).toHaveLength(2);
    for (const series of up) expect(valueAt(series, during)).toBe(1);
  });

  it('records up as 0 while the scrape itself fails', () => {
    const generated = generateScenario(
      defineScenario({
        ...quiet,
        absences: [{ reason: 'target down', job: 'api', start, end, targetDown: true }],
      }),
    );
    for (const series of seriesOf(generated.series, 'up', 'api')) {
      expect(valueAt(series, during)).toBe(0);
      expect(valueAt(series, Date.parse(end))).toBe(1);
    }
  });

  it('refuses an absence of up, which Prometheus records at every scrape', () => {
    expect(() =>
      defineScenario({
        ...quiet,
        absences: [{ reason: 'no up', job: 'api', metrics: ['up'], start, end }],
      }),
    ).toThrow('scenario quiet: absence "no up": up is recorded at every scrape');
  });
});

describe('the scrape grid', () => {
  it('accepts a 1 ms scrape interval and refuses a shorter one', () => {
    const short = { ...quiet, window: { start, end: '2024-06-04T10:00:00.010Z' } };
    expect(
      generateScenario(short, { scrapeIntervalSeconds: 0.001 }).series[0]?.timestamps,
    ).toHaveLength(11);
    expect(() => generateScenario(short, { scrapeIntervalSeconds: 0.0004 })).toThrow(
      'scrape interval must be at least 1 ms (0.001 s), got 0.0004 s',
    );
    expect(() => generateScenario(short, { scrapeIntervalSeconds: 0 })).toThrow(
      'scrape interval must be at least 1 ms',
    );
  });
});
