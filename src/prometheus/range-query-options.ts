import { queryOptions } from '@tanstack/react-query';
import { queryRange, type PrometheusEndpoint, type RangeQuery } from './client';
import { PrometheusError, isTransient } from './errors';

/**
 * The key holds everything the result depends on: server, expression, and the absolute,
 * step-aligned range. Two panels asking the same thing share one request.
 */
export function rangeQueryOptions(endpoint: PrometheusEndpoint, query: RangeQuery) {
  return queryOptions({
    queryKey: [
      'query_range',
      endpoint.url,
      endpoint.apiPath ?? '',
      query.expr,
      query.startMs,
      query.endMs,
      query.stepSeconds,
    ] as const,
    queryFn: ({ signal }) => queryRange(endpoint, query, signal),
    retry: (failures, error) =>
      failures < 3 && error instanceof PrometheusError && isTransient(error),
    staleTime: Infinity,
  });
}
