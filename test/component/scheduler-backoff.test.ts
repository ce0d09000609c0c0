import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryRange } from '../../src/prometheus/client';
import { PrometheusError } from '../../src/prometheus/errors';
import { createRequestScheduler, type RequestScheduler } from '../../src/prometheus/scheduler';
import { server } from '../support/msw-server';

const endpoint = { url: 'http://prometheus.test' };
const RANGE_URL = 'http://prometheus.test/api/v1/query_range';
const START_MS = 1_706_572_800_000;
const EMPTY_MATRIX = { status: 'success', data: { resultType: 'matrix', result: [] } };

type Answer = () => Response;

const unavailable =
  (retryAfter?: string): Answer =>
  () =>
    new HttpResponse('upstream connect error', {
      status: 503,
      headers: {
        'Content-Type': 'text/plain',
        ...(retryAfter ? { 'Retry-After': retryAfter } : {}),
      },
    });
/** Grafana Mimir's query-frontend when its queue for the tenant is full. */
const tooManyOutstanding =
  (retryAfter?: string): Answer =>
  () =>
    new HttpResponse('too many outstanding requests', {
      status: 429,
      headers: {
        'Content-Type': 'text/plain; charset=utf-8',
        ...(retryAfter ? { 'Retry-After': retryAfter } : {}),
      },
    });
const networkError: Answer = () => HttpResponse.error();
const gatewayTimeout: Answer = () => new HttpResponse('upstream timed out', { status: 504 });
const ok: Answer = () => HttpResponse.json(EMPTY_MATRIX);

/**
 * Answers each query with its scripted answers in turn (the last one repeats), and records
 * when each request arrived, in fake-clock milliseconds since the test began.
 */
function scriptedPrometheus(script: Readonly<Record<string, readonly Answer[]>>) {
  const startedMs = Date.now();
  const requests: { query: string; atMs: number }[] = [];
  server.use(
    http.get(RANGE_URL, ({ request }) => {
      const query = new URL(request.url).searchParams.get('query') ?? '';
      const answers = script[query] ?? [ok];
      const sent = requests.filter((r) => r.query === query).length;
      requests.push({ query, atMs: Date.now() - startedMs });
      const answer = answers[Math.min(sent, answers.length - 1)] ?? ok;
      return answer();
    }),
  );
  return requests;
}

function send(scheduler: RequestScheduler, expr: string, signal?: AbortSignal) {
  const query = { expr, startMs: START_MS, endMs: START_MS + 60_000, stepSeconds: 30 };
  return scheduler.run(expr, (taskSignal) => queryRange(endpoint, query, taskSignal), {
    signal,
  });
}

