import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { prometheusHandlers } from '../../mocks/prometheus-api/handlers';
import { at, every, series, store, T0 } from '../support/promql-test-series';

const API = 'http://scenario.test/api/v1';
const t = (seconds: number): string => String(at(seconds) / 1000);

const data = store(
  series({ __name__: 'requests_total', service: 'api' }, every(15, 0, [0, 15, 30, 45, 60, 75, 90])),
  series(
    { __name__: 'requests_total', service: 'web' },
    every(15, 0, [0, 30, 60, 90, 120, 150, 180]),
  ),
  series(
    { __name__: 'errors_total', service: 'api', code: '500' },
    every(15, 0, [1, 1, 1, 1, 1, 1, 1]),
  ),
  series(
    { __name__: 'errors_total', service: 'api', code: '503' },
    every(15, 0, [2, 2, 2, 2, 2, 2, 2]),
  ),
);

// The server's clock stands 60 s after T0: the samples at 75 and 90 s are in its future.
const server = setupServer(...prometheusHandlers(() => data, { baseUrl: API, now: () => at(60) }));

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
});
afterEach(() => {
  server.resetHandlers();
});
afterAll(() => {
  server.close();
});

async function get(
  path: string,
  params: Record<string, string>,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${API}${path}?${new URLSearchParams(params).toString()}`);
  return { status: response.status, body: await response.json() };
}

async function post(
  path: string,
  params: Record<string, string>,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${API}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  });
  return { status: response.status, body: await response.json() };
}

describe('/query_range', () => {
  it('answers with a matrix in Prometheus’s JSON shape', async () => {
    const { status, body } = await get('/query_range', {
      query: 'rate(requests_total{service="api"}[30s])',
      start: t(30),
      end: t(60),
      step: '15s',
    });
    expect(status).toBe(200);
    expect(body).toEqual({
      status: 'success',
      data: {
        resultType: 'matrix',
        result: [
          {
            metric: { service: 'api' },
            values: [
              [T0 / 1000 + 30, '1'],
              [T0 / 1000 + 45, '1'],
              [T0 / 1000 + 60, '1'],
            ],
          },
        ],
      },
    });
  });

  it('reads a POSTed form body the same way', async () => {
    const params = { query: 'sum(requests_total)', start: t(0), end: t(30), step: '15' };
    expect(await post('/query_range', params)).toEqual(await get('/query_range', params));
  });

  it('evaluates at start + k·step without aligning, and accepts RFC 3339 times and float steps', async () => {
    const { body } = await get('/query_range', {
      query: 'requests_total{service="web"}',
      start: new Date(at(7)).toISOString(),
      end: t(40),
      step: '16.5',
    });
    expect(body).toMatchObject({
      data: {
        result: [
          {
            values: [
              [T0 / 1000 + 7, '0'],
              [T0 / 1000 + 23.5, '30'],
              [T0 / 1000 + 40, '60'],
            ],
          },
        ],
      },
    });
  });

  it('allows 11,000 steps but refuses 11,001 with Prometheus’s message', async () => {
    const ok = await get('/query_range', {
      query: 'vector(1)',
      start: '0',
      end: '11000',
      step: '1',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ data: { result: [{ values: expect.any(Array) as unknown }] } });
    const tooMany = await get('/query_range', {
      query: 'vector(1)',
      start: '0',
      end: '11001',
      step: '1',
    });
    expect(tooMany).toEqual({
      status: 400,
      body: {
        status: 'error',
        errorType: 'bad_data',
        error:
          'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
      },
    });
  });

  it('refuses bad parameters as bad_data', async () => {
    const base = { query: 'up', start: t(0), end: t(60), step: '15s' };
    expect(await get('/query_range', { ...base, start: 'yesterday' })).toEqual({
      status: 400,
      body: {
        status: 'error',
        errorType: 'bad_data',
        error: 'invalid parameter "start": cannot parse "yesterday" to a valid timestamp',
      },
    });
    expect((await get('/query_range', { ...base, end: t(-1) })).body).toMatchObject({
      error: 'invalid parameter "end": end timestamp must not be before start time',
    });
    expect((await get('/query_range', { ...base, step: '0' })).body).toMatchObject({
      error:
        'invalid parameter "step": zero or negative query resolution step widths are not accepted. Try a positive integer',
    });
  });

  it('reports parse errors and unsupported PromQL as 400 bad_data', async () => {
    const base = { start: t(0), end: t(60), step: '15s' };
    expect(await get('/query_range', { ...base, query: 'sum(up' })).toEqual({
      status: 400,
      body: {
        status: 'error',
        errorType: 'bad_data',
        error: '1:7: parse error: unclosed left parenthesis',
      },
    });
    const unsupported = await get('/query_range', { ...base, query: 'max_over_time(up[5m:1m])' });
    expect(unsupported.status).toBe(400);
    expect(unsupported.body).toMatchObject({
      errorType: 'bad_data',
      error: expect.stringContaining('subquery "up[5m:1m]"') as unknown,
    });
  });

  it('reports evaluation errors as 422 execution', async () => {
    const { status, body } = await get('/query_range', {
      query: 'requests_total + on(service) errors_total',
      start: t(0),
      end: t(60),
      step: '15s',
    });
    expect(status).toBe(422);
    expect(body).toMatchObject({
      status: 'error',
      errorType: 'execution',
      error: expect.stringContaining('many-to-many matching not allowed') as unknown,
    });
  });
});

describe('a fault of the mock itself', () => {
  it('is answered as Prometheus answers its own: 500 internal with the message', async () => {
    server.use(
      ...prometheusHandlers(
        () => {
          throw new Error('no scenario loaded');
        },
        { baseUrl: API },
      ),
    );
    expect(await get('/query', { query: 'up', time: t(0) })).toEqual({
      status: 500,
      body: { status: 'error', errorType: 'internal', error: 'no scenario loaded' },
    });
  });
});

describe('/query', () => {
  it('answers a vector at the given time', async () => {
    const { body } = await post('/query', { query: 'requests_total', time: t(30) });
    expect(body).toEqual({
      status: 'success',
      data: {
        resultType: 'vector',
        result: [
          { metric: { __name__: 'requests_total', service: 'api' }, value: [T0 / 1000 + 30, '30'] },
          { metric: { __name__: 'requests_total', service: 'web' }, value: [T0 / 1000 + 30, '60'] },
        ],
      },
    });
  });

  it('answers scalars and names the query parameter in parse errors', async () => {
    expect((await get('/query', { query: '1 + 1', time: t(0) })).body).toEqual({
      status: 'success',
      data: { resultType: 'scalar', result: [T0 / 1000, '2'] },
    });
    expect((await get('/query', { query: 'rate(up)', time: t(0) })).body).toEqual({
      status: 'error',
      errorType: 'bad_data',
      error:
        'invalid parameter "query": 1:6: parse error: expected type range vector in call to function "rate", got instant vector',
    });
  });

  it('evaluates at the server’s now() when no time is given, and never sees later samples', async () => {
    expect((await get('/query', { query: 'requests_total{service="api"}' })).body).toMatchObject({
      data: { result: [{ value: [T0 / 1000 + 60, '60'] }] },
    });
    // At 90 s the newest visible sample is still the one at 60 s (within the 5 min lookback).
    expect(
      (await get('/query', { query: 'requests_total{service="api"}', time: t(90) })).body,
    ).toMatchObject({
      data: { result: [{ value: [T0 / 1000 + 90, '60'] }] },
    });
  });
});
