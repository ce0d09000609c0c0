import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { AlignedQueryRange } from '../domain/step';
import { mergeTail, planRefresh, type RefreshPlan } from '../domain/tail-refresh';
import {
  labelValues,
  type LabelValuesOptions,
  type PrometheusEndpoint,
  type QueryOutcome,
  type RangeQuery,
} from './client';
import { cappedOutcome } from './capped-outcome';
import { queryRangeOffThread } from './off-thread-range';
import type { RequestPriority, RequestScheduler } from './scheduler';

/** Label values change when deployments come and go, not from one second to the next. */
const LABEL_VALUES_STALE_MS = 60_000;

export interface RangeQueryCap {
  /** Keep at most this many series, the top ones by peak (see `series-cap.ts`). */
  readonly maxSeries?: number;
}

/**
 * Everything the result depends on: server, expression, the absolute, step-aligned range and
 * the series cap. Two panels asking the same thing share one cache entry and one request.
 */
export function rangeQueryKey(
  endpoint: PrometheusEndpoint,
  query: RangeQuery,
  cap: RangeQueryCap = {},
) {
  return [
    'query_range',
    endpoint.url,
    endpoint.apiPath ?? '',
    query.expr,
    query.startMs,
    query.endMs,
    query.stepSeconds,
    cap.maxSeries ?? null,
  ] as const;
}

export function labelValuesQueryKey(
  endpoint: PrometheusEndpoint,
  name: string,
  options: LabelValuesOptions,
) {
  return [
    'label_values',
    endpoint.url,
    endpoint.apiPath ?? '',
    name,
    options.match ?? [],
    options.startMs ?? null,
    options.endMs ?? null,
  ] as const;
}

/** The cheapest way to answer `query` from what the cache already holds for its expression. */
function bestCachedStart(
  client: QueryClient,
  endpoint: PrometheusEndpoint,
  query: RangeQuery,
  cap: RangeQueryCap,
): { readonly plan: RefreshPlan; readonly outcome: QueryOutcome } | null {
  const prefix = ['query_range', endpoint.url, endpoint.apiPath ?? '', query.expr];
  let best: { plan: RefreshPlan; outcome: QueryOutcome; endMs: number } | null = null;
  for (const [key, outcome] of client.getQueriesData<QueryOutcome>({ queryKey: prefix })) {
    // A capped answer lacks the series it dropped, whose tails would come back alone.
    if (outcome === undefined || outcome.seriesTotal !== undefined) continue;
    const [, , , , startMs, endMs, stepSeconds, maxSeries] = key as ReturnType<
      typeof rangeQueryKey
    >;
    if (maxSeries !== (cap.maxSeries ?? null)) continue;
    const previous: AlignedQueryRange = { startMs, endMs, stepSeconds };
    const plan = planRefresh(previous, query);
    // The newest cached answer leaves the shortest tail to ask for. The same range asked again
    // (`r`, or a refresh after a failure) is asked whole: the caller wants it fresh.
    if (plan.kind === 'tail' && (best === null || endMs > best.endMs)) {
      best = { plan, outcome, endMs };
    }
  }
  return best;
}

/**
 * The answer for `query`: in live mode the range slides forward, and a cached answer for the
 * same expression, step and length covers all but its tail, so only the tail is asked for and
 * merged in (see `tail-refresh.ts`). Anything else is asked for whole.
 */
async function fetchRange(
  client: QueryClient,
  endpoint: PrometheusEndpoint,
  query: RangeQuery,
  cap: RangeQueryCap,
  signal: AbortSignal,
): Promise<QueryOutcome> {
  const start = bestCachedStart(client, endpoint, query, cap);
  // Parsed and cut off the main thread, before the answer is cached: an answer of 50,000
  // series must not freeze the page, and the cache holds no more than the panel draws.
  const whole = () => queryRangeOffThread(endpoint, query, signal, cap.maxSeries);
  if (start?.plan.kind !== 'tail') return whole();
  const tailStartMs = start.plan.tail.startMs;
  const tailQuery = { expr: query.expr, ...start.plan.tail };
  const tail = await queryRangeOffThread(endpoint, tailQuery, signal, cap.maxSeries);
  // More series in the tail than the panel draws: the tail alone cannot say which to keep.
  if (tail.seriesTotal !== undefined) return whole();
  const series = mergeTail(start.outcome.series, tail.series, query, tailStartMs);
  return cappedOutcome({ ...tail, series }, cap.maxSeries);
}

/**
 * The scheduler retries transient failures itself (with Retry-After and jitter), so
 * react-query must not retry on top of it. An absolute range's answer does not change, so it
 * never goes stale; a live view moves its range, which is a new key, answered from the previous
 * key's data plus a tail.
 */
export function rangeQueryOptions(
  endpoint: PrometheusEndpoint,
  query: RangeQuery,
  scheduler: RequestScheduler,
  priority: RequestPriority,
  cap: RangeQueryCap = {},
) {
  const queryKey = rangeQueryKey(endpoint, query, cap);
  return queryOptions({
    queryKey,
    // Reading react-query's signal is what lets it abort a query nobody observes any more.
    queryFn: ({ signal, client }) =>
      scheduler.run(
        JSON.stringify(queryKey),
        (taskSignal) => fetchRange(client, endpoint, query, cap, taskSignal),
        // Every range of one expression is one group: a refresh after a failed one is not retried.
        { signal, priority, group: JSON.stringify(queryKey.slice(0, 4)) },
      ),
    retry: false,
    staleTime: Infinity,
  });
}

export function labelValuesQueryOptions(
  endpoint: PrometheusEndpoint,
  name: string,
  options: LabelValuesOptions,
  scheduler: RequestScheduler,
) {
  const queryKey = labelValuesQueryKey(endpoint, name, options);
  return queryOptions({
    queryKey,
    queryFn: ({ signal }) =>
      scheduler.run(
        JSON.stringify(queryKey),
        (taskSignal) => labelValues(endpoint, name, options, taskSignal),
        { signal, priority: 'context' },
      ),
    retry: false,
    staleTime: LABEL_VALUES_STALE_MS,
  });
}
