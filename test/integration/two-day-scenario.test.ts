import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateScenario } from '../../mocks/scenario/engine';
import { scenarios } from '../../mocks/scenarios';
import { labelSetKey } from '../support/api-agreement';
import { startPrometheusWith } from '../support/prometheus';
import { apiData, apiTime, singleValue, vectorQuery } from '../support/prometheus-api';
import type { RunningService } from '../support/service-process';

/** Scenario C, the longest seed scenario: 60 hours from the afternoon of its config change. */
const scenario = generateScenario(scenarios.c);
const samples = scenario.series.reduce((sum, series) => sum + series.timestamps.length, 0);
const HOUR = 3_600_000;

let prometheus: RunningService | undefined;
let api = '';

beforeAll(async () => {
  prometheus = await startPrometheusWith(scenario);
  api = `${prometheus.url}/api/v1`;
});

afterAll(async () => {
  await prometheus?.stop();
});

describe('the two-day scenario C in real Prometheus', () => {
  it('spans more than two days', () => {
    expect(scenario.endMs - scenario.startMs).toBeGreaterThan(48 * HOUR);
  });

  it('holds every series and every sample', async () => {
    const listed = (await apiData(api, 'series', {
      'match[]': '{__name__=~".+"}',
      start: apiTime(scenario.startMs),
      end: apiTime(scenario.endMs),
    })) as Record<string, string>[];
    expect(listed.map(labelSetKey).sort()).toEqual(
      scenario.series.map((series) => labelSetKey(series.labels)).sort(),
    );
    // count_over_time drops the name; summing per name keeps histogram parts from colliding.
    const names = [...new Set(scenario.series.map((series) => series.labels.__name__ ?? ''))];
    const window = `${String(Math.ceil((scenario.endMs - scenario.startMs) / HOUR) + 1)}h`;
    const counts = await Promise.all(
      names.map((name) =>
        singleValue(api, `sum(count_over_time({__name__="${name}"}[${window}]))`, scenario.endMs),
      ),
    );
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(samples);
  });

  it('answers an instant query at any scrape with that scrape’s value', async () => {
    for (const [index, at] of [0, 4321, 9876, 14_400].entries()) {
      const series = scenario.series[(index * 61) % scenario.series.length];
      if (series === undefined) continue;
      const sample = Math.min(at, series.timestamps.length - 1);
      const selector = `{${Object.entries(series.labels)
        .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
        .join(',')}}`;
      expect(await singleValue(api, selector, series.timestamps[sample] ?? 0), selector).toBe(
        series.values[sample],
      );
    }
  });

  it('computes request rates on both days', async () => {
    const services = new Set(
      scenario.series
        .filter((series) => series.labels.__name__ === 'http_requests_total')
        .map((series) => series.labels.service),
    );
    for (const hours of [12, 36]) {
      const rates = await vectorQuery(
        api,
        'sum by (service) (rate(http_requests_total[5m]))',
        scenario.startMs + hours * HOUR,
      );
      expect(new Set(rates.map((rate) => rate.metric.service))).toEqual(services);
      for (const rate of rates) expect(Number(rate.value[1])).toBeGreaterThan(1);
    }
  });
});
