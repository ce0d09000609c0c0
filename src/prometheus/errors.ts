/** What went wrong with a Prometheus request, in the words an SRE would use. */
export type PrometheusErrorKind =
  'bad_data' | 'execution' | 'timeout' | 'unavailable' | 'network' | 'canceled' | 'malformed';

export class PrometheusError extends Error {
  override readonly name = 'PrometheusError';

  constructor(
    readonly kind: PrometheusErrorKind,
    message: string,
    readonly httpStatus?: number,
    /** Seconds to wait before trying again, from a `Retry-After` header. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** Kinds worth retrying later: the query is fine, the server or the path to it is not. */
export function isTransient(error: PrometheusError): boolean {
  return error.kind === 'unavailable' || error.kind === 'network' || error.kind === 'timeout';
}

const PROMETHEUS_ERROR_TYPES: Readonly<Record<string, PrometheusErrorKind>> = {
  bad_data: 'bad_data',
  execution: 'execution',
  timeout: 'timeout',
  canceled: 'canceled',
  unavailable: 'unavailable',
  internal: 'execution',
  not_found: 'bad_data',
};

/** The kind for an HTTP status when the body did not say (proxies answer in plain text). */
export function kindForStatus(status: number): PrometheusErrorKind {
  if (status === 400) return 'bad_data';
  if (status === 422) return 'execution';
  if (status === 408 || status === 504) return 'timeout';
  if (status === 429 || status >= 500) return 'unavailable';
  return 'bad_data';
}

/** Reads Prometheus's `{status:"error", errorType, error}` body; null when the body is not that. */
export function fromErrorBody(
  body: unknown,
  httpStatus: number,
  retryAfterSeconds?: number,
): PrometheusError | null {
  if (typeof body !== 'object' || body === null) return null;
  const { status, errorType, error } = body as Record<string, unknown>;
  if (status !== 'error' || typeof error !== 'string') return null;
  const kind =
    typeof errorType === 'string' && errorType in PROMETHEUS_ERROR_TYPES
      ? (PROMETHEUS_ERROR_TYPES[errorType] ?? kindForStatus(httpStatus))
      : kindForStatus(httpStatus);
  return new PrometheusError(kind, error, httpStatus, retryAfterSeconds);
}

/** Parses `Retry-After` (seconds or an HTTP date) into seconds from now. */
export function parseRetryAfter(header: unknown, nowMs: number): number | undefined {
  if (typeof header !== 'string' || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const dateMs = Date.parse(header);
  return Number.isNaN(dateMs) ? undefined : Math.max(0, (dateMs - nowMs) / 1000);
}
