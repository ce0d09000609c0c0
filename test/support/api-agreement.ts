import type { ApiResponse, MatrixSeries, SampleValue, VectorSample } from './prometheus-api';
import { parseApiValue } from './prometheus-api';

/**
 * Compares what two servers answered to the same Prometheus API call: the same series (label
 * sets), the same timestamps, values within a small tolerance. Says where the first difference
 * is — series, time, both values — so a failing agreement test points at the sample to look at.
 */

export interface Tolerance {
  readonly relative: number;
  readonly absolute: number;
}

export const DEFAULT_TOLERANCE: Tolerance = { relative: 1e-9, absolute: 1e-12 };

/** NaN equals NaN, infinities only themselves, finite values within the tolerance. */
export function valuesAgree(
  expected: number,
  actual: number,
  tolerance = DEFAULT_TOLERANCE,
): boolean {
  if (Number.isNaN(expected) || Number.isNaN(actual))
    return Number.isNaN(expected) && Number.isNaN(actual);
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) return expected === actual;
  const difference = Math.abs(expected - actual);
  return (
    difference <= tolerance.absolute ||
    difference <= tolerance.relative * Math.max(Math.abs(expected), Math.abs(actual))
  );
}

/** A label set as one comparable string, key order ignored. */
export function labelSetKey(labels: Readonly<Record<string, string>>): string {
  return `{${Object.keys(labels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(labels[name])}`)
    .join(', ')}}`;
}

function time(seconds: number): string {
  return `${new Date(Math.round(seconds * 1000)).toISOString()} (${String(seconds)})`;
}

function compareSamples(
  expected: readonly SampleValue[],
  actual: readonly SampleValue[],
  tolerance: Tolerance,
): string | undefined {
  const length = Math.max(expected.length, actual.length);
  for (let i = 0; i < length; i++) {
    const want = expected[i];
    const got = actual[i];
    if (want === undefined || got === undefined) {
      const extra = want ?? got;
      const side = want === undefined ? 'MSW has an extra point' : 'MSW lacks the point';
      return `${side} at ${time(extra?.[0] ?? NaN)} (value ${extra?.[1] ?? '?'}); Prometheus has ${String(expected.length)} points, MSW ${String(actual.length)}`;
    }
    if (Math.round(want[0] * 1000) !== Math.round(got[0] * 1000)) {
      return `point ${String(i)}: Prometheus at ${time(want[0])}, MSW at ${time(got[0])}`;
    }
    if (!valuesAgree(parseApiValue(want[1]), parseApiValue(got[1]), tolerance)) {
      return `at ${time(want[0])}: Prometheus ${want[1]}, MSW ${got[1]}`;
    }
  }
  return undefined;
}

function compareSeriesSets<T extends { metric: Record<string, string> }>(
  expected: readonly T[],
  actual: readonly T[],
  compareOne: (want: T, got: T) => string | undefined,
): string | undefined {
  const byKey = new Map<string, T>();
  for (const item of actual) {
    const key = labelSetKey(item.metric);
    if (byKey.has(key)) return `MSW returns series ${key} twice`;
    byKey.set(key, item);
  }
  const wanted = new Set<string>();
  for (const want of expected) {
    const key = labelSetKey(want.metric);
    wanted.add(key);
    const got = byKey.get(key);
    if (got === undefined)
      return `MSW lacks series ${key} (Prometheus has ${String(expected.length)} series, MSW ${String(actual.length)})`;
    const difference = compareOne(want, got);
    if (difference !== undefined) return `series ${key}: ${difference}`;
  }
  const extra = [...byKey.keys()].find((key) => !wanted.has(key));
  return extra === undefined
    ? undefined
    : `MSW has extra series ${extra} (Prometheus has ${String(expected.length)}, MSW ${String(actual.length)})`;
}

function compareData(expected: unknown, actual: unknown, tolerance: Tolerance): string | undefined {
  const want = expected as { resultType?: string; result?: unknown };
  const got = actual as { resultType?: string; result?: unknown };
  if (want.resultType !== got.resultType)
    return `result type: Prometheus ${String(want.resultType)}, MSW ${String(got.resultType)}`;
  switch (want.resultType) {
    case 'matrix':
      return compareSeriesSets(
        want.result as MatrixSeries[],
        got.result as MatrixSeries[],
        (a, b) => compareSamples(a.values, b.values, tolerance),
      );
    case 'vector':
      return compareSeriesSets(
        want.result as VectorSample[],
        got.result as VectorSample[],
        (a, b) => compareSamples([a.value], [b.value], tolerance),
      );
    case 'scalar':
    case 'string':
      return compareSamples([want.result as SampleValue], [got.result as SampleValue], tolerance);
    default:
      return compareLists(expected, actual);
  }
}

/** `series`, `labels` and `label/…/values` answer lists; their content must match exactly. */
function compareLists(expected: unknown, actual: unknown): string | undefined {
  if (!Array.isArray(expected) || !Array.isArray(actual)) {
    return `unexpected data: Prometheus ${JSON.stringify(expected).slice(0, 200)}, MSW ${JSON.stringify(actual).slice(0, 200)}`;
  }
  const key = (item: unknown) =>
    typeof item === 'string' ? JSON.stringify(item) : labelSetKey(item as Record<string, string>);
  const want = expected.map(key);
  const got = actual.map(key);
  const missing = want.find((item) => !got.includes(item));
  if (missing !== undefined)
    return `MSW lacks ${missing} (Prometheus has ${String(want.length)} entries, MSW ${String(got.length)})`;
  const extra = got.find((item) => !want.includes(item));
  if (extra !== undefined)
    return `MSW has extra ${extra} (Prometheus has ${String(want.length)} entries, MSW ${String(got.length)})`;
  if (want.length !== got.length)
    return `MSW lists some entries twice (${String(got.length)} vs ${String(want.length)})`;
  // Names and values come sorted from Prometheus; the order of `series` means nothing.
  const sorted = expected.every((item) => typeof item === 'string');
  if (sorted && want.some((item, i) => item !== got[i])) {
    return `same entries in another order: Prometheus ${want.join(' ')}, MSW ${got.join(' ')}`;
  }
  return undefined;
}

export interface AgreementOptions {
  readonly tolerance?: Tolerance;
  /**
   * Error messages must be equal up to and including the first occurrence of this text in
   * Prometheus's message, for errors whose rest is Go's own wording (a regular expression that
   * does not compile); by default they must be equal to the letter.
   */
  readonly errorsAgreeUpTo?: string;
}

function describeAnswer(response: ApiResponse): string {
  return response.body.status === 'success'
    ? `success (${String(response.httpStatus)})`
    : `${String(response.httpStatus)} ${response.body.errorType ?? ''}: ${response.body.error ?? ''}`;
}

function compareErrors(
  prometheus: ApiResponse,
  msw: ApiResponse,
  upTo: string | undefined,
): string | undefined {
  const want = prometheus.body.error ?? '';
  const got = msw.body.error ?? '';
  let expected = want;
  if (upTo !== undefined) {
    const end = want.indexOf(upTo);
    if (end < 0) return `Prometheus's error ${JSON.stringify(want)} lacks ${JSON.stringify(upTo)}`;
    expected = want.slice(0, end + upTo.length);
  }
  if (upTo === undefined ? got === expected : got.startsWith(expected)) return undefined;
  return `error messages differ: Prometheus ${JSON.stringify(want)}, MSW ${JSON.stringify(got)}`;
}

/**
 * The first difference between Prometheus's and MSW's answers to one call, or undefined when
 * they agree. Errors agree when both fail with the same HTTP status, error type and message.
 */
export function firstDisagreement(
  prometheus: ApiResponse,
  msw: ApiResponse,
  options: AgreementOptions = {},
): string | undefined {
  const want = prometheus.body;
  const got = msw.body;
  if (want.status !== 'success' || got.status !== 'success') {
    if (
      want.status !== got.status ||
      prometheus.httpStatus !== msw.httpStatus ||
      want.errorType !== got.errorType
    ) {
      return `Prometheus answered ${describeAnswer(prometheus)}, MSW ${describeAnswer(msw)}`;
    }
    return compareErrors(prometheus, msw, options.errorsAgreeUpTo);
  }
  return compareData(want.data, got.data, options.tolerance ?? DEFAULT_TOLERANCE);
}
