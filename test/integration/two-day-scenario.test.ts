import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { largeScenario } from '../support/large-scenario';
import { backfillWithReport, startPrometheus } from '../support/prometheus';
import { singleValue, vectorQuery } from '../support/prometheus-api';
import type { RunningService } from '../support/service-process';

/** 60 h from the afternoon of scenario C's config change: 250 series, 3.6 M samples. */
const scenario = largeScenario({ startMs: Date.UTC(2023, 2, 17, 12), hours: 60 });
const samples = scenario.series.reduce((sum, series) => sum + series.timestamps.length, 0);

let prometheus: RunningService | undefined;
let api = '';

beforeAll(async () => {
  const report = await backfillWithReport(scenario);
  const startedAt = performance.now();
  prometheus = await startPrometheus(report.blocksDir);
  api = `${prometheus.url}/api/v1`;
  console.info(
    `${scenario.id}: ${String(scenario.series.length)} series, ${String(samples)} samples; ` +
      (report.cached
        ? 'blocks from cache'
        : `writer ${(report.writerMs / 1000).toFixed(1)} s, promtool ${(report.promtoolMs / 1000).toFixed(1)} s`) +
      `; Prometheus ready in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`,
  );
});

afterAll(async () => {
  await prometheus?.stop();
});

describe('a 60-hour, 250-series scenario in real Prometheus', () => {
  it('holds every sample of every series', async () => {
    // count_over_time drops the name; summing per name keeps histogram parts from colliding.
    const names = [...new Set(scenario.series.map((series) => series.labels.__name__ ?? ''))];
    const counts = await Promise.all(
      names.map((name) =>
        singleValue(api, `sum(count_over_time({__name__="${name}"}[61h]))`, scenario.endMs),
      ),
    );
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(samples);
    const series = await vectorQuery(api, 'count by (__name__) ({__name__=~".+"})', scenario.endMs);
    expect(series.reduce((sum, s) => sum + Number(s.value[1]), 0)).toBe(scenario.series.length);
  });

  it('answers an instant query at any scrape with that scrape’s value', async () => {
    for (const [index, at] of [0, 4321, 9876, 14_400].entries()) {
      const series = scenario.series[(index * 61) % scenario.series.length];
      if (series === undefined) continue;
      const selector = `{${Object.entries(series.labels)
        .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
        .join(',')}}`;
      expect(await singleValue(api, selector, series.timestamps[at] ?? 0), selector).toBe(
        series.values[at],
      );
    }
  });

  it('computes rates across both days', async () => {
    const rates = await vectorQuery(
      api,
      'sum by (service) (rate(http_requests_total[5m]))',
      scenario.startMs + 36 * 3_600_000,
    );
    expect(rates).toHaveLength(12);
    for (const rate of rates) expect(Number(rate.value[1])).toBeGreaterThan(100);
  });
});
