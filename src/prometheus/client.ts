import { PrometheusDriver, ResponseType, type PrometheusConnectionOptions } from 'prometheus-query';
import type { TimeSeries } from '../domain/series';
import { PrometheusError, fromErrorBody, kindForStatus, parseRetryAfter } from './errors';

/**
 * The only module that touches prometheus-query. It adds what the driver lacks: a per-request
 * AbortSignal, errors as typed values, warnings read from the JSON body, ±Inf kept as numbers,
 * and POST for queries too long for a URL.
 */

export interface PrometheusEndpoint {
  /** Origin (and optional path prefix) of the server, e.g. `http://127.0.0.1:9090`. */
  readonly url: string;
  /** API path under `url`; `/api/v1/` for Prometheus itself. */
  readonly apiPath?: string;
}

export interface RangeQuery {
  readonly expr: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly stepSeconds: number;
}

export interface QueryOutcome {
  readonly series: readonly TimeSeries[];
  readonly warnings: readonly string[];
}

/** Queries longer than this go in a POST body: proxies cut URLs at a few KB. */
const POST_THRESHOLD_CHARS = 1500;

type Interceptors = Pick<PrometheusConnectionOptions, 'requestInterceptor' | 'responseInterceptor'>;

interface HttpFailure {
  code?: string;
  message?: string;
  response?: { status: number; data: unknown; headers?: Record<string, unknown> };
}

function failureToError(failure: HttpFailure): PrometheusError {
  if (failure.code === 'ERR_CANCELED') return new PrometheusError('canceled', 'Request canceled');
  const response = failure.response;
  if (response === undefined) {
    return failure.code === 'ECONNABORTED' || failure.code === 'ETIMEDOUT'
      ? new PrometheusError('timeout', 'Prometheus did not answer in time')
      : new PrometheusError(
          'network',
          `Cannot reach Prometheus (${failure.message ?? 'network error'})`,
        );
  }
  const retryAfter = parseRetryAfter(response.headers?.['retry-after'], Date.now());
  const typed = fromErrorBody(response.data, response.status, retryAfter);
  if (typed) return typed;
  const text = typeof response.data === 'string' ? response.data.trim().slice(0, 200) : '';
  return new PrometheusError(
    kindForStatus(response.status),
    `HTTP ${String(response.status)}${text ? `: ${text}` : ''}`,
    response.status,
    retryAfter,
  );
}

/** prometheus-query parses `"+Inf"` as NaN; `"Infinity"` parses to what Prometheus meant. */
function keepInfinities(data: unknown): void {
  const result = (data as { data?: { result?: unknown } } | null)?.data?.result;
  if (!Array.isArray(result)) return;
  for (const entry of result as { values?: unknown[][]; value?: unknown[] }[]) {
    for (const pair of entry.values ?? (entry.value ? [entry.value] : [])) {
      if (pair[1] === '+Inf') pair[1] = 'Infinity';
      else if (pair[1] === '-Inf') pair[1] = '-Infinity';
    }
  }
}

function interceptors(signal: AbortSignal | undefined, warnings: string[]): Interceptors {
  return {
    requestInterceptor: {
      onFulfilled: (config) => {
        if (signal) config.signal = signal;
        return config;
      },
    },
    responseInterceptor: {
      onFulfilled: (response) => {
        const body: unknown = response.data;
        if (typeof body !== 'object' || body === null || !('status' in body)) {
          throw new PrometheusError(
            'malformed',
            'Prometheus answered with something that is not its JSON format',
            response.status,
          );
        }
        const bodyWarnings = (body as { warnings?: unknown }).warnings;
        if (Array.isArray(bodyWarnings)) {
          warnings.push(...bodyWarnings.filter((w): w is string => typeof w === 'string'));
        }
        keepInfinities(body);
        return response;
      },
      onRejected: (failure: HttpFailure) => {
        throw failureToError(failure);
      },
    },
  };
}

/** The driver wraps whatever an interceptor threw; find our typed error again. */
function unwrapDriverError(raw: unknown, signal: AbortSignal | undefined): PrometheusError {
  if (signal?.aborted) return new PrometheusError('canceled', 'Request canceled');
  if (raw instanceof PrometheusError) return raw;
  const original = (raw as { original?: unknown } | null)?.original;
  if (original instanceof PrometheusError) return original;
  if (original instanceof SyntaxError) {
    return new PrometheusError('malformed', `Prometheus sent invalid JSON: ${original.message}`);
  }
  const message = (raw as { error?: unknown } | null)?.error;
  return new PrometheusError('malformed', typeof message === 'string' ? message : String(raw));
}

interface DriverVector {
  metric: { name?: string; labels?: Record<string, string> } | null;
  values: { time: Date; value: number }[];
}

function toTimeSeries(vector: DriverVector): TimeSeries {
  const labels: Record<string, string> = { ...(vector.metric?.labels ?? {}) };
  if (vector.metric?.name) labels.__name__ = vector.metric.name;
  return {
    labels,
    times: vector.values.map((sample) => sample.time.getTime()),
    values: vector.values.map((sample) => sample.value),
  };
}

export async function queryRange(
  endpoint: PrometheusEndpoint,
  query: RangeQuery,
  signal?: AbortSignal,
): Promise<QueryOutcome> {
  const warnings: string[] = [];
  // prometheus-query declares its plain options bag as a class; a literal is what it expects.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
  const options: PrometheusConnectionOptions = {
    endpoint: endpoint.url,
    baseURL: endpoint.apiPath ?? '/api/v1/',
    preferPost: query.expr.length > POST_THRESHOLD_CHARS,
    ...interceptors(signal, warnings),
  };
  const driver = new PrometheusDriver(options);
  try {
    // Dates, not numbers: the driver treats a time of 0 as missing.
    const result = await driver.rangeQuery(
      query.expr,
      new Date(query.startMs),
      new Date(query.endMs),
      query.stepSeconds,
    );
    if (result.resultType !== ResponseType.MATRIX) {
      throw new PrometheusError('malformed', `Expected a matrix, got a ${result.resultType}`);
    }
    return { series: (result.result as DriverVector[]).map(toTimeSeries), warnings };
  } catch (raw) {
    throw unwrapDriverError(raw, signal);
  }
}
