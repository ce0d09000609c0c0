import type { PrometheusEndpoint, QueryOutcome, RangeQuery } from './client';
import type { PrometheusErrorKind } from './errors';

/**
 * Messages between the page and the worker that asks Prometheus for range queries, so that
 * parsing a huge answer (50,000 series are some 25 MB of JSON) and cutting it to the series a
 * panel draws happen off the page's main thread.
 */

export type ToRangeWorker =
  | {
      readonly type: 'query';
      readonly id: number;
      readonly endpoint: PrometheusEndpoint;
      readonly query: RangeQuery;
      readonly maxSeries?: number;
    }
  | { readonly type: 'abort'; readonly id: number };

/** A PrometheusError as plain data: a class does not survive the trip between threads. */
export interface SentError {
  readonly kind: PrometheusErrorKind;
  readonly message: string;
  readonly httpStatus?: number;
  readonly retryAfterSeconds?: number;
}

export type FromRangeWorker =
  | { readonly id: number; readonly ok: true; readonly outcome: QueryOutcome }
  | { readonly id: number; readonly ok: false; readonly error: SentError };
