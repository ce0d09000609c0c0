import { HttpResponse, delay, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryRange } from '../../src/prometheus/client';
import { PrometheusError } from '../../src/prometheus/errors';
import {
  createRequestScheduler,
  documentVisibility,
  type RequestPriority,
  type RequestScheduler,
} from '../../src/prometheus/scheduler';
import { server } from '../support/msw-server';

const endpoint = { url: 'http://prometheus.test' };
const RANGE_URL = 'http://prometheus.test/api/v1/query_range';
const START_MS = 1_706_572_800_000;
const EMPTY_MATRIX = { status: 'success', data: { resultType: 'matrix', result: [] } };

function send(
  scheduler: RequestScheduler,
  expr: string,
  signal?: AbortSignal,
  priority?: RequestPriority,
) {
  const query = { expr, startMs: START_MS, endMs: START_MS + 60_000, stepSeconds: 30 };
  return scheduler.run(expr, (taskSignal) => queryRange(endpoint, query, taskSignal), {
    signal,
    priority,
  });
}

/** The outcome of a promise as a value, so a rejection can be awaited after timers ran. */
function outcome<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

/** Answers every range query after `answerMs`, recording the queries it was asked. */
function slowPrometheus(answerMs: number) {
  const asked: string[] = [];
  const concurrency = { now: 0, peak: 0 };
  server.use(
    http.get(RANGE_URL, async ({ request }) => {
      asked.push(new URL(request.url).searchParams.get('query') ?? '');
      concurrency.now += 1;
      concurrency.peak = Math.max(concurrency.peak, concurrency.now);
      await delay(answerMs);
      concurrency.now -= 1;
      return HttpResponse.json(EMPTY_MATRIX);
    }),
  );
  return { asked, concurrency };
}

function setVisibility(state: DocumentVisibilityState): void {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  setVisibility('visible');
});

