import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawSeries } from '../../mocks/scenario/series';
import {
  AWKWARD_LABEL_VALUE,
  SMALL_END_MS,
  SMALL_START_MS,
  smallScenario,
  subSecondScenario,
} from '../support/hand-made-scenarios';
import { backfill, startPrometheus } from '../support/prometheus';
import {
  apiData,
  matrixQuery,
  parseApiValue,
  singleValue,
  vectorQuery,
} from '../support/prometheus-api';
import type { RunningService } from '../support/service-process';

const scenario = smallScenario();
const MINUTE = 60_000;
/** Half a scrape after a sample: clear of the inclusive edges of range selectors. */
const BETWEEN = 7_500;

let prometheus: RunningService | undefined;
let api = '';

beforeAll(async () => {
  prometheus = await startPrometheus(await backfill(scenario));
  api = `${prometheus.url}/api/v1`;
});

afterAll(async () => {
  await prometheus?.stop();
});

function labelKey(labels: Readonly<Record<string, string>>): string {
  return JSON.stringify(
    Object.entries(labels)
      .filter(([, value]) => value !== '')
      .sort(),
  );
}

function expected(series: RawSeries): [number, number][] {
  return Array.from(series.timestamps, (t, i) => [t, series.values[i] ?? NaN]);
}

describe('a hand-made scenario backfilled from OpenMetrics into real Prometheus', () => {
  it('serves every sample of every series with its exact time and value', async () => {
    const span = `${String((SMALL_END_MS - SMALL_START_MS) / 1000)}s`;
    const served = await matrixQuery(api, `{__name__=~".+"}[${span}]`, SMALL_END_MS);
    const byLabels = new Map(served.map((s) => [labelKey(s.metric), s.values]));
    expect(byLabels.size).toBe(scenario.series.length);
    for (const series of scenario.series) {
      const values = byLabels.get(labelKey(series.labels));
      const got = (values ?? []).map(([t, v]): [number, number] => [
        Math.round(t * 1000),
        parseApiValue(v),
      ]);
      // toEqual treats NaN as equal to NaN and tells -0 from 0.
      expect(got, labelKey(series.labels)).toEqual(expected(series));
    }
  });

  it('counts the same number of samples per series as were written, so none was dropped', async () => {
    // count_over_time drops the metric name, so count one name at a time to keep series apart.
    let total = 0;
    for (const name of new Set(scenario.series.map((s) => s.labels.__name__ ?? ''))) {
      total += await singleValue(
        api,
        `sum(count_over_time({__name__="${name}"}[2h]))`,
        SMALL_END_MS,
      );
      const counts = await vectorQuery(
        api,
        `count_over_time({__name__="${name}"}[2h])`,
        SMALL_END_MS,
      );
      const byLabels = new Map(
        counts.map((s) => [labelKey({ ...s.metric, __name__: name }), Number(s.value[1])]),
      );
      for (const series of scenario.series.filter((s) => s.labels.__name__ === name)) {
        expect(byLabels.get(labelKey(series.labels)), labelKey(series.labels)).toBe(
          series.timestamps.length,
        );
      }
    }
    expect(total).toBe(scenario.series.reduce((sum, s) => sum + s.timestamps.length, 0));
  });

  it('leaves a series absent during its gap', async () => {
    const inGap = SMALL_START_MS + 120 * 15_000;
    expect(await vectorQuery(api, 'queue_depth', inGap)).toEqual([]);
    expect(await vectorQuery(api, 'queue_depth', inGap + 30 * MINUTE)).toHaveLength(1);
  });

  it('computes a counter rate from the samples: 3 per 15 s is 0.2 per second', async () => {
    const at = SMALL_START_MS + 30 * MINUTE + BETWEEN;
    expect(
      await singleValue(api, 'rate(http_requests_total{service="api",code="200"}[1m])', at),
    ).toBeCloseTo(0.2, 12);
    expect(await singleValue(api, 'rate(http_requests_total{code="500"}[5m])', at)).toBeCloseTo(
      0.05,
      12,
    );
  });

  it('keeps a counter rate positive across a reset', async () => {
    const resetAt = SMALL_START_MS + 120 * 15_000;
    const rate = 'rate(http_requests_total{service="web"}[1m])';
    expect(await singleValue(api, rate, resetAt - 5 * MINUTE)).toBeCloseTo(2 / 15, 12);
    const acrossReset = await singleValue(api, rate, resetAt + 15_000 + BETWEEN);
    expect(acrossReset).toBeGreaterThan(0);
    expect(acrossReset).toBeLessThanOrEqual(2 / 15);
  });

  it('interpolates quantiles within histogram buckets', async () => {
    const at = SMALL_START_MS + 30 * MINUTE + BETWEEN;
    const quantile = (q: number) =>
      singleValue(
        api,
        `histogram_quantile(${String(q)}, rate(http_request_duration_seconds_bucket[1m]))`,
        at,
      );
    // 10 of 40 requests ≤ 0.1 s, 30 ≤ 0.5 s, 40 ≤ 1 s per scrape.
    expect(await quantile(0.5)).toBeCloseTo(0.3, 12);
    expect(await quantile(0.99)).toBeCloseTo(0.98, 12);
    const mean =
      'rate(http_request_duration_seconds_sum[1m]) / rate(http_request_duration_seconds_count[1m])';
    expect(await singleValue(api, mean, at)).toBeCloseTo(0.3, 12);
  });

  it('keeps label values with backslashes, quotes, newlines and emoji intact', async () => {
    const series = (await apiData(api, 'series', {
      'match[]': 'awkward_labels',
      start: String(SMALL_START_MS / 1000),
      end: String(SMALL_END_MS / 1000),
    })) as Record<string, string>[];
    expect(series.map((s) => s.path).sort()).toEqual([AWKWARD_LABEL_VALUE, '\\'].sort());
    const values = (await apiData(api, 'label/path/values', {})) as string[];
    expect(values).toContain(AWKWARD_LABEL_VALUE);
    const at = SMALL_START_MS + 10 * MINUTE;
    // JSON string syntax is valid PromQL string syntax for these characters.
    expect(
      await singleValue(api, `awkward_labels{path=${JSON.stringify(AWKWARD_LABEL_VALUE)}}`, at),
    ).toBe(40);
    expect(await singleValue(api, `awkward_labels{path="\\\\"}`, at)).toBe(-40);
  });
});

describe('sample times with milliseconds', () => {
  const subSecond = subSecondScenario();
  let served: RunningService | undefined;

  afterAll(async () => {
    await served?.stop();
  });

  it('land on the exact millisecond, where plain seconds would lose one', async () => {
    served = await startPrometheus(await backfill(subSecond));
    const [series] = subSecond.series;
    const end = subSecond.endMs;
    const result = await matrixQuery(`${served.url}/api/v1`, 'subsecond[5m]', end);
    expect(result[0]?.values.map(([t]) => Math.round(t * 1000))).toEqual(
      Array.from(series?.timestamps ?? []),
    );
  });
});
