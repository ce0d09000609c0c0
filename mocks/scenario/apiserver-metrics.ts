/**
 * Kubernetes API-server metrics of one control plane: requests by verb/resource/code, in-flight
 * requests (by Little's law from rate × latency, capped at the server's limits, as a saturated
 * server is), latency histograms per verb, and API Priority and Fairness rejections, which are
 * exactly the requests answered 429.
 */

import { column, type EngineContext } from './context';
import type { ApiVerb } from './definition';
import { HistogramCounter, leLabel, mixMean } from './histogram';
import { roundRandomly, wander } from './random';

interface RequestKind {
  readonly verb: ApiVerb;
  readonly resource: string;
  /** Share of all API requests on a normal day. */
  readonly share: number;
  readonly success: '200' | '201';
}

/** A node-heavy cluster: lease renewals and node status dominate, LIST is rare but costly. */
const REQUEST_MIX: readonly RequestKind[] = [
  { verb: 'GET', resource: 'pods', share: 0.14, success: '200' },
  { verb: 'GET', resource: 'configmaps', share: 0.08, success: '200' },
  { verb: 'LIST', resource: 'pods', share: 0.04, success: '200' },
  { verb: 'LIST', resource: 'nodes', share: 0.02, success: '200' },
  { verb: 'LIST', resource: 'endpointslices', share: 0.03, success: '200' },
  { verb: 'WATCH', resource: 'pods', share: 0.03, success: '200' },
  { verb: 'WATCH', resource: 'endpointslices', share: 0.03, success: '200' },
  { verb: 'PATCH', resource: 'nodes', share: 0.18, success: '200' },
  { verb: 'PUT', resource: 'leases', share: 0.4, success: '200' },
  { verb: 'POST', resource: 'pods', share: 0.05, success: '201' },
];

/** Median request duration per verb; WATCH is long-running and kept out of the histogram. */
const MEDIAN_SECONDS: Partial<Record<ApiVerb, number>> = {
  GET: 0.012,
  LIST: 0.09,
  PATCH: 0.02,
  PUT: 0.01,
  POST: 0.03,
};
const SIGMA = 0.8;
const BUCKETS = [0.025, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 60];
/** kube-apiserver defaults: --max-requests-inflight and --max-mutating-requests-inflight. */
const INFLIGHT_LIMIT = { readOnly: 400, mutating: 200 };
const READ_ONLY: ReadonlySet<ApiVerb> = new Set(['GET', 'LIST']);
const REJECTIONS = [
  { priority_level: 'workload-low', reason: 'queue-full', share: 0.5 },
  { priority_level: 'workload-low', reason: 'time-out', share: 0.2 },
  { priority_level: 'global-default', reason: 'queue-full', share: 0.2 },
  { priority_level: 'global-default', reason: 'time-out', share: 0.1 },
];

export const APISERVER_TARGET = { job: 'apiserver', instance: '10.0.0.1:6443' };

interface Counter {
  total: number;
  readonly values: Float64Array;
}

/** The simulated series of one API server, before they get their labels. */
interface ApiserverColumns {
  readonly requests: { readonly kind: RequestKind; readonly codes: Map<string, Counter> }[];
  readonly inflight: Record<'readOnly' | 'mutating', Float64Array>;
  readonly histograms: Map<ApiVerb, HistogramCounter>;
  readonly rejected: (Counter & (typeof REJECTIONS)[number])[];
}

function count(counter: Counter | undefined, k: number, increment: number): void {
  if (counter === undefined) return;
  counter.total += increment;
  counter.values[k] = counter.total;
}

