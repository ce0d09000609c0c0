import { HttpResponse, delay, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { instantQuery, labelValues, queryRange } from '../../src/prometheus/client';
import { PrometheusError } from '../../src/prometheus/errors';
import { server } from '../support/msw-server';

const endpoint = { url: 'http://prometheus.test' };
const query = { expr: 'up', startMs: 1_706_572_800_000, endMs: 1_706_572_860_000, stepSeconds: 30 };
const RANGE_URL = 'http://prometheus.test/api/v1/query_range';

function matrix(values: [number, string][], warnings?: string[]) {
  return {
    status: 'success',
    data: { resultType: 'matrix', result: [{ metric: { __name__: 'up', job: 'api' }, values }] },
    ...(warnings ? { warnings } : {}),
  };
}

async function failure(promise: Promise<unknown>): Promise<PrometheusError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PrometheusError) return error;
    throw error;
  }
  throw new Error('expected the query to fail');
}

describe('queryRange', () => {
  it('returns series with labels, times in ms and numeric values', async () => {
    server.use(
      http.get(RANGE_URL, () =>
        HttpResponse.json(
          matrix([
            [1706572800, '1'],
            [1706572830, '0'],
          ]),
        ),
      ),
    );
    const outcome = await queryRange(endpoint, query);
    expect(outcome.series).toEqual([
      {
        labels: { __name__: 'up', job: 'api' },
        times: [1706572800000, 1706572830000],
        values: [1, 0],
      },
    ]);
    expect(outcome.warnings).toEqual([]);
  });

  it('keeps +Inf, -Inf and NaN as numbers', async () => {
    server.use(
      http.get(RANGE_URL, () =>
        HttpResponse.json(
          matrix([
            [1706572800, '+Inf'],
            [1706572830, '-Inf'],
            [1706572860, 'NaN'],
          ]),
        ),
      ),
    );
    const [series] = (await queryRange(endpoint, query)).series;
    expect(series?.values).toEqual([Infinity, -Infinity, Number.NaN]);
  });

  it('reads warnings from the JSON body', async () => {
    server.use(
      http.get(RANGE_URL, () =>
        HttpResponse.json(
          matrix([[1706572800, '1']], ['PromQL info: metric might not be a counter']),
        ),
      ),
    );
    expect((await queryRange(endpoint, query)).warnings).toEqual([
      'PromQL info: metric might not be a counter',
    ]);
  });

  it('sends a very long query in a POST body', async () => {
    let method = '';
    let body = '';
    server.use(
      http.all(RANGE_URL, async ({ request }) => {
        method = request.method;
        body = await request.text();
        return HttpResponse.json(matrix([]));
      }),
    );
    const long = `sum(${'up or '.repeat(400)}up)`;
    await queryRange(endpoint, { ...query, expr: long });
    expect(method).toBe('POST');
    expect(new URLSearchParams(body).get('query')).toBe(long);
  });

  it.each([
    [400, 'bad_data', 'bad_data'],
    [422, 'execution', 'execution'],
    [503, 'timeout', 'timeout'],
  ])(
    'maps a %i %s error body to the kind %s with Prometheus’s message',
    async (status, errorType, kind) => {
      server.use(
        http.get(RANGE_URL, () =>
          HttpResponse.json({ status: 'error', errorType, error: 'it went wrong' }, { status }),
        ),
      );
      const error = await failure(queryRange(endpoint, query));
      expect(error.kind).toBe(kind);
      expect(error.message).toBe('it went wrong');
      expect(error.httpStatus).toBe(status);
    },
  );

  it('turns a 503 with a text/plain body into "unavailable", keeping status and Retry-After', async () => {
    server.use(
      http.get(
        RANGE_URL,
        () =>
          new HttpResponse('upstream connect error', {
            status: 503,
            headers: { 'Content-Type': 'text/plain', 'Retry-After': '7' },
          }),
      ),
    );
    const error = await failure(queryRange(endpoint, query));
    expect(error.kind).toBe('unavailable');
    expect(error.httpStatus).toBe(503);
    expect(error.retryAfterSeconds).toBe(7);
    expect(error.message).toContain('upstream connect error');
  });

  it('reports a network failure as "network"', async () => {
    server.use(http.get(RANGE_URL, () => HttpResponse.error()));
    expect((await failure(queryRange(endpoint, query))).kind).toBe('network');
  });

  it('reports a 200 that is not Prometheus JSON as "malformed"', async () => {
    server.use(http.get(RANGE_URL, () => new HttpResponse('{"status":"succ', { status: 200 })));
    expect((await failure(queryRange(endpoint, query))).kind).toBe('malformed');
  });

  it('aborts when its signal does and says "canceled"', async () => {
    server.use(
      http.get(RANGE_URL, async () => {
        await delay(5_000);
        return HttpResponse.json(matrix([]));
      }),
    );
    const controller = new AbortController();
    const pending = failure(queryRange(endpoint, query, controller.signal));
    controller.abort();
    expect((await pending).kind).toBe('canceled');
  });
});