function outcome<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the request scheduler when Prometheus fails', () => {
  it('retries a 503 with Retry-After no sooner than Retry-After says', async () => {
    const requests = scriptedPrometheus({ up: [unavailable('7'), ok] });
    const scheduler = createRequestScheduler({ random: () => 0 });
    const result = outcome(send(scheduler, 'up'));

    await vi.advanceTimersByTimeAsync(6_999);
    expect(requests.map((r) => r.atMs)).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests.map((r) => r.atMs)).toEqual([0, 7_000]);
    expect((await result).value).toEqual({ series: [], warnings: [] });
  });

  it('holds every other request to the server until Retry-After has passed', async () => {
    const requests = scriptedPrometheus({ busy: [unavailable('5'), ok] });
    const scheduler = createRequestScheduler({ random: () => 0 });
    const busy = send(scheduler, 'busy');
    await vi.advanceTimersByTimeAsync(1_000);
    const later = send(scheduler, 'later');

    await vi.advanceTimersByTimeAsync(4_000);
    await Promise.all([busy, later]);
    expect(requests).toEqual([
      { query: 'busy', atMs: 0 },
      { query: 'busy', atMs: 5_000 },
      { query: 'later', atMs: 5_000 },
    ]);
  });

  it('waits out Mimir’s 429 "too many outstanding requests" for its Retry-After, then answers', async () => {
    const requests = scriptedPrometheus({ up: [tooManyOutstanding('4'), ok] });
    const scheduler = createRequestScheduler({ random: () => 0 });
    const result = outcome(send(scheduler, 'up'));

    await vi.advanceTimersByTimeAsync(3_999);
    expect(requests.map((r) => r.atMs)).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests.map((r) => r.atMs)).toEqual([0, 4_000]);
    expect((await result).value).toEqual({ series: [], warnings: [] });
  });

  it('backs off with jitter after a 429 without Retry-After, like after a 503', async () => {
    const requests = scriptedPrometheus({ up: [tooManyOutstanding(), tooManyOutstanding(), ok] });
    const scheduler = createRequestScheduler({ random: () => 0.5, baseDelayMs: 1_000 });
    const result = outcome(send(scheduler, 'up'));

    await vi.advanceTimersByTimeAsync(10_000);
    expect(requests.map((r) => r.atMs)).toEqual([0, 500, 1_500]);
    expect((await result).value).toEqual({ series: [], warnings: [] });
  });

  it('backs off exponentially with jitter after network errors, then succeeds', async () => {
    const requests = scriptedPrometheus({ up: [networkError, networkError, ok] });
    // Full jitter: each wait is random() × (base × 2^retry), here half of 1 s, then of 2 s.
    const scheduler = createRequestScheduler({ random: () => 0.5, baseDelayMs: 1_000 });
    const result = outcome(send(scheduler, 'up'));

    await vi.advanceTimersByTimeAsync(10_000);
    expect(requests.map((r) => r.atMs)).toEqual([0, 500, 1_500]);
    expect((await result).value).toEqual({ series: [], warnings: [] });
  });

  it('caps the backoff at maxDelayMs', async () => {
    const requests = scriptedPrometheus({ up: [networkError, networkError, networkError, ok] });
    const scheduler = createRequestScheduler({
      random: () => 0.9,
      baseDelayMs: 1_000,
      maxDelayMs: 1_500,
    });
    const result = outcome(send(scheduler, 'up'));
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await result).value).toEqual({ series: [], warnings: [] });
    const gaps = requests.slice(1).map((r, i) => r.atMs - (requests[i]?.atMs ?? 0));
    // 0.9 × 1 s, then 0.9 × 1.5 s where 2 s and 4 s would have been.
    expect(gaps).toEqual([900, 1_350, 1_350]);
  });

  it('gives up after maxAttempts and reports the last error', async () => {
    const requests = scriptedPrometheus({ up: [unavailable()] });
    const scheduler = createRequestScheduler({ random: () => 0, maxAttempts: 3 });
    const result = outcome(send(scheduler, 'up'));

    await vi.advanceTimersByTimeAsync(60_000);
    expect(requests).toHaveLength(3);
    expect((await result).error).toMatchObject({ kind: 'unavailable', httpStatus: 503 });
  });

  it.each([
    [400, 'bad_data', 'bad_data'],
    [422, 'execution', 'execution'],
  ])('never retries a %i (%s): exactly one request', async (status, errorType, kind) => {
    const requests = scriptedPrometheus({
      up: [() => HttpResponse.json({ status: 'error', errorType, error: 'no' }, { status })],
    });
    const scheduler = createRequestScheduler();
    const result = outcome(send(scheduler, 'up'));

    await vi.advanceTimersByTimeAsync(120_000);
    expect(requests).toHaveLength(1);
    expect((await result).error).toMatchObject({ kind, httpStatus: status });
  });

  it('never retries a 200 that is not Prometheus JSON', async () => {
    const requests = scriptedPrometheus({
      up: [() => new HttpResponse('<html>', { status: 200 })],
    });
    const scheduler = createRequestScheduler();
    const result = outcome(send(scheduler, 'up'));

    await vi.advanceTimersByTimeAsync(120_000);
    expect(requests).toHaveLength(1);
    expect((await result).error).toMatchObject({ kind: 'malformed' });
  });

  it('does not send again at once a request that ran out of the client’s time', async () => {
    const scheduler = createRequestScheduler({ random: () => 0.5 });
    let sent = 0;
    const result = outcome(
      scheduler.run('slow', () => {
        sent += 1;
        return Promise.reject(new PrometheusError('timeout', 'Prometheus did not answer in time'));
      }),
    );
    await vi.advanceTimersByTimeAsync(60_000);
    expect((await result).error).toMatchObject({ kind: 'timeout' });
    expect(sent).toBe(1);
  });

  it('holds no slot while backing off: other requests go ahead', async () => {
    // A query that timed out says nothing about the others (a refused connection would).
    const requests = scriptedPrometheus({ flaky: [gatewayTimeout, ok] });
    const scheduler = createRequestScheduler({ maxInFlight: 1, random: () => 0.5 });
    const flaky = send(scheduler, 'flaky');
    const other = send(scheduler, 'other');

    await vi.advanceTimersByTimeAsync(10_000);
    await Promise.all([flaky, other]);
    expect(requests).toEqual([
      { query: 'flaky', atMs: 0 },
      { query: 'other', atMs: 0 },
      { query: 'flaky', atMs: 500 },
    ]);
  });

  it('stops a backoff when its caller aborts: no retry is sent', async () => {
    const requests = scriptedPrometheus({ up: [networkError, ok] });
    const scheduler = createRequestScheduler({ random: () => 0.5 });
    const caller = new AbortController();
    const result = outcome(send(scheduler, 'up', caller.signal));
    await vi.advanceTimersByTimeAsync(100);
    expect(scheduler.queued).toBe(1);

    caller.abort();

    expect((await result).error).toMatchObject({ kind: 'canceled' });
    expect(scheduler.queued).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(requests).toHaveLength(1);
  });
});