function simulate(ctx: EngineContext): ApiserverColumns {
  const { grid, faults } = ctx;
  const random = ctx.random('apiserver');
  const drift = wander(random, grid.steps, grid.stepSeconds, 0.03, 1800);
  const latency = faults.level('apiserver_latency');
  const throttle = faults.level('apiserver_throttle');
  const failing = faults.level('apiserver_errors');
  const counter = (): Counter => ({ total: 0, values: column(grid) });
  const columns: ApiserverColumns = {
    requests: REQUEST_MIX.map((kind) => ({
      kind,
      codes: new Map([kind.success, '429', '500'].map((code) => [code, counter()])),
    })),
    inflight: { readOnly: column(grid), mutating: column(grid) },
    histograms: new Map(
      Object.keys(MEDIAN_SECONDS).map((verb) => [
        verb as ApiVerb,
        new HistogramCounter(BUCKETS, grid.steps),
      ]),
    ),
    rejected: REJECTIONS.map((r) => ({ ...r, ...counter() })),
  };
  // The hot loop below runs for every scrape of a multi-day window: plain arrays, no lookups.
  const verbs = [...columns.histograms.keys()];
  const kinds = columns.requests.map(({ kind, codes }) => ({
    share: kind.share,
    load: faults.level('apiserver_load', { verb: kind.verb }),
    verb: verbs.indexOf(kind.verb),
    counters: [codes.get(kind.success), codes.get('429'), codes.get('500')] as const,
  }));
  const histograms = verbs.map((verb) => ({
    histogram: columns.histograms.get(verb),
    median: MEDIAN_SECONDS[verb] ?? 0.01,
    readOnly: READ_ONLY.has(verb),
  }));
  const byVerb = new Float64Array(verbs.length);
  const part = { weight: 1, median: 0, sigma: SIGMA };
  const perStep = ctx.def.cluster.apiserverRequestsPerSecond * grid.stepSeconds;

  for (let k = 0; k < grid.steps; k++) {
    // Control-plane load follows the day only weakly: nodes and controllers never sleep.
    const base = perStep * (1 + 0.2 * ((ctx.daily[k] ?? 1) - 1)) * (1 + (drift[k] ?? 0));
    byVerb.fill(0);
    let throttled = 0;
    for (const { share, load, verb, counters } of kinds) {
      const expected = base * share * (load[k] ?? 1) * (1 + 0.03 * random.gauss());
      const requests = roundRandomly(Math.max(0, expected), random);
      const tooMany = roundRandomly(requests * (throttle[k] ?? 0), random);
      const admitted = requests - tooMany;
      const errors = Math.min(
        admitted,
        roundRandomly(admitted * (0.0002 + (failing[k] ?? 0)), random),
      );
      count(counters[0], k, admitted - errors);
      count(counters[1], k, tooMany);
      count(counters[2], k, errors);
      throttled += tooMany;
      if (verb >= 0) byVerb[verb] = (byVerb[verb] ?? 0) + requests;
    }
    let readOnly = 0;
    let mutating = 0;
    histograms.forEach(({ histogram, median, readOnly: isReadOnly }, v) => {
      part.median = median * (latency[k] ?? 1);
      const requests = byVerb[v] ?? 0;
      histogram?.observe(requests, [part], random);
      histogram?.write(k);
      // Little's law: requests in flight = arrival rate × time in the server.
      const busy = (requests / grid.stepSeconds) * mixMean([part]);
      if (isReadOnly) readOnly += busy;
      else mutating += busy;
    });
    const noisy = (busy: number): number =>
      Math.max(0, Math.round(busy * (1 + 0.15 * random.gauss()) + 2));
    columns.inflight.readOnly[k] = Math.min(INFLIGHT_LIMIT.readOnly, noisy(readOnly));
    columns.inflight.mutating[k] = Math.min(INFLIGHT_LIMIT.mutating, noisy(mutating));
    // Every 429 is an APF rejection; split them over priority levels and reasons.
    let left = throttled;
    columns.rejected.forEach((entry, i) => {
      const last = i === columns.rejected.length - 1;
      const share = last ? left : Math.min(left, roundRandomly(throttled * entry.share, random));
      left -= share;
      count(entry, k, share);
    });
  }
  return columns;
}

export function addApiserverMetrics(ctx: EngineContext): void {
  const { grid, sink } = ctx;
  sink.family('apiserver_request', 'counter', 'API-server requests by verb, resource and code.');
  sink.family('apiserver_current_inflight_requests', 'gauge', 'Requests being served now.');
  sink.family('apiserver_request_duration_seconds', 'histogram', 'API-server request latency.');
  sink.family('apiserver_flowcontrol_rejected_requests', 'counter', 'Requests rejected by APF.');
  const columns = simulate(ctx);
  const target = APISERVER_TARGET;

  for (const { kind, codes } of columns.requests) {
    for (const [code, { values }] of codes) {
      const labels = {
        __name__: 'apiserver_request_total',
        verb: kind.verb,
        resource: kind.resource,
        code,
      };
      sink.add('apiserver_request', { ...labels, ...target }, values);
    }
  }
  for (const [kind, values] of Object.entries(columns.inflight)) {
    const labels = {
      __name__: 'apiserver_current_inflight_requests',
      request_kind: kind,
      ...target,
    };
    sink.add('apiserver_current_inflight_requests', labels, values);
  }
  const family = 'apiserver_request_duration_seconds';
  for (const [verb, histogram] of columns.histograms) {
    [...BUCKETS, Infinity].forEach((bound, j) => {
      const labels = { __name__: `${family}_bucket`, verb, le: leLabel(bound), ...target };
      sink.add(family, labels, histogram.buckets[j] ?? column(grid));
    });
    sink.add(family, { __name__: `${family}_sum`, verb, ...target }, histogram.sum);
    sink.add(family, { __name__: `${family}_count`, verb, ...target }, histogram.count);
  }
  for (const { priority_level, reason, values } of columns.rejected) {
    const labels = {
      __name__: 'apiserver_flowcontrol_rejected_requests_total',
      priority_level,
      reason,
    };
    sink.add('apiserver_flowcontrol_rejected_requests', { ...labels, ...target }, values);
  }
}
