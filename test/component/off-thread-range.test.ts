import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { PrometheusError } from '../../src/prometheus/errors';
import { createOffThreadRange } from '../../src/prometheus/off-thread-range';
import type { FromRangeWorker, ToRangeWorker } from '../../src/prometheus/range-worker-protocol';
import { server } from '../support/msw-server';

/**
 * The page's side of the range-query worker: answers and typed errors come back whole, an
 * abort reaches the worker, and without a worker (or with one that cannot start) the same
 * query is asked on the page's thread. The worker itself runs in Chromium (test/e2e/faults).
 */

const endpoint = { url: 'http://prometheus.test' };
const query = { expr: 'up', startMs: 1_706_572_800_000, endMs: 1_706_572_860_000, stepSeconds: 30 };

/** A stand-in worker that records what it is sent and answers as the test says. */
class ScriptedWorker extends EventTarget {
  readonly received: ToRangeWorker[] = [];
  constructor(private readonly reply: (message: ToRangeWorker) => FromRangeWorker | null) {
    super();
  }
  postMessage(message: ToRangeWorker): void {
    this.received.push(message);
    const answer = this.reply(message);
    if (answer !== null) {
      queueMicrotask(() => this.dispatchEvent(new MessageEvent('message', { data: answer })));
    }
  }
  terminate(): void {
    // Nothing runs.
  }
}

const asWorker = (fake: ScriptedWorker) => fake as unknown as Worker;

function prometheusAnswers() {
  let requests = 0;
  server.use(
    http.get('http://prometheus.test/api/v1/query_range', () => {
      requests += 1;
      return HttpResponse.json({
        status: 'success',
        data: {
          resultType: 'matrix',
          result: [1, 5, 3].map((peak, i) => ({
            metric: { pod: `pod-${String(i)}` },
            values: [[query.startMs / 1000, String(peak)]],
          })),
        },
      });
    }),
  );
  return { count: () => requests };
}

describe('range queries off the main thread', () => {
  it('sends the query and the cap to the worker and gives back its answer', async () => {
    const outcome = { series: [], warnings: ['from the worker'] };
    const worker = new ScriptedWorker((message) =>
      message.type === 'query' ? { id: message.id, ok: true, outcome } : null,
    );
    const fetchRange = createOffThreadRange(() => asWorker(worker));
    expect(await fetchRange(endpoint, query, new AbortController().signal, 50)).toEqual(outcome);
    expect(worker.received).toEqual([{ type: 'query', id: 1, endpoint, query, maxSeries: 50 }]);
  });

  it('turns the worker’s error back into a typed PrometheusError', async () => {
    const worker = new ScriptedWorker((message) =>
      message.type === 'query'
        ? {
            id: message.id,
            ok: false,
            error: {
              kind: 'unavailable',
              message: 'HTTP 429',
              httpStatus: 429,
              retryAfterSeconds: 3,
            },
          }
        : null,
    );
    const fetchRange = createOffThreadRange(() => asWorker(worker));
    const error: unknown = await fetchRange(endpoint, query, new AbortController().signal).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(PrometheusError);
    expect(error).toMatchObject({ kind: 'unavailable', httpStatus: 429, retryAfterSeconds: 3 });
  });

  it('tells the worker when the page no longer wants the answer', async () => {
    const worker = new ScriptedWorker(() => null);
    const fetchRange = createOffThreadRange(() => asWorker(worker));
    const controller = new AbortController();
    const pending = fetchRange(endpoint, query, controller.signal).catch((e: unknown) => e);
    controller.abort();
    expect(await pending).toMatchObject({ kind: 'canceled' });
    expect(worker.received.map((m) => m.type)).toEqual(['query', 'abort']);
  });

  it('asks on this thread, cut to the cap, where there is no worker', async () => {
    const prometheus = prometheusAnswers();
    const fetchRange = createOffThreadRange(() => null);
    const outcome = await fetchRange(endpoint, query, new AbortController().signal, 2);
    expect(outcome.series.map((one) => one.labels.pod)).toEqual(['pod-1', 'pod-2']);
    expect(outcome.seriesTotal).toBe(3);
    expect(prometheus.count()).toBe(1);
  });

  it('asks on this thread what was waiting, and all after, when the worker cannot start', async () => {
    const prometheus = prometheusAnswers();
    const worker = new ScriptedWorker(() => null);
    const fetchRange = createOffThreadRange(() => asWorker(worker));
    const waiting = fetchRange(endpoint, query, new AbortController().signal);
    worker.dispatchEvent(new Event('error'));
    expect((await waiting).series).toHaveLength(3);
    expect((await fetchRange(endpoint, query, new AbortController().signal)).series).toHaveLength(
      3,
    );
    expect(worker.received).toHaveLength(1);
    expect(prometheus.count()).toBe(2);
  });
});