describe('the request scheduler while Prometheus is down', () => {
  const panels = ['errors', 'latency', 'queue', 'apiserver', 'dns'];

  it('sends one probe, not every panel’s retries, when the server refuses connections', async () => {
    const requests = scriptedPrometheus(
      Object.fromEntries(panels.map((expr) => [expr, [networkError]])),
    );
    const scheduler = createRequestScheduler({ random: () => 0.5, maxAttempts: 3 });
    const results = panels.map((expr) => outcome(send(scheduler, expr)));
    await vi.advanceTimersByTimeAsync(10_000);

    // Four were on their way before anyone knew (four in flight at most); then only the first
    // to fail retries, as the probe; the others wait for it and fail with it, unsent again.
    expect(requests).toEqual([
      ...['errors', 'latency', 'queue', 'apiserver'].map((query) => ({ query, atMs: 0 })),
      { query: 'errors', atMs: 500 },
      { query: 'errors', atMs: 1_500 },
    ]);
    for (const result of await Promise.all(results)) {
      expect(result.error).toMatchObject({ kind: 'network' });
    }
  });

  it('answers at once from the outage while it lasts, then probes again with a longer wait', async () => {
    const requests = scriptedPrometheus({ errors: [unavailable()], latency: [unavailable()] });
    const scheduler = createRequestScheduler({
      random: () => 0,
      maxAttempts: 1,
      baseDelayMs: 1_000,
      maxDelayMs: 30_000,
    });
    expect((await outcome(send(scheduler, 'errors'))).error).toMatchObject({ kind: 'unavailable' });
    // Within the first second nothing is sent: the outage answers.
    await vi.advanceTimersByTimeAsync(500);
    expect((await outcome(send(scheduler, 'latency'))).error).toMatchObject({
      kind: 'unavailable',
    });
    expect(requests).toHaveLength(1);
    // After it, one probe; it fails too, and the next wait is twice as long.
    await vi.advanceTimersByTimeAsync(600);
    await outcome(send(scheduler, 'latency'));
    expect(requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1_500);
    await outcome(send(scheduler, 'latency'));
    expect(requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(600);
    await outcome(send(scheduler, 'latency'));
    expect(requests).toHaveLength(3);
  });

  it('sends everything again once a probe is answered', async () => {
    const requests = scriptedPrometheus({ errors: [networkError, ok] });
    const scheduler = createRequestScheduler({ random: () => 0, maxAttempts: 1 });
    await outcome(send(scheduler, 'errors'));
    await vi.advanceTimersByTimeAsync(5_000);

    const results = await Promise.all(panels.map((expr) => outcome(send(scheduler, expr))));
    expect(results.every((result) => result.error === undefined)).toBe(true);
    expect(requests.map((r) => r.query).sort()).toEqual(['errors', ...panels].sort());
  });

  it('probes at once when fresh data is asked for by hand during the outage', async () => {
    const requests = scriptedPrometheus({ errors: [networkError, ok] });
    const scheduler = createRequestScheduler({ random: () => 0, maxAttempts: 1 });
    await outcome(send(scheduler, 'errors'));
    // Prometheus is back, but the next probe is not due yet: the outage answers.
    expect((await outcome(send(scheduler, 'latency'))).error).toMatchObject({ kind: 'network' });
    expect(requests).toHaveLength(1);

    scheduler.probeNow();
    const results = await Promise.all(panels.map((expr) => outcome(send(scheduler, expr))));
    expect(results.every((result) => result.error === undefined)).toBe(true);
    expect(requests).toHaveLength(1 + panels.length);
  });

  it('does not take one query’s 503 for an outage while other queries are answered', async () => {
    const requests = scriptedPrometheus({ dns: [unavailable()] });
    const scheduler = createRequestScheduler({ random: () => 0.5, maxAttempts: 3, maxInFlight: 2 });
    const results = ['dns', ...panels.filter((expr) => expr !== 'dns')].map((expr) =>
      outcome(send(scheduler, expr)),
    );
    await vi.advanceTimersByTimeAsync(10_000);

    const [dns, ...others] = await Promise.all(results);
    expect(dns?.error).toMatchObject({ kind: 'unavailable', httpStatus: 503 });
    for (const other of others) expect(other.error).toBeUndefined();
    expect(requests.filter((r) => r.query === 'dns')).toHaveLength(3);
    // And no outage is left behind: the next query is sent, not answered with dns's 503.
    expect((await outcome(send(scheduler, 'errors'))).error).toBeUndefined();
  });

  it('sends a query that keeps failing without retries, and less often than its refreshes', async () => {
    const requests = scriptedPrometheus({ dns: [unavailable()] });
    const scheduler = createRequestScheduler({ random: () => 0.5, maxAttempts: 3, maxInFlight: 2 });
    // A live page: each refresh asks for a new range (a new key) of each panel's query (its group).
    const refresh = async (n: number) => {
      const query = { startMs: START_MS + n * 1000, endMs: START_MS + n * 1000 + 60_000 };
      const sent = ['dns', ...panels.filter((expr) => expr !== 'dns')].map((expr) =>
        outcome(
          scheduler.run(
            `${expr}@${String(n)}`,
            (signal) => queryRange(endpoint, { ...query, expr, stepSeconds: 30 }, signal),
            { group: expr },
          ),
        ),
      );
      await vi.advanceTimersByTimeAsync(10_000);
      return Promise.all(sent);
    };
    const dnsRequests = () => requests.filter((r) => r.query === 'dns').length;

    const [first] = await refresh(0);
    expect(first?.error).toMatchObject({ kind: 'unavailable' });
    expect(dnsRequests()).toBe(3);
    for (let n = 1; n <= 5; n++) {
      const [dns, ...others] = await refresh(n);
      expect(dns?.error).toMatchObject({ kind: 'unavailable', httpStatus: 503 });
      for (const other of others) expect(other.error).toBeUndefined();
    }
    // Three tries the first time, then one at the first refresh after each wait (1, 2, 4, 8
    // then 16 s): the fifth refresh, 10 s after the fourth, is answered with the error unsent.
    expect(dnsRequests()).toBe(3 + 4);
    expect(requests.filter((r) => r.query === 'errors')).toHaveLength(6);
  });

  it('retries a query again once it has been answered after failing', async () => {
    const down = unavailable();
    const requests = scriptedPrometheus({ up: [down, down, down, ok, down, ok] });
    const scheduler = createRequestScheduler({ random: () => 0.5, maxAttempts: 3 });
    const range = { expr: 'up', startMs: START_MS, endMs: START_MS + 60_000, stepSeconds: 30 };
    const run = async (key: string) => {
      const result = outcome(
        scheduler.run(key, (signal) => queryRange(endpoint, range, signal), { group: 'up' }),
      );
      await vi.advanceTimersByTimeAsync(10_000);
      return result;
    };
    expect((await run('a')).error).toMatchObject({ kind: 'unavailable' });
    // Failing since before: tried once, and answered.
    expect((await run('b')).error).toBeUndefined();
    expect(requests).toHaveLength(4);
    // Answered again, so a new failure is retried as before.
    expect((await run('c')).error).toBeUndefined();
    expect(requests).toHaveLength(6);
  });

  it('does not count a 429 with Retry-After as an outage: that is a pause', async () => {
    const requests = scriptedPrometheus({ errors: [tooManyOutstanding('2'), ok] });
    const scheduler = createRequestScheduler({ random: () => 0, maxAttempts: 2 });
    const results = panels.map((expr) => outcome(send(scheduler, expr)));
    await vi.advanceTimersByTimeAsync(10_000);
    for (const result of await Promise.all(results)) expect(result.error).toBeUndefined();
    expect(requests.length).toBeGreaterThanOrEqual(panels.length + 1);
  });
});