describe('instantQuery', () => {
  const QUERY_URL = 'http://prometheus.test/api/v1/query';

  it('returns each series of a vector with its one sample', async () => {
    let time = '';
    server.use(
      http.get(QUERY_URL, ({ request }) => {
        time = new URL(request.url).searchParams.get('time') ?? '';
        return HttpResponse.json({
          status: 'success',
          data: {
            resultType: 'vector',
            result: [{ metric: { job: 'api' }, value: [1706572800, '+Inf'] }],
          },
        });
      }),
    );
    const outcome = await instantQuery(endpoint, { expr: 'up', timeMs: 1_706_572_800_000 });
    expect(time).toBe('1706572800');
    expect(outcome.series).toEqual([
      { labels: { job: 'api' }, times: [1706572800000], values: [Infinity] },
    ]);
  });

  it('returns a scalar as one series without labels, keeping -Inf', async () => {
    server.use(
      http.get(QUERY_URL, () =>
        HttpResponse.json({
          status: 'success',
          data: { resultType: 'scalar', result: [1706572800, '-Inf'] },
        }),
      ),
    );
    const outcome = await instantQuery(endpoint, { expr: '-1/0', timeMs: 1_706_572_800_000 });
    expect(outcome.series).toEqual([{ labels: {}, times: [1706572800000], values: [-Infinity] }]);
  });
});

describe('labelValues', () => {
  const VALUES_URL = 'http://prometheus.test/api/v1/label/namespace/values';

  it('returns the values and sends every matcher and the range', async () => {
    let params = new URLSearchParams();
    server.use(
      http.get(VALUES_URL, ({ request }) => {
        params = new URL(request.url).searchParams;
        return HttpResponse.json({ status: 'success', data: ['checkout', 'payments'] });
      }),
    );
    const values = await labelValues(endpoint, 'namespace', {
      match: ['up{cluster="eu-1"}', 'kube_pod_info'],
      startMs: query.startMs,
      endMs: query.endMs,
    });
    expect(values).toEqual(['checkout', 'payments']);
    expect(params.getAll('match[]')).toEqual(['up{cluster="eu-1"}', 'kube_pod_info']);
    expect([params.get('start'), params.get('end')]).toEqual(['1706572800', '1706572860']);
  });

  it('maps a 400 error body to "bad_data" like every other call', async () => {
    server.use(
      http.get(VALUES_URL, () =>
        HttpResponse.json(
          { status: 'error', errorType: 'bad_data', error: 'invalid parameter "match[]"' },
          { status: 400 },
        ),
      ),
    );
    const error = await failure(labelValues(endpoint, 'namespace', { match: ['{'] }));
    expect(error.kind).toBe('bad_data');
    expect(error.message).toBe('invalid parameter "match[]"');
  });

  it('reports an answer that is not a list of strings as "malformed"', async () => {
    server.use(http.get(VALUES_URL, () => HttpResponse.json({ status: 'success', data: [1, 2] })));
    expect((await failure(labelValues(endpoint, 'namespace', {}))).kind).toBe('malformed');
  });
});
