import { queryOptions } from '@tanstack/react-query';
import {
  labelValues,
  queryRange,
  type LabelValuesOptions,
  type PrometheusEndpoint,
  type RangeQuery,
} from './client';
import type { RequestScheduler } from './scheduler';

/** Label values change when deployments come and go, not from one second to the next. */
const LABEL_VALUES_STALE_MS = 60_000;

/**
 * Everything the result depends on: server, expression and the absolute, step-aligned range.
 * Two panels asking the same thing share one cache entry and one request.
 */
export function rangeQueryKey(endpoint: PrometheusEndpoint, query: RangeQuery) {
  return [
    'query_range',
    endpoint.url,
    endpoint.apiPath ?? '',
    query.expr,
    query.startMs,
    query.endMs,
    query.stepSeconds,
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

/**
 * The scheduler retries transient failures itself (with Retry-After and jitter), so
 * react-query must not retry on top of it. An absolute range's answer does not change, so it
 * never goes stale; a live view moves its range, which is a new key.
 */
export function rangeQueryOptions(
  endpoint: PrometheusEndpoint,
  query: RangeQuery,
  scheduler: RequestScheduler,
) {
  const queryKey = rangeQueryKey(endpoint, query);
  return queryOptions({
    queryKey,
    // Reading react-query's signal is what lets it abort a query nobody observes any more.
    queryFn: ({ signal }) =>
      scheduler.run(
        JSON.stringify(queryKey),
        (taskSignal) => queryRange(endpoint, query, taskSignal),
        signal,
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
        signal,
      ),
    retry: false,
    staleTime: LABEL_VALUES_STALE_MS,
  });
}
