/**
 * Request parameters as Prometheus 2.42's `web/api/v1/api.go` reads them: form values from the
 * query string and an `application/x-www-form-urlencoded` (or multipart) POST body, the body's
 * values first; times as RFC 3339 or float seconds, rounded to the millisecond; durations as
 * float seconds or Prometheus durations ("15s", "1m30s").
 */

import { parseDurationMs, parseGoFloat } from '../promql/literals';

/** A failed request, with the status and `errorType` Prometheus would answer. */
export class ApiError extends Error {
  readonly errorType: 'bad_data' | 'execution';
  readonly status: number;

  constructor(errorType: 'bad_data' | 'execution', message: string) {
    super(message);
    this.name = 'ApiError';
    this.errorType = errorType;
    this.status = errorType === 'bad_data' ? 400 : 422;
  }
}

/** `invalid parameter "name": …`, the wording of the API's `invalidParamError`. */
export function invalidParam(name: string, message: string): ApiError {
  return new ApiError('bad_data', `invalid parameter ${JSON.stringify(name)}: ${message}`);
}

export interface FormValues {
  /** Go's `r.FormValue`: the first value, "" when absent. */
  get(name: string): string;
  /** Go's `r.Form[name]`: body values, then query-string values. */
  getAll(name: string): string[];
}

export async function readForm(request: Request): Promise<FormValues> {
  const query = new URL(request.url).searchParams;
  let body: URLSearchParams | FormData | undefined;
  const contentType = request.headers.get('content-type') ?? '';
  if (request.method === 'POST' && contentType.startsWith('application/x-www-form-urlencoded')) {
    body = new URLSearchParams(await request.text());
  } else if (request.method === 'POST' && contentType.startsWith('multipart/form-data')) {
    body = await request.formData();
  }
  const getAll = (name: string): string[] => [
    ...(body ? body.getAll(name).map((v) => (typeof v === 'string' ? v : '')) : []),
    ...query.getAll(name),
  ];
  return { getAll, get: (name) => getAll(name)[0] ?? '' };
}

// The API's MinTime and MaxTime as clients format them (Go's parser cannot read them back).
const MIN_TIME_FORMATTED = '-292273086-05-16T16:47:06Z';
const MAX_TIME_FORMATTED = '292277025-08-18T07:12:54.999999999Z';
export const MIN_TIME_MS = -9.223309901257974e18;
export const MAX_TIME_MS = 9.223309901257974e18;

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/** Go's math.Round: halves away from zero. */
function goRound(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

/** `parseTime`: epoch milliseconds, or an error message. */
export function parseTime(text: string): number | string {
  const seconds = parseGoFloat(text);
  if (seconds !== undefined && Number.isFinite(seconds)) {
    const whole = Math.trunc(seconds);
    return whole * 1000 + goRound((seconds - whole) * 1000);
  }
  const m = RFC3339.exec(text);
  if (m) {
    const [, year, month, day, hour, minute, second, fraction = '', sign, offsetH, offsetM] = m;
    const utc = Date.UTC(
      Number(year),
      Number(month) - 1,
      Number(day),
      Number(hour),
      Number(minute),
      Number(second),
    );
    const offsetMs = sign
      ? (sign === '-' ? -1 : 1) * (Number(offsetH) * 60 + Number(offsetM)) * 60000
      : 0;
    // Sub-millisecond digits are truncated, as `timestamp.FromTime` does.
    const millis = Number(fraction.slice(0, 3).padEnd(3, '0'));
    if (Number.isFinite(utc)) return utc - offsetMs + millis;
  }
  if (text === MIN_TIME_FORMATTED) return MIN_TIME_MS;
  if (text === MAX_TIME_FORMATTED) return MAX_TIME_MS;
  return `cannot parse ${JSON.stringify(text)} to a valid timestamp`;
}

/** `parseTimeParam`: the parameter's time, or `fallback` when it is absent. */
export function timeParam(form: FormValues, name: string, fallback: number): number {
  const text = form.get(name);
  if (text === '') return fallback;
  const parsed = parseTime(text);
  if (typeof parsed === 'string')
    throw invalidParam(name, `Invalid time value for '${name}': ${parsed}`);
  return parsed;
}

/** `parseDuration`: nanoseconds, or an error message. */
export function parseDurationNs(text: string): number | string {
  const seconds = parseGoFloat(text);
  if (seconds !== undefined) {
    const ns = seconds * 1e9;
    if (!(ns <= 9.223372036854776e18 && ns >= -9.223372036854776e18)) {
      return `cannot parse ${JSON.stringify(text)} to a valid duration. It overflows int64`;
    }
    return Math.trunc(ns);
  }
  const ms = parseDurationMs(text);
  if (ms !== undefined) return ms * 1e6;
  return `cannot parse ${JSON.stringify(text)} to a valid duration`;
}
