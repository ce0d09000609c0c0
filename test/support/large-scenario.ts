import type {
  GeneratedScenario,
  Labels,
  MetricFamily,
  RawSeries,
} from '../../mocks/scenario/series';

/**
 * A long, wide scenario made by formula, for checking that the path to real Prometheus copes
 * with the size of the seed scenarios (C is about two days) and for measuring it: 12 services,
 * each with request counters, a latency histogram, queue gauges and `up`, plus node gauges —
 * 250 series.
 */

export interface LargeScenarioOptions {
  readonly startMs: number;
  readonly hours: number;
  readonly scrapeIntervalSeconds?: number;
}

const SERVICES = 12;
const CODES = ['200', '404', '500', '503'];
const BUCKETS = ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '10', '+Inf'];
const NODES = 10;

const families: MetricFamily[] = [
  { name: 'http_requests', type: 'counter', help: 'Requests.' },
  { name: 'http_request_duration_seconds', type: 'histogram', help: 'Latency.' },
  { name: 'queue_depth', type: 'gauge', help: 'Jobs waiting.' },
  { name: 'queue_oldest_job_age_seconds', type: 'gauge', help: 'Age of the oldest job.' },
  { name: 'up', type: 'gauge', help: 'Scrape health.' },
  { name: 'node_load1', type: 'gauge', help: 'Load average.' },
];

/** mulberry32: small, fast and deterministic, so the same options give the same samples. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A running total whose increments follow a daily cycle with noise. */
function counterValues(
  count: number,
  perScrape: number,
  seed: number,
  stepMs: number,
  startMs: number,
): Float64Array {
  const next = random(seed);
  const values = new Float64Array(count);
  let total = 0;
  for (let i = 0; i < count; i++) {
    const day = Math.sin(((startMs + i * stepMs) / 86_400_000) * 2 * Math.PI);
    total += Math.round(perScrape * (1.2 + 0.5 * day) * (0.8 + 0.4 * next()));
    values[i] = total;
  }
  return values;
}

function gaugeValues(count: number, base: number, seed: number): Float64Array {
  const next = random(seed);
  return Float64Array.from(
    { length: count },
    (_, i) => base + base * 0.3 * Math.sin(i / 240) + next() * base * 0.1,
  );
}

export function largeScenario({
  startMs,
  hours,
  scrapeIntervalSeconds = 15,
}: LargeScenarioOptions): GeneratedScenario {
  const stepMs = scrapeIntervalSeconds * 1000;
  const count = Math.floor((hours * 3_600_000) / stepMs) + 1;
  const timestamps = Float64Array.from({ length: count }, (_, i) => startMs + i * stepMs);
  const make = (family: string, labels: Labels, values: Float64Array): RawSeries => ({
    family,
    labels,
    timestamps,
    values,
  });
  const series: RawSeries[] = [];
  let seed = 1;
  for (let s = 0; s < SERVICES; s++) {
    const app = { namespace: `ns-${String(s % 3)}`, service: `svc-${String(s)}` };
    for (const code of CODES) {
      const perScrape = code === '200' ? 3000 : 30;
      series.push(
        make(
          'http_requests',
          { __name__: 'http_requests_total', ...app, code },
          counterValues(count, perScrape, seed++, stepMs, startMs),
        ),
      );
    }
    // Cumulative buckets: each bound holds a larger share of the same requests.
    const requests = counterValues(count, 3000, seed++, stepMs, startMs);
    BUCKETS.forEach((le, b) => {
      const share = le === '+Inf' ? 1 : (b + 1) / BUCKETS.length;
      series.push(
        make(
          'http_request_duration_seconds',
          { __name__: 'http_request_duration_seconds_bucket', ...app, le },
          requests.map((v) => Math.floor(v * share)),
        ),
      );
    });
    series.push(
      make(
        'http_request_duration_seconds',
        { __name__: 'http_request_duration_seconds_sum', ...app },
        requests.map((v) => v * 0.137),
      ),
    );
    series.push(
      make(
        'http_request_duration_seconds',
        { __name__: 'http_request_duration_seconds_count', ...app },
        requests,
      ),
    );
    series.push(
      make(
        'queue_depth',
        { __name__: 'queue_depth', ...app, queue: 'jobs' },
        gaugeValues(count, 40, seed++),
      ),
    );
    series.push(
      make(
        'queue_oldest_job_age_seconds',
        { __name__: 'queue_oldest_job_age_seconds', ...app, queue: 'jobs' },
        gaugeValues(count, 12, seed++),
      ),
    );
    series.push(make('up', { __name__: 'up', job: app.service }, new Float64Array(count).fill(1)));
  }
  for (let n = 0; n < NODES; n++) {
    series.push(
      make(
        'node_load1',
        { __name__: 'node_load1', instance: `node-${String(n)}` },
        gaugeValues(count, 2, seed++),
      ),
    );
  }
  return {
    id: `large-${String(hours)}h`,
    startMs,
    endMs: timestamps[count - 1] ?? startMs,
    scrapeIntervalSeconds,
    families,
    series,
  };
}
