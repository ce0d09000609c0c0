/**
 * `http_requests_total{code}` and `http_request_duration_seconds` of every service that serves
 * HTTP. Per scrape and target: a request count from the daily cycle, drift and noise; 5xx shares
 * from the baseline and the faults; a latency mix from the faults. The histogram observes exactly
 * the requests the counters count, so `_count` equals the sum over codes at every sample.
 */

import { column, type EngineContext } from './context';
import type { HttpProfile, ServiceDefinition } from './definition';
import type { ErrorComponent, LatencyComponent } from './fault-levels';
import { HTTP_BUCKETS, HistogramCounter, type LatencyPart, leLabel } from './histogram';
import { type Random, roundRandomly, wander } from './random';

/** Timeouts and similar hard limits end requests at nearly the same time. */
const FAIL_LATENCY_SIGMA = 0.08;
/** Faults are not perfectly steady: their share of requests wobbles a little per scrape. */
const FAULT_JITTER = 0.05;

/**
 * One scrape target's running totals and the scratch space of its per-step work. The per-step
 * code runs for every scrape of a multi-day window, so it works on preallocated arrays.
 */
class TargetCounts {
  /** Status codes in label order, and one cumulative column per code. */
  readonly codes: readonly string[];
  readonly columns: readonly Float64Array[];
  readonly histogram: HistogramCounter;
  private readonly totals: Float64Array;
  /** 5xx codes (index into `codes`): `500` (the baseline errors) first, then the faults' own. */
  private readonly failing: readonly number[];
  private readonly failLatency: readonly (number | undefined)[];
  /** Per failing code: the faults adding to it. */
  private readonly failFaults: readonly (readonly ErrorComponent[])[];
  private readonly shares: Float64Array;
  /** Latency mix: one part per failing code, one per latency fault, then the normal part. */
  private readonly parts: LatencyPart[];
  private readonly ok: number;
  private readonly notFound: number;

  constructor(
    private readonly http: HttpProfile,
    errors: readonly ErrorComponent[],
    private readonly slow: readonly LatencyComponent[],
    steps: number,
  ) {
    const failCodes = ['500', ...new Set(errors.map((e) => e.code).filter((c) => c !== '500'))];
    this.codes = [...new Set(['200', '404', '503', ...failCodes])].sort();
    this.columns = this.codes.map(() => new Float64Array(steps));
    this.totals = new Float64Array(this.codes.length);
    this.failing = failCodes.map((code) => this.codes.indexOf(code));
    this.failFaults = failCodes.map((code) => errors.filter((e) => e.code === code));
    this.failLatency = this.failFaults.map(
      (list) => list.find((e) => e.failLatencySeconds !== undefined)?.failLatencySeconds,
    );
    this.shares = new Float64Array(failCodes.length);
    const { latencyMedianSeconds: median, latencySigma: sigma } = http;
    this.parts = [
      ...failCodes.map(() => ({ weight: 0, median, sigma: FAIL_LATENCY_SIGMA })),
      ...slow.map(() => ({ weight: 0, median, sigma })),
      { weight: 0, median, sigma },
    ];
    this.ok = this.codes.indexOf('200');
    this.notFound = this.codes.indexOf('404');
    this.histogram = new HistogramCounter(http.buckets ?? HTTP_BUCKETS, steps);
  }

  /** Share of requests failing with each failing code at step k (no faults when k < 0). */
  private failureShares(k: number, random: Random): Float64Array {
    let total = 0;
    for (let i = 0; i < this.shares.length; i++) {
      let share = i === 0 ? this.http.errorRatio : 0;
      for (const error of k >= 0 ? (this.failFaults[i] ?? []) : []) {
        const fault = (error.share[k] ?? 0) * (1 + FAULT_JITTER * random.gauss());
        share = 1 - (1 - share) * (1 - Math.min(1, Math.max(0, fault)));
      }
      this.shares[i] = share;
      total += share;
    }
    // Shares of different codes cannot add up to more than every request.
    if (total > 1)
      for (let i = 0; i < this.shares.length; i++) this.shares[i] = (this.shares[i] ?? 0) / total;
    return this.shares;
  }

