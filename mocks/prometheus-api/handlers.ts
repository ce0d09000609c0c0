/**
 * MSW handlers that answer the Prometheus HTTP API (`/query`, `/query_range`, `/series`,
 * `/labels`, `/label/<name>/values`, and `/alerts` from given rules) from a SeriesStore, with Prometheus 2.42's parameter
 * parsing, JSON shapes, error types and status codes. `now()` is the server's clock: samples
 * after it are invisible and `/query` without `time` evaluates at it.
 */

import { http, HttpResponse, type RequestHandler } from 'msw';
import { PromqlError } from '../promql/errors';
import { evaluateInstant, evaluateRange } from '../promql/evaluate';
import type { SeriesStore } from '../promql/series-store';
import { findSeries, labelNames, labelValues, parseMatchers, type TimeRange } from './metadata';
import {
  ApiError,
  invalidParam,
  MAX_TIME_MS,
  MIN_TIME_MS,
  parseDurationNs,
  parseTime,
  readForm,
  timeParam,
  type FormValues,
} from './params';

export interface PrometheusHandlersOptions {
  /** Prefix of the API paths; the default matches any origin. */
  readonly baseUrl?: string;
  /** The server's clock in epoch milliseconds (default `Date.now`). */
  readonly now?: () => number;
  /** What `/alerts` lists at a time: the alerting rules' pending and firing alerts (none). */
  readonly alerts?: (nowMs: number) => readonly unknown[];
}

/** Prometheus's limit on points per series in a range query. */
const MAX_POINTS_PER_SERIES = 11000n;

interface Context {
  readonly form: FormValues;
  readonly store: SeriesStore;
  readonly nowMs: number;
  readonly params: Readonly<Record<string, string | readonly string[] | undefined>>;
}

type Endpoint = (ctx: Context) => unknown;

/** 2.42 names the parameter in an instant query's parse errors, not in a range query's. */
function queryError(error: unknown, nameParameter: boolean): unknown {
  if (!(error instanceof PromqlError)) return error;
  if (error.kind === 'bad_data' && nameParameter) return invalidParam('query', error.message);
  return new ApiError(error.kind, error.message);
}

function requireParse<T>(name: string, parsed: T | string): T {
  if (typeof parsed === 'string') throw invalidParam(name, parsed);
  return parsed;
}

function validateTimeout(form: FormValues): void {
  const timeout = form.get('timeout');
  if (timeout !== '') requireParse('timeout', parseDurationNs(timeout));
}

const instantQuery: Endpoint = ({ form, store, nowMs }) => {
  const time = timeParam(form, 'time', nowMs);
  validateTimeout(form);
  try {
    return evaluateInstant(form.get('query'), store, time);
  } catch (error) {
    throw queryError(error, true);
  }
};

const rangeQuery: Endpoint = ({ form, store }) => {
  const start = requireParse('start', parseTime(form.get('start')));
  const end = requireParse('end', parseTime(form.get('end')));
  if (end < start) throw invalidParam('end', 'end timestamp must not be before start time');
  const stepNs = requireParse('step', parseDurationNs(form.get('step')));
  if (stepNs <= 0) {
    throw invalidParam(
      'step',
      'zero or negative query resolution step widths are not accepted. Try a positive integer',
    );
  }
  // Go divides time.Durations (int64 nanoseconds): integer division, so 11,000 steps still pass.
  if ((BigInt(end - start) * 1_000_000n) / BigInt(stepNs) > MAX_POINTS_PER_SERIES) {
    throw new ApiError(
      'bad_data',
      'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
    );
  }
  validateTimeout(form);
  const stepMs = Math.max(1, Math.trunc(stepNs / 1e6));
  try {
    return evaluateRange(form.get('query'), store, start, end, stepMs);
  } catch (error) {
    throw queryError(error, false);
  }
};

function metadataRange(form: FormValues): TimeRange {
  return {
    startMs: timeParam(form, 'start', MIN_TIME_MS),
    endMs: timeParam(form, 'end', MAX_TIME_MS),
  };
}

const series: Endpoint = ({ form, store }) => {
  const selectors = form.getAll('match[]');
  if (selectors.length === 0) throw new ApiError('bad_data', 'no match[] parameter provided');
  const range = metadataRange(form);
  return findSeries(store, parseMatchers(selectors, true), range);
};

const labels: Endpoint = ({ form, store }) => {
  const range = metadataRange(form);
  return labelNames(store, parseMatchers(form.getAll('match[]')), range);
};

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

const values: Endpoint = ({ form, store, params }) => {
  const name = typeof params.name === 'string' ? params.name : '';
  if (!LABEL_NAME.test(name))
    throw new ApiError('bad_data', `invalid label name: ${JSON.stringify(name)}`);
  const range = metadataRange(form);
  return labelValues(store, name, parseMatchers(form.getAll('match[]')), range);
};

/**
 * Prometheus's error envelope. Anything other than an ApiError is a fault of the mock itself,
 * answered as Prometheus answers its own faults (500, `internal`) so that the app shows it like
 * any other server error.
 */
function errorResponse(error: unknown): Response {
  if (error instanceof ApiError) {
    return HttpResponse.json(
      { status: 'error', errorType: error.errorType, error: error.message },
      { status: error.status },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return HttpResponse.json(
    { status: 'error', errorType: 'internal', error: message },
    { status: 500 },
  );
}

export function prometheusHandlers(
  getStore: () => SeriesStore,
  options: PrometheusHandlersOptions = {},
): RequestHandler[] {
  const base = (options.baseUrl ?? '*/api/v1').replace(/\/+$/, '');
  const now = options.now ?? Date.now;

  const serve =
    (endpoint: Endpoint) =>
    async ({
      request,
      params,
    }: {
      request: Request;
      params: Context['params'];
    }): Promise<Response> => {
      const nowMs = Math.floor(now());
      try {
        const form = await readForm(request);
        const data = endpoint({ form, store: getStore().visibleUntil(nowMs), nowMs, params });
        return HttpResponse.json({ status: 'success', data });
      } catch (error) {
        return errorResponse(error);
      }
    };

  const both = (path: string, endpoint: Endpoint): RequestHandler[] => [
    http.get(`${base}${path}`, serve(endpoint)),
    http.post(`${base}${path}`, serve(endpoint)),
  ];

  return [
    ...both('/query', instantQuery),
    ...both('/query_range', rangeQuery),
    ...both('/series', series),
    ...both('/labels', labels),
    http.get(`${base}/label/:name/values`, serve(values)),
    http.get(
      `${base}/alerts`,
      serve(({ nowMs }) => ({ alerts: options.alerts?.(nowMs) ?? [] })),
    ),
    // Prometheus 2.42 routes label values for GET only; its router answers other methods so.
    http.post(
      `${base}/label/:name/values`,
      () =>
        new HttpResponse('Method Not Allowed\n', {
          status: 405,
          headers: { 'Content-Type': 'text/plain; charset=utf-8' },
        }),
    ),
  ];
}
