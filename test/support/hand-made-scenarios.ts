import type {
  GeneratedScenario,
  Labels,
  MetricFamily,
  RawSeries,
} from '../../mocks/scenario/series';

/**
 * Scenarios built by hand for testing the path to real Prometheus on its own: every sample is
 * known in advance, so what Prometheus serves can be checked value by value.
 */

export const SCRAPE_SECONDS = 15;
const SCRAPE_MS = SCRAPE_SECONDS * 1000;

/** 2024-01-29T22:00:00Z, the evening of scenario A. */
export const SMALL_START_MS = Date.UTC(2024, 0, 29, 22, 0, 0);
export const SMALL_SAMPLES = 240;
export const SMALL_END_MS = SMALL_START_MS + (SMALL_SAMPLES - 1) * SCRAPE_MS;

/** Values that break naive formatting, cycled through by the `special_values` gauge. */
export const SPECIAL_VALUES: readonly number[] = [
  NaN,
  Infinity,
  -Infinity,
  -0,
  5e-324,
  Number.MAX_VALUE,
  0.1,
  1e21,
  -1.5e-7,
  1 / 3,
  123456789.12345679,
];

/** A label value with every character OpenMetrics escapes, and some it does not. */
export const AWKWARD_LABEL_VALUE = 'C:\\temp "quoted"\nsecond line {a=b,c} ü 🚀';

function series(
  family: string,
  labels: Labels,
  indices: readonly number[],
  value: (i: number) => number,
  startMs = SMALL_START_MS,
): RawSeries {
  return {
    family,
    labels,
    timestamps: Float64Array.from(indices, (i) => startMs + i * SCRAPE_MS),
    values: Float64Array.from(indices, value),
  };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, k) => from + k);
}

const all = range(0, SMALL_SAMPLES);

/** Bucket bounds and cumulative counts added per scrape: p50 is exactly 0.3 s. */
export const LATENCY_BUCKETS: readonly (readonly [string, number])[] = [
  ['0.1', 10],
  ['0.5', 30],
  ['1', 40],
  ['+Inf', 40],
];

const families: MetricFamily[] = [
  { name: 'http_requests', type: 'counter', help: 'Requests by "code"\\status.\nSecond line.' },
  { name: 'queue_depth', type: 'gauge', help: 'Jobs waiting.' },
  { name: 'special_values', type: 'gauge', help: 'Values that are hard to write.' },
  { name: 'http_request_duration_seconds', type: 'histogram', help: 'Latency.' },
  { name: 'awkward_labels', type: 'gauge', help: 'Labels that need escaping.' },
];

/**
 * One hour at 15 s: counters (one with a reset), a gauge with a gap, special values, a
 * histogram and awkward label values.
 */
export function smallScenario(): GeneratedScenario {
  const api = { service: 'api', namespace: 'chat' };
  return {
    id: 'hand-made-small',
    startMs: SMALL_START_MS,
    endMs: SMALL_END_MS,
    scrapeIntervalSeconds: SCRAPE_SECONDS,
    families,
    series: [
      series(
        'http_requests',
        { __name__: 'http_requests_total', ...api, code: '200' },
        all,
        (i) => 1000 + 3 * i,
      ),
      series(
        'http_requests',
        { __name__: 'http_requests_total', ...api, code: '500' },
        all,
        (i) => 0.75 * i,
      ),
      // Restarts at sample 120, as a counter does when its process restarts.
      series(
        'http_requests',
        { __name__: 'http_requests_total', service: 'web', namespace: 'chat', code: '200' },
        all,
        (i) => (i < 120 ? 2 * i : 2 * (i - 120)),
      ),
      // Absent from sample 100 to 139: a blind spot.
      series(
        'queue_depth',
        { __name__: 'queue_depth', service: 'worker', queue: 'jobs', empty: '' },
        [...range(0, 100), ...range(140, SMALL_SAMPLES)],
        (i) => 50 + 10 * Math.sin(i / 7),
      ),
      series(
        'special_values',
        { __name__: 'special_values' },
        all,
        (i) => SPECIAL_VALUES[i % SPECIAL_VALUES.length] ?? 0,
      ),
      ...LATENCY_BUCKETS.map(([le, perScrape]) =>
        series(
          'http_request_duration_seconds',
          { __name__: 'http_request_duration_seconds_bucket', ...api, le },
          all,
          (i) => perScrape * i,
        ),
      ),
      series(
        'http_request_duration_seconds',
        { __name__: 'http_request_duration_seconds_sum', ...api },
        all,
        (i) => 12 * i,
      ),
      series(
        'http_request_duration_seconds',
        { __name__: 'http_request_duration_seconds_count', ...api },
        all,
        (i) => 40 * i,
      ),
      series(
        'awkward_labels',
        { __name__: 'awkward_labels', path: AWKWARD_LABEL_VALUE },
        all,
        (i) => i,
      ),
      series('awkward_labels', { __name__: 'awkward_labels', path: '\\' }, all, (i) => -i),
    ],
  };
}

/**
 * Sample times with milliseconds that promtool's `int64(seconds * 1000)` would round down
 * by one when written plainly (checked: `2189648534.220` lands on …219).
 */
export function subSecondScenario(): GeneratedScenario {
  const times = [
    2189648534220, 2189648549220, 2189648564003, 2189648579594, 2189648594999, 2189648609001,
  ];
  return {
    id: 'hand-made-subsecond',
    startMs: times[0] ?? 0,
    endMs: times[times.length - 1] ?? 0,
    scrapeIntervalSeconds: SCRAPE_SECONDS,
    families: [{ name: 'subsecond', type: 'gauge', help: 'Sample times with milliseconds.' }],
    series: [
      {
        family: 'subsecond',
        labels: { __name__: 'subsecond' },
        timestamps: Float64Array.from(times),
        values: Float64Array.from(times, (_, i) => i),
      },
    ],
  };
}