describe('the request scheduler', () => {
  it('never has more than 4 requests in flight at Prometheus, and answers all 12', async () => {
    const { asked, concurrency } = slowPrometheus(100);
    const scheduler = createRequestScheduler();
    const pending = Array.from({ length: 12 }, (_, i) => outcome(send(scheduler, `up{i="${i}"}`)));
    expect(scheduler.inFlight).toBe(4);
    expect(scheduler.queued).toBe(8);

    await vi.advanceTimersByTimeAsync(1_000);

    expect(concurrency.peak).toBe(4);
    expect(asked).toHaveLength(12);
    for (const result of await Promise.all(pending)) {
      expect(result.value).toEqual({ series: [], warnings: [] });
    }
    expect([scheduler.inFlight, scheduler.queued]).toEqual([0, 0]);
  });

  it('sends identical queries once and gives every caller the answer', async () => {
    const { asked } = slowPrometheus(100);
    const scheduler = createRequestScheduler();
    const pending = [send(scheduler, 'up'), send(scheduler, 'up'), send(scheduler, 'up')];
    await vi.advanceTimersByTimeAsync(100);
    expect(await Promise.all(pending)).toEqual(Array(3).fill({ series: [], warnings: [] }));
    expect(asked).toEqual(['up']);
  });

  it('aborts a running request whose only caller moved on, and frees its slot', async () => {
    const { asked } = slowPrometheus(1_000);
    const scheduler = createRequestScheduler({ maxInFlight: 1 });
    const oldRange = new AbortController();
    const taskSignals: AbortSignal[] = [];
    const superseded = outcome(
      scheduler.run(
        'old',
        (signal) => {
          taskSignals.push(signal);
          return queryRange(
            endpoint,
            { expr: 'old', startMs: START_MS, endMs: START_MS, stepSeconds: 30 },
            signal,
          );
        },
        { signal: oldRange.signal },
      ),
    );
    const next = outcome(send(scheduler, 'new'));
    await vi.advanceTimersByTimeAsync(10);

    oldRange.abort();

    expect(taskSignals[0]?.aborted).toBe(true);
    expect((await superseded).error).toMatchObject({ kind: 'canceled' });
    expect(scheduler.inFlight).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect((await next).value).toEqual({ series: [], warnings: [] });
    expect(asked).toEqual(['old', 'new']);
  });

  it('never sends a queued request that was superseded before its turn', async () => {
    const { asked } = slowPrometheus(100);
    const scheduler = createRequestScheduler({ maxInFlight: 1 });
    const first = send(scheduler, 'first');
    const oldRange = new AbortController();
    const superseded = outcome(send(scheduler, 'old range', oldRange.signal));
    oldRange.abort();
    const current = send(scheduler, 'new range');

    await vi.advanceTimersByTimeAsync(1_000);

    expect((await superseded).error).toBeInstanceOf(PrometheusError);
    await Promise.all([first, current]);
    expect(asked).toEqual(['first', 'new range']);
  });

  it('keeps a shared request going while any caller still wants it', async () => {
    const { asked } = slowPrometheus(100);
    const scheduler = createRequestScheduler();
    const leaving = new AbortController();
    const left = outcome(send(scheduler, 'up', leaving.signal));
    const staying = send(scheduler, 'up');
    await vi.advanceTimersByTimeAsync(10);

    leaving.abort();

    // The caller who left hears at once, not when the shared request ends.
    expect((await left).error).toMatchObject({ kind: 'canceled' });
    await vi.advanceTimersByTimeAsync(100);
    expect(await staying).toEqual({ series: [], warnings: [] });
    expect(asked).toEqual(['up']);
  });

  it('aborts the shared request once every caller has left', async () => {
    slowPrometheus(1_000);
    const scheduler = createRequestScheduler();
    const callers = [new AbortController(), new AbortController()];
    const taskSignals: AbortSignal[] = [];
    const task = (signal: AbortSignal) => {
      taskSignals.push(signal);
      return queryRange(
        endpoint,
        { expr: 'up', startMs: START_MS, endMs: START_MS, stepSeconds: 30 },
        signal,
      );
    };
    const pending = callers.map((caller) =>
      outcome(scheduler.run('up', task, { signal: caller.signal })),
    );
    await vi.advanceTimersByTimeAsync(10);

    callers[0]?.abort();
    expect(taskSignals[0]?.aborted).toBe(false);
    callers[1]?.abort();
    expect(taskSignals[0]?.aborted).toBe(true);

    for (const result of await Promise.all(pending)) {
      expect(result.error).toMatchObject({ kind: 'canceled' });
    }
    expect(taskSignals).toHaveLength(1);
  });

  it('rejects a caller whose signal has already aborted without sending anything', async () => {
    const { asked } = slowPrometheus(100);
    const scheduler = createRequestScheduler();
    const result = await outcome(send(scheduler, 'up', AbortSignal.abort()));
    expect(result.error).toMatchObject({ kind: 'canceled' });
    expect(asked).toEqual([]);
  });

  it('sends nothing while the page is hidden and sends the queued requests when it is shown', async () => {
    const { asked } = slowPrometheus(100);
    setVisibility('hidden');
    const scheduler = createRequestScheduler({ visibility: documentVisibility(document) });
    const pending = Promise.all([send(scheduler, 'a'), send(scheduler, 'b')]);

    await vi.advanceTimersByTimeAsync(60_000);
    expect(asked).toEqual([]);
    expect(scheduler.queued).toBe(2);

    setVisibility('visible');
    await vi.advanceTimersByTimeAsync(100);
    expect(asked).toEqual(['a', 'b']);
    expect(await pending).toHaveLength(2);
  });

  it('lets running requests finish when the page is hidden, but starts no new one', async () => {
    const { asked } = slowPrometheus(100);
    const scheduler = createRequestScheduler({
      maxInFlight: 1,
      visibility: documentVisibility(document),
    });
    const running = send(scheduler, 'running');
    const waiting = outcome(send(scheduler, 'waiting'));
    setVisibility('hidden');

    await vi.advanceTimersByTimeAsync(1_000);
    expect(await running).toEqual({ series: [], warnings: [] });
    expect(asked).toEqual(['running']);

    setVisibility('visible');
    await vi.advanceTimersByTimeAsync(100);
    expect((await waiting).value).toEqual({ series: [], warnings: [] });
    expect(asked).toEqual(['running', 'waiting']);
  });

  it('gives a free slot to the most urgent request waiting, first come first within one priority', async () => {
    const { asked } = slowPrometheus(100);
    const scheduler = createRequestScheduler({ maxInFlight: 1 });
    const pending = [
      send(scheduler, 'first', undefined, 'analysis'),
      send(scheduler, 'analysis 1', undefined, 'analysis'),
      send(scheduler, 'marker 1', undefined, 'context'),
      send(scheduler, 'analysis 2', undefined, 'analysis'),
      send(scheduler, 'panel 1', undefined, 'panel'),
      send(scheduler, 'marker 2', undefined, 'context'),
      send(scheduler, 'panel 2'),
    ];

    await vi.advanceTimersByTimeAsync(1_000);

    expect(asked).toEqual([
      'first',
      'panel 1',
      'panel 2',
      'marker 1',
      'marker 2',
      'analysis 1',
      'analysis 2',
    ]);
    expect(await Promise.all(pending)).toHaveLength(7);
  });

  it('moves a shared request up when a more urgent caller joins it while it waits', async () => {
    const { asked } = slowPrometheus(100);
    const scheduler = createRequestScheduler({ maxInFlight: 1 });
    const pending = [
      send(scheduler, 'running', undefined, 'panel'),
      send(scheduler, 'marker', undefined, 'context'),
      send(scheduler, 'shared', undefined, 'analysis'),
      send(scheduler, 'shared', undefined, 'panel'),
    ];

    await vi.advanceTimersByTimeAsync(1_000);

    expect(asked).toEqual(['running', 'shared', 'marker']);
    expect(await Promise.all(pending)).toHaveLength(4);
  });

  it('keeps a shared request where it is when a less urgent caller joins it', async () => {
    const { asked } = slowPrometheus(100);
    const scheduler = createRequestScheduler({ maxInFlight: 1 });
    const pending = [
      send(scheduler, 'running', undefined, 'panel'),
      send(scheduler, 'shared', undefined, 'panel'),
      send(scheduler, 'other panel', undefined, 'panel'),
      send(scheduler, 'shared', undefined, 'analysis'),
    ];

    await vi.advanceTimersByTimeAsync(1_000);

    expect(asked).toEqual(['running', 'shared', 'other panel']);
    expect(await Promise.all(pending)).toHaveLength(4);
  });
});
