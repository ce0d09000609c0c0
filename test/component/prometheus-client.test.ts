import { HttpResponse, delay, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { activeAlerts, instantQuery, labelValues, queryRange } from '../../src/prometheus/client';
import { PrometheusError, isTransient } from '../../src/prometheus/errors';
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

/**
 * What the engines people move to answer differently from Prometheus 2.42, as each sends it:
 * Thanos Query's partial responses, Prometheus 3's info annotations, VictoriaMetrics' `isPartial`
 * and numeric error types, statistics fields, and Mimir's query-frontend when it is busy.
 */
describe('answers of other Prometheus-compatible engines', () => {
  const values: [number, string][] = [[1706572800, '1']];

  it('reads Thanos Query’s partial-response warnings and still returns the series', async () => {
    server.use(
      http.get(RANGE_URL, () =>
        HttpResponse.json(
          matrix(values, [
            'No StoreAPIs matched for this query',
            'fetch series for {__name__="up"} from store 10.0.0.7:10901: rpc error: code = Unavailable',
          ]),
        ),
      ),
    );
    const outcome = await queryRange(endpoint, query);
    expect(outcome.series).toHaveLength(1);
    expect(outcome.warnings).toEqual([
      'No StoreAPIs matched for this query',
      'fetch series for {__name__="up"} from store 10.0.0.7:10901: rpc error: code = Unavailable',
    ]);
  });

  it('keeps Prometheus 3’s infos apart from its warnings', async () => {
    server.use(
      http.get(RANGE_URL, () =>
        HttpResponse.json({
          ...matrix(values, ['PromQL warning: encountered a mix of histograms and floats']),
          infos: ['PromQL info: metric might not be a counter, name does not end in _total'],
        }),
      ),
    );
    const outcome = await queryRange(endpoint, query);
    expect(outcome.warnings).toEqual([
      'PromQL warning: encountered a mix of histograms and floats',
    ]);
    expect(outcome.infos).toEqual([
      'PromQL info: metric might not be a counter, name does not end in _total',
    ]);
  });

  it('says so when VictoriaMetrics cluster answers with isPartial, and not when it is false', async () => {
    let partial = true;
    server.use(
      http.get(RANGE_URL, () =>
        HttpResponse.json({ status: 'success', isPartial: partial, data: matrix(values).data }),
      ),
    );
    expect((await queryRange(endpoint, query)).warnings).toEqual([
      'Partial response: some storage nodes did not answer, so series may be missing',
    ]);
    partial = false;
    const whole = await queryRange(endpoint, query);
    expect(whole.warnings).toEqual([]);
    expect(whole.series).toHaveLength(1);
  });

  it('ignores statistics and fields it does not know, in the envelope and in data', async () => {
    server.use(
      http.get(RANGE_URL, () =>
        HttpResponse.json({
          status: 'success',
          data: {
            ...matrix(values).data,
            stats: { timings: { evalTotalTime: 0.01 }, samples: { totalQueryableSamples: 4 } },
            analysis: null,
          },
          stats: { seriesFetched: '1', executionTimeMsec: 3 },
          trace: { duration_msec: 3 },
        }),
      ),
    );
    const outcome = await queryRange(endpoint, query);
    expect(outcome).toEqual({
      series: [{ labels: { __name__: 'up', job: 'api' }, times: [1706572800000], values: [1] }],
      warnings: [],
    });
  });

  it.each([
    ['422', 422, 'execution'],
    ['400', 400, 'bad_data'],
    ['503', 503, 'unavailable'],
  ])(
    'maps VictoriaMetrics’ numeric error type "%s" by its HTTP status %i to %s',
    async (errorType, status, kind) => {
      server.use(
        http.get(RANGE_URL, () =>
          HttpResponse.json(
            {
              status: 'error',
              errorType,
              error: 'error when executing query="up{" on the time range: unexpected token',
            },
            { status },
          ),
        ),
      );
      const error = await failure(queryRange(endpoint, query));
      expect(error.kind).toBe(kind);
      expect(error.httpStatus).toBe(status);
      expect(error.message).toContain('error when executing query');
    },
  );

  it('treats Mimir’s 429 "too many outstanding requests" as a transient failure with its Retry-After', async () => {
    server.use(
      http.get(
        RANGE_URL,
        () =>
          new HttpResponse('too many outstanding requests', {
            status: 429,
            headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '3' },
          }),
      ),
    );
    const error = await failure(queryRange(endpoint, query));
    expect(error.kind).toBe('unavailable');
    expect(isTransient(error)).toBe(true);
    expect(error.httpStatus).toBe(429);
    expect(error.retryAfterSeconds).toBe(3);
    expect(error.message).toBe('HTTP 429: too many outstanding requests');
  });
});

describe('the rules’ alerts', () => {
  const ALERTS_URL = 'http://prometheus.test/api/v1/alerts';

  it('reads labels, annotations, state and activeAt as Prometheus 2.42 sends them', async () => {
    server.use(
      http.get(ALERTS_URL, () =>
        HttpResponse.json({
          status: 'success',
          data: {
            alerts: [
              {
                labels: { alertname: 'A', severity: 'critical' },
                annotations: { summary: 'S', weird: 42 },
                state: 'firing',
                activeAt: '2026-12-03T07:45:04.67624083Z',
                value: '1e+00',
              },
              { labels: { alertname: 'B' }, annotations: {}, state: 'pending', value: '1e+00' },
              { labels: { alertname: 'C' }, annotations: {}, state: 'inactive' },
            ],
          },
        }),
      ),
    );
    expect(await activeAlerts(endpoint)).toEqual([
      {
        labels: { alertname: 'A', severity: 'critical' },
        annotations: { summary: 'S' },
        state: 'firing',
        activeAtMs: Date.parse('2026-12-03T07:45:04.676Z'),
      },
      { labels: { alertname: 'B' }, annotations: {}, state: 'pending', activeAtMs: null },
    ]);
  });

  it('says an engine without the endpoint failed, as a typed error', async () => {
    server.use(
      http.get(ALERTS_URL, () =>
        HttpResponse.json(
          { status: 'error', errorType: 'not_found', error: 'unsupported path requested' },
          { status: 404 },
        ),
      ),
    );
    const error = await failure(activeAlerts(endpoint));
    expect(error).toBeInstanceOf(PrometheusError);
    expect(error.message).toContain('unsupported path requested');
  });
});
