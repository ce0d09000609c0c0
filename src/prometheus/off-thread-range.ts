import { cappedOutcome } from './capped-outcome';
import { queryRange, type PrometheusEndpoint, type QueryOutcome, type RangeQuery } from './client';
import { PrometheusError } from './errors';
import type { FromRangeWorker, ToRangeWorker } from './range-worker-protocol';

/**
 * Range queries asked from a worker, so the page's main thread never parses a big answer: it
 * gets the series a panel draws, already cut to `maxSeries`. Where there is no worker (tests in
 * jsdom, a browser that refuses it) or the worker cannot start, the same client runs here.
 */
export type RangeFetch = (
  endpoint: PrometheusEndpoint,
  query: RangeQuery,
  signal: AbortSignal,
  maxSeries?: number,
) => Promise<QueryOutcome>;

interface Pending {
  readonly resolve: (outcome: QueryOutcome) => void;
  readonly reject: (error: unknown) => void;
  /** The same request on this thread, for when the worker dies before it answers. */
  readonly here: () => Promise<QueryOutcome>;
}

async function onThisThread(
  endpoint: PrometheusEndpoint,
  query: RangeQuery,
  signal: AbortSignal,
  maxSeries?: number,
): Promise<QueryOutcome> {
  return cappedOutcome(await queryRange(endpoint, query, signal), maxSeries);
}

export function createOffThreadRange(makeWorker: () => Worker | null): RangeFetch {
  let worker: Worker | null | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  function broken(): void {
    worker?.terminate();
    worker = null;
    for (const [id, request] of pending) {
      pending.delete(id);
      request.here().then(request.resolve, request.reject);
    }
  }

  function started(): Worker | null {
    if (worker !== undefined) return worker;
    try {
      worker = makeWorker();
    } catch {
      worker = null;
    }
    worker?.addEventListener('message', (event: MessageEvent<FromRangeWorker>) => {
      const reply = event.data;
      const request = pending.get(reply.id);
      if (request === undefined) return;
      pending.delete(reply.id);
      if (reply.ok) request.resolve(reply.outcome);
      else {
        const { kind, message, httpStatus, retryAfterSeconds } = reply.error;
        request.reject(new PrometheusError(kind, message, httpStatus, retryAfterSeconds));
      }
    });
    // A worker script that cannot load (blocked, missing) says so once: the rest runs here.
    worker?.addEventListener('error', broken);
    return worker;
  }

  return (endpoint, query, signal, maxSeries) => {
    const here = () => onThisThread(endpoint, query, signal, maxSeries);
    const target = started();
    if (target === null) return here();
    if (signal.aborted) return Promise.reject(new PrometheusError('canceled', 'Request canceled'));
    const id = nextId++;
    return new Promise<QueryOutcome>((resolve, reject) => {
      pending.set(id, { resolve, reject, here });
      signal.addEventListener(
        'abort',
        () => {
          if (!pending.delete(id)) return;
          target.postMessage({ type: 'abort', id } satisfies ToRangeWorker);
          reject(new PrometheusError('canceled', 'Request canceled'));
        },
        { once: true },
      );
      const message: ToRangeWorker = {
        type: 'query',
        id,
        endpoint,
        query,
        ...(maxSeries === undefined ? {} : { maxSeries }),
      };
      target.postMessage(message);
    });
  };
}

/** The page's one worker, started with the first range query. */
export const queryRangeOffThread: RangeFetch = createOffThreadRange(() =>
  typeof Worker === 'undefined'
    ? null
    : new Worker(new URL('./range-worker.ts', import.meta.url), { type: 'module' }),
);
