import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prometheusHandlers } from '../../mocks/prometheus-api/handlers';
import { at, every, series, store } from '../support/promql-test-series';

const API = 'http://scenario.test/api/v1';
const t = (seconds: number): string => String(at(seconds) / 1000);

const data = store(
  series({ __name__: 'up', job: 'node', instance: 'a' }, every(15, 0, [1, 1, 1, 1])),
  series({ __name__: 'up', job: 'api', instance: 'b' }, every(15, 600, [1, 1])),
  series({ __name__: 'queue_depth', service: 'api', queue: 'q1' }, every(15, 0, [3, 4])),
  // Scraped only after the server's now(): invisible.
  series({ __name__: 'queue_depth', service: 'web', queue: 'q9' }, every(15, 5000, [1])),
);

const server = setupServer(
  ...prometheusHandlers(() => data, { baseUrl: API, now: () => at(3600) }),
);

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
});
afterAll(() => {
  server.close();
});

async function request(
  path: string,
  params: [string, string][],
  method = 'GET',
): Promise<{ status: number; body: unknown }> {
  const query = new URLSearchParams(params).toString();
  const response =
    method === 'GET'
      ? await fetch(`${API}${path}?${query}`)
      : await fetch(`${API}${path}`, {
          method,
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: query,
        });
  const text = await response.text();
  return {
    status: response.status,
    body: response.headers.get('content-type')?.includes('json')
      ? (JSON.parse(text) as unknown)
      : text,
  };
}

describe('/series', () => {
  it('lists the series matching any match[] selector, sorted by labels', async () => {
    const { body } = await request('/series', [
      ['match[]', 'up'],
      ['match[]', 'queue_depth{queue="q1"}'],
    ]);
    expect(body).toEqual({
      status: 'success',
      data: [
        { __name__: 'queue_depth', queue: 'q1', service: 'api' },
        { __name__: 'up', instance: 'a', job: 'node' },
        { __name__: 'up', instance: 'b', job: 'api' },
      ],
    });
  });

  it('keeps to series with samples between start and end, also from a POSTed form', async () => {
    const { body } = await request(
      '/series',
      [
        ['match[]', 'up'],
        ['start', t(300)],
        ['end', t(3000)],
      ],
      'POST',
    );
    expect(body).toEqual({
      status: 'success',
      data: [{ __name__: 'up', instance: 'b', job: 'api' }],
    });
  });

  it('refuses a request without match[] or with a selector that matches everything', async () => {
    expect(await request('/series', [])).toEqual({
      status: 400,
      body: { status: 'error', errorType: 'bad_data', error: 'no match[] parameter provided' },
    });
    expect((await request('/series', [['match[]', '{job=""}']])).body).toMatchObject({
      errorType: 'bad_data',
      error: 'invalid parameter "match[]": match[] must contain at least one non-empty matcher',
    });
  });
});

describe('/labels and /label/<name>/values', () => {
  it('list label names and values of visible series', async () => {
    expect((await request('/labels', [])).body).toEqual({
      status: 'success',
      data: ['__name__', 'instance', 'job', 'queue', 'service'],
    });
    expect((await request('/label/queue/values', [])).body).toEqual({
      status: 'success',
      data: ['q1'],
    });
    expect((await request('/label/__name__/values', [])).body).toEqual({
      status: 'success',
      data: ['queue_depth', 'up'],
    });
  });

  it('narrow to the series matching match[]', async () => {
    expect((await request('/labels', [['match[]', 'queue_depth']], 'POST')).body).toEqual({
      status: 'success',
      data: ['__name__', 'queue', 'service'],
    });
    expect((await request('/label/job/values', [['match[]', 'up{instance="a"}']])).body).toEqual({
      status: 'success',
      data: ['node'],
    });
  });

  it('answer nothing for a range outside the data', async () => {
    expect(
      (
        await request('/label/job/values', [
          ['start', t(-9000)],
          ['end', t(-8000)],
        ])
      ).body,
    ).toEqual({
      status: 'success',
      data: [],
    });
  });

  it('refuse an invalid label name, and POST to label values like Prometheus 2.42 does', async () => {
    expect(await request('/label/1abc/values', [])).toEqual({
      status: 400,
      body: { status: 'error', errorType: 'bad_data', error: 'invalid label name: "1abc"' },
    });
    expect(await request('/label/job/values', [], 'POST')).toEqual({
      status: 405,
      body: 'Method Not Allowed\n',
    });
  });
});
