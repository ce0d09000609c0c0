/**
 * Plain HTTP calls to the Prometheus API for tests that check what a server answers, without
 * the app's client in between: the JSON exactly as sent, values still as strings.
 */

export type SampleValue = readonly [number, string];

export interface MatrixSeries {
  readonly metric: Record<string, string>;
  readonly values: SampleValue[];
}

export interface VectorSample {
  readonly metric: Record<string, string>;
  readonly value: SampleValue;
}

export type QueryData =
  | { readonly resultType: 'matrix'; readonly result: MatrixSeries[] }
  | { readonly resultType: 'vector'; readonly result: VectorSample[] }
  | { readonly resultType: 'scalar' | 'string'; readonly result: SampleValue };

export interface ApiResponse {
  readonly httpStatus: number;
  /** The JSON body; a body that is not JSON (a router's plain-text 405) is an error of that text. */
  readonly body: {
    readonly status: 'success' | 'error';
    readonly data?: unknown;
    readonly errorType?: string;
    readonly error?: string;
    readonly warnings?: string[];
  };
}

export type ApiParams = Readonly<Record<string, string | readonly string[]>>;

/** Seconds as the API takes them; whole milliseconds stay exact. */
export function apiTime(ms: number): string {
  return String(ms / 1000);
}

function encode(params: ApiParams): URLSearchParams {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const item of typeof value === 'string' ? [value] : value) search.append(name, item);
  }
  return search;
}

/** One API call; `endpoint` is relative to `/api/v1`, e.g. `query_range` or `label/job/values`. */
export async function callApi(
  apiBase: string,
  endpoint: string,
  params: ApiParams,
  method: 'GET' | 'POST' = 'GET',
): Promise<ApiResponse> {
  const body = encode(params);
  const response =
    method === 'GET'
      ? await fetch(`${apiBase}/${endpoint}?${body.toString()}`)
      : await fetch(`${apiBase}/${endpoint}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
        });
  const text = await response.text();
  try {
    return { httpStatus: response.status, body: JSON.parse(text) as ApiResponse['body'] };
  } catch {
    return { httpStatus: response.status, body: { status: 'error', error: text } };
  }
}

/** The `data` of a successful call; a failed one throws with Prometheus's error text. */
export async function apiData(
  apiBase: string,
  endpoint: string,
  params: ApiParams,
): Promise<unknown> {
  const { httpStatus, body } = await callApi(apiBase, endpoint, params);
  if (body.status !== 'success') {
    throw new Error(
      `${endpoint} ${JSON.stringify(params)} failed (${String(httpStatus)}): ${body.errorType ?? ''}: ${body.error ?? ''}`,
    );
  }
  return body.data;
}

export async function instantQuery(
  apiBase: string,
  query: string,
  timeMs: number,
): Promise<QueryData> {
  return (await apiData(apiBase, 'query', { query, time: apiTime(timeMs) })) as QueryData;
}

export async function vectorQuery(
  apiBase: string,
  query: string,
  timeMs: number,
): Promise<VectorSample[]> {
  const data = await instantQuery(apiBase, query, timeMs);
  if (data.resultType !== 'vector')
    throw new Error(`${query} gave a ${data.resultType}, not a vector`);
  return data.result;
}

export async function matrixQuery(
  apiBase: string,
  query: string,
  timeMs: number,
): Promise<MatrixSeries[]> {
  const data = await instantQuery(apiBase, query, timeMs);
  if (data.resultType !== 'matrix')
    throw new Error(`${query} gave a ${data.resultType}, not a matrix`);
  return data.result;
}

/** A sample value as the API writes it (`"+Inf"`, which `Number()` reads as NaN, included). */
export function parseApiValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

/** The single value of a query expected to return one series. */
export async function singleValue(apiBase: string, query: string, timeMs: number): Promise<number> {
  const result = await vectorQuery(apiBase, query, timeMs);
  if (result.length !== 1 || result[0] === undefined) {
    throw new Error(`${query} returned ${String(result.length)} series, expected 1`);
  }
  return parseApiValue(result[0].value[1]);
}
