import { PrometheusDriver, ResponseType, type PrometheusConnectionOptions } from 'prometheus-query';
import type { TimeSeries } from '../domain/series';
import { PrometheusError, fromErrorBody, kindForStatus, parseRetryAfter } from './errors';

/**
 * The only module that touches prometheus-query. It adds what the driver lacks: a per-request
 * AbortSignal, errors as typed values, warnings and infos read from the JSON body, ±Inf kept as
 * numbers, and POST for queries too long for a URL. It speaks to Prometheus and to the engines
 * that answer its API (Thanos, Mimir, Cortex, VictoriaMetrics): their extra fields (`stats`,
 * `isPartial`) are read or ignored, and their 429s are transient like a 503 (see `errors.ts`).
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
  /** The server's warnings: partial answers (Thanos, VictoriaMetrics cluster), PromQL warnings. */
  readonly warnings: readonly string[];
  /** Prometheus 3's info annotations (`infos`, e.g. "metric might not be a counter"); absent when none. */
  readonly infos?: readonly string[];
  /** Set when `series` was cut to the top ones by peak: how many series the answer had. */
  readonly seriesTotal?: number;
}

function outcome(series: readonly TimeSeries[], { warnings, infos }: Notices): QueryOutcome {
  return infos.length > 0 ? { series, warnings, infos } : { series, warnings };
}

/** What a server said about an answer besides the data, collected per request. */
interface Notices {
  readonly warnings: string[];
  readonly infos: string[];
}

/**
 * VictoriaMetrics cluster says `isPartial: true` when some storage nodes did not answer, and
 * nothing else: said in words, it is the same warning Thanos gives for a partial response.
 */
const PARTIAL_RESPONSE_WARNING =
  'Partial response: some storage nodes did not answer, so series may be missing';

function strings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
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
  const payload = (data as { data?: { resultType?: unknown; result?: unknown } } | null)?.data;
  const result = payload?.result;
  if (!Array.isArray(result)) return;
  if (payload?.resultType === 'scalar') {
    if (result[1] === '+Inf') result[1] = 'Infinity';
    else if (result[1] === '-Inf') result[1] = '-Infinity';
    return;
  }
  for (const entry of result as { values?: unknown[][]; value?: unknown[] }[]) {
    for (const pair of entry.values ?? (entry.value ? [entry.value] : [])) {
      if (pair[1] === '+Inf') pair[1] = 'Infinity';
      else if (pair[1] === '-Inf') pair[1] = '-Infinity';
    }
  }
}

