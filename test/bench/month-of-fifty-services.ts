import type { GeneratedScenario, MetricFamily, RawSeries } from '../../mocks/scenario/series';
import { mulberry32 } from '../../mocks/scenario/random';

/**
 * For the time-to-first-chart figure: 50 services over 31 days at a 60 s scrape, so the error
 * ratio panel draws 50 series and the latency panel 50 per quantile at any range up to 30 days.
 * Only what those two panels read is written — `http_requests_total{code="200"|"500"}` and three
 * `http_request_duration_seconds_bucket` bounds per service — since the full scenario engine's
 * ≈ 20 series per service would make a month ≈ 40 M samples, minutes of backfill. The shape is
 * plain (a daily cycle and a little noise); the figure is about how much Prometheus and the page
 * have to carry, not about what the lines say.
 */

export const MONTH_END_MS = Date.parse('2024-07-01T00:00:00Z');
const DAYS = 31;
const SCRAPE_SECONDS = 60;
export const SERVICE_COUNT = 50;
const CLUSTER = 'prod-bench-1';
/** Bucket bounds and the share of requests at or under each (the last is `+Inf`). */
const BUCKETS: readonly (readonly [string, number])[] = [
  ['0.25', 0.6],
  ['1', 0.95],
  ['+Inf', 1],
];

const families: readonly MetricFamily[] = [
  { name: 'http_requests', type: 'counter', help: 'HTTP requests by status code.' },
  {
    name: 'http_request_duration_seconds',
    type: 'histogram',
    help: 'HTTP request duration in seconds.',
  },
];

/** A repeatable noise source. */
const noise = mulberry32;

export function monthOfFiftyServices(): GeneratedScenario {
  const steps = (DAYS * 86_400) / SCRAPE_SECONDS;
  const startMs = MONTH_END_MS - (steps - 1) * SCRAPE_SECONDS * 1000;
  const timestamps = new Float64Array(steps);
  for (let i = 0; i < steps; i++) timestamps[i] = startMs + i * SCRAPE_SECONDS * 1000;
  const series: RawSeries[] = [];
  for (let s = 0; s < SERVICE_COUNT; s++) {
    const service = `svc-${String(s).padStart(2, '0')}`;
    const labels = {
      cluster: CLUSTER,
      namespace: service,
      service,
      job: service,
      instance: `10.0.${String(s)}.1:8080`,
    };
    const random = noise(s + 1);
    const meanRate = 20 + 10 * s;
    const errorShare = 0.001 * (1 + (s % 7));
    const ok = new Float64Array(steps);
    const failed = new Float64Array(steps);
    const buckets = BUCKETS.map(() => new Float64Array(steps));
    let okTotal = 0;
    let failedTotal = 0;
    let seen = 0;
    for (let i = 0; i < steps; i++) {
      const dayPhase = (2 * Math.PI * (timestamps[i] ?? 0)) / 86_400_000;
      const rate = meanRate * (1 + 0.3 * Math.sin(dayPhase + s) + 0.05 * (random() - 0.5));
      const requests = Math.round(rate * SCRAPE_SECONDS);
      const errors = Math.round(requests * errorShare * (0.5 + random()));
      okTotal += requests - errors;
      failedTotal += errors;
      seen += requests;
      ok[i] = okTotal;
      failed[i] = failedTotal;
      BUCKETS.forEach(([, share], b) => {
        const column = buckets[b];
        if (column) column[i] = Math.round(seen * share);
      });
    }
    for (const [code, values] of [
      ['200', ok],
      ['500', failed],
    ] as const) {
      series.push({
        family: 'http_requests',
        labels: { __name__: 'http_requests_total', ...labels, code },
        timestamps,
        values,
      });
    }
    BUCKETS.forEach(([le], b) => {
      series.push({
        family: 'http_request_duration_seconds',
        labels: { __name__: 'http_request_duration_seconds_bucket', ...labels, le },
        timestamps,
        values: buckets[b] ?? new Float64Array(steps),
      });
    });
  }
  return {
    id: 'bench-month-50-services',
    startMs,
    endMs: MONTH_END_MS,
    scrapeIntervalSeconds: SCRAPE_SECONDS,
    families,
    series,
  };
}