  /** Counts one scrape's requests (k < 0: the days before the window, without faults). */
  observe(requests: number, k: number, random: Random): void {
    const shares = this.failureShares(k, random);
    const { parts, failing, totals } = this;
    let remaining = requests;
    let timedOut = 0;
    for (let i = 0; i < failing.length; i++) {
      const count = Math.min(remaining, roundRandomly(requests * (shares[i] ?? 0), random));
      remaining -= count;
      const code = failing[i] ?? 0;
      totals[code] = (totals[code] ?? 0) + count;
      // Failures with a latency of their own (a timeout) form their own part of the mix.
      const latency = k >= 0 ? this.failLatency[i] : undefined;
      const part = parts[i];
      if (part === undefined) continue;
      part.weight = latency === undefined ? 0 : count;
      part.median = latency ?? part.median;
      if (latency !== undefined) timedOut += count;
    }
    const notFound = Math.min(
      remaining,
      roundRandomly(remaining * this.http.notFoundRatio, random),
    );
    totals[this.notFound] = (totals[this.notFound] ?? 0) + notFound;
    totals[this.ok] = (totals[this.ok] ?? 0) + remaining - notFound;
    // Everything else takes the normal time, except the shares slowed by latency faults.
    const served = requests - timedOut;
    const median = this.http.latencyMedianSeconds;
    let normal = 1;
    this.slow.forEach((component, j) => {
      const part = parts[failing.length + j];
      if (part === undefined) return;
      const share = k >= 0 ? Math.min(normal, component.share) : 0;
      normal -= share;
      part.weight = served * share;
      part.median = median * (k >= 0 ? (component.multiplier[k] ?? 1) : 1);
    });
    const normalPart = parts[parts.length - 1];
    if (normalPart !== undefined) normalPart.weight = served * normal;
    this.histogram.observe(requests, parts, random);
  }

  write(k: number): void {
    this.columns.forEach((values, i) => (values[k] = this.totals[i] ?? 0));
    this.histogram.write(k);
  }
}

function addTarget(
  ctx: EngineContext,
  service: ServiceDefinition,
  http: HttpProfile,
  instance: string,
  share: number,
  drift: Float64Array,
): void {
  const { grid, faults } = ctx;
  const random = ctx.random(`http|${service.name}|${instance}`);
  const traffic = faults.level('traffic', { service: service.name });
  const counts = new TargetCounts(
    http,
    faults.errors(service.name),
    faults.latency(service.name),
    grid.steps,
  );
  // Counters do not start at zero: the process had been serving for days before the window.
  const uptimeSeconds = 86_400 * (1 + 5 * random.next());
  counts.observe(Math.round(http.requestsPerSecond * share * uptimeSeconds), -1, random);
  const perStep = http.requestsPerSecond * share * grid.stepSeconds;
  for (let k = 0; k < grid.steps; k++) {
    const noise = 1 + 0.03 * random.gauss();
    const expected =
      perStep * (ctx.daily[k] ?? 1) * (traffic[k] ?? 1) * (1 + (drift[k] ?? 0)) * noise;
    counts.observe(roundRandomly(Math.max(0, expected), random), k, random);
    counts.write(k);
  }

  const labels = {
    namespace: service.namespace,
    service: service.name,
    job: service.name,
    instance,
  };
  counts.codes.forEach((code, i) => {
    const values = counts.columns[i] ?? column(grid);
    ctx.sink.add('http_requests', { __name__: 'http_requests_total', ...labels, code }, values);
  });
  const family = 'http_request_duration_seconds';
  const { histogram } = counts;
  [...(http.buckets ?? HTTP_BUCKETS), Infinity].forEach((bound, j) => {
    const labelSet = { __name__: `${family}_bucket`, ...labels, le: leLabel(bound) };
    ctx.sink.add(family, labelSet, histogram.buckets[j] ?? column(grid));
  });
  ctx.sink.add(family, { __name__: `${family}_sum`, ...labels }, histogram.sum);
  ctx.sink.add(family, { __name__: `${family}_count`, ...labels }, histogram.count);
}

export function addHttpMetrics(ctx: EngineContext): void {
  ctx.sink.family('http_requests', 'counter', 'HTTP requests served, by status code.');
  ctx.sink.family('http_request_duration_seconds', 'histogram', 'HTTP request duration.');
  const { grid } = ctx;
  for (const service of ctx.def.services) {
    const { http } = service;
    if (http === undefined) continue;
    // Load drifts per service (users come and go); the split between targets is nearly even.
    const drift = wander(
      ctx.random(`traffic|${service.name}`),
      grid.steps,
      grid.stepSeconds,
      0.04,
      1200,
    );
    const instances = ctx.instancesOf(service);
    const balance = ctx.random(`balance|${service.name}`);
    for (const instance of instances) {
      const share = (1 + 0.05 * Math.max(-2, Math.min(2, balance.gauss()))) / instances.length;
      addTarget(ctx, service, http, instance, share, drift);
    }
  }
}