function interceptors(signal: AbortSignal | undefined, notices: Notices): Interceptors {
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
        const { warnings, infos, isPartial } = body as Record<string, unknown>;
        notices.warnings.push(...strings(warnings));
        if (isPartial === true) notices.warnings.push(PARTIAL_RESPONSE_WARNING);
        notices.infos.push(...strings(infos));
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

interface DriverInstant {
  metric: DriverVector['metric'];
  value: { time: Date; value: number };
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

/**
 * One driver per request: its interceptors carry this request's signal and collect this
 * request's warnings, which a shared driver could not keep apart.
 */
async function request<T>(
  endpoint: PrometheusEndpoint,
  preferPost: boolean,
  signal: AbortSignal | undefined,
  call: (driver: PrometheusDriver) => Promise<T>,
): Promise<{ data: T } & Notices> {
  const notices: Notices = { warnings: [], infos: [] };
  // prometheus-query declares its plain options bag as a class; a literal is what it expects.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
  const options: PrometheusConnectionOptions = {
    endpoint: endpoint.url,
    baseURL: endpoint.apiPath ?? '/api/v1/',
    preferPost,
    ...interceptors(signal, notices),
  };
  try {
    return { data: await call(new PrometheusDriver(options)), ...notices };
  } catch (raw) {
    throw unwrapDriverError(raw, signal);
  }
}

export async function queryRange(
  endpoint: PrometheusEndpoint,
  query: RangeQuery,
  signal?: AbortSignal,
): Promise<QueryOutcome> {
  const { data, ...notices } = await request(
    endpoint,
    query.expr.length > POST_THRESHOLD_CHARS,
    signal,
    // Dates, not numbers: the driver treats a time of 0 as missing.
    (driver) =>
      driver.rangeQuery(
        query.expr,
        new Date(query.startMs),
        new Date(query.endMs),
        query.stepSeconds,
      ),
  );
  if (data.resultType !== ResponseType.MATRIX) {
    throw new PrometheusError('malformed', `Expected a matrix, got a ${data.resultType}`);
  }
  return outcome((data.result as DriverVector[]).map(toTimeSeries), notices);
}

export interface InstantQuery {
  readonly expr: string;
  readonly timeMs: number;
}

/** An instant query; each series carries its one sample, a scalar becomes a label-less series. */
export async function instantQuery(
  endpoint: PrometheusEndpoint,
  query: InstantQuery,
  signal?: AbortSignal,
): Promise<QueryOutcome> {
  const { data, ...notices } = await request(
    endpoint,
    query.expr.length > POST_THRESHOLD_CHARS,
    signal,
    (driver) => driver.instantQuery(query.expr, new Date(query.timeMs)),
  );
  if (data.resultType === ResponseType.VECTOR) {
    const vectors = data.result as DriverInstant[];
    const series = vectors.map(({ metric, value }) => toTimeSeries({ metric, values: [value] }));
    return outcome(series, notices);
  }
  if (data.resultType === ResponseType.SCALAR) {
    // Scalars arrive raw as `[seconds, "value"]`; `Number` reads "Infinity" and "NaN".
    const [seconds, value] = data.result as unknown as [number, string];
    const series = [{ labels: {}, times: [seconds * 1000], values: [Number(value)] }];
    return outcome(series, notices);
  }
  throw new PrometheusError('malformed', `Expected a vector or scalar, got a ${data.resultType}`);
}

export interface LabelValuesOptions {
  /** Series selectors; only label values of matching series are returned. */
  readonly match?: readonly string[];
  readonly startMs?: number;
  readonly endMs?: number;
}

/** Values of one label, e.g. every `namespace`, for variable pickers. */
export async function labelValues(
  endpoint: PrometheusEndpoint,
  name: string,
  options: LabelValuesOptions,
  signal?: AbortSignal,
): Promise<string[]> {
  const { data } = await request(endpoint, false, signal, (driver) =>
    // The driver puts the name into the path as is; encoding keeps it one path segment.
    driver.labelValues(
      encodeURIComponent(name),
      options.match ? [...options.match] : undefined,
      options.startMs === undefined ? undefined : new Date(options.startMs),
      options.endMs === undefined ? undefined : new Date(options.endMs),
    ),
  );
  const values: unknown = data;
  if (!Array.isArray(values) || !values.every((value) => typeof value === 'string')) {
    throw new PrometheusError('malformed', 'Expected a list of label values');
  }
  return values;
}

/** An alert Prometheus's rules hold now (`/api/v1/alerts`), with the annotations ALERTS lacks. */
export interface ActiveAlert {
  readonly labels: Readonly<Record<string, string>>;
  /** `summary`, `description`, `runbook_url`…: plain text as the rule's author wrote it. */
  readonly annotations: Readonly<Record<string, string>>;
  readonly state: 'firing' | 'pending';
  /** When it became pending; null when the server did not say. */
  readonly activeAtMs: number | null;
}

/** Only the string values: a label or annotation is a string in Prometheus's API. */
function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

/** Alerts firing or pending now, from every rule the server evaluates. */
export async function activeAlerts(
  endpoint: PrometheusEndpoint,
  signal?: AbortSignal,
): Promise<ActiveAlert[]> {
  const { data } = await request(endpoint, false, signal, (driver) => driver.alerts());
  const alerts: unknown = data;
  if (!Array.isArray(alerts)) throw new PrometheusError('malformed', 'Expected a list of alerts');
  return alerts.flatMap(
    (raw: { activeAt?: unknown; annotations?: unknown; labels?: unknown; state?: unknown }) => {
      const { state, activeAt } = raw;
      if (state !== 'firing' && state !== 'pending') return [];
      const activeAtMs = activeAt instanceof Date ? activeAt.getTime() : NaN;
      return [
        {
          labels: stringRecord(raw.labels),
          annotations: stringRecord(raw.annotations),
          state,
          activeAtMs: Number.isFinite(activeAtMs) ? activeAtMs : null,
        },
      ];
    },
  );
}
