/// <reference lib="webworker" />
import { cappedOutcome } from './capped-outcome';
import { queryRange } from './client';
import { PrometheusError } from './errors';
import type { FromRangeWorker, SentError, ToRangeWorker } from './range-worker-protocol';

/**
 * The worker side: each query is asked with the page's client (`client.ts`), parsed and cut
 * here, and only what the panel draws is sent back.
 */

const scope = self as unknown as DedicatedWorkerGlobalScope;
const running = new Map<number, AbortController>();

function sent(error: unknown): SentError {
  if (error instanceof PrometheusError) {
    return {
      kind: error.kind,
      message: error.message,
      ...(error.httpStatus === undefined ? {} : { httpStatus: error.httpStatus }),
      ...(error.retryAfterSeconds === undefined
        ? {}
        : { retryAfterSeconds: error.retryAfterSeconds }),
    };
  }
  return { kind: 'malformed', message: error instanceof Error ? error.message : String(error) };
}

async function answer(message: Extract<ToRangeWorker, { type: 'query' }>): Promise<void> {
  const controller = new AbortController();
  running.set(message.id, controller);
  let reply: FromRangeWorker;
  try {
    const outcome = await queryRange(message.endpoint, message.query, controller.signal);
    reply = { id: message.id, ok: true, outcome: cappedOutcome(outcome, message.maxSeries) };
  } catch (error) {
    reply = { id: message.id, ok: false, error: sent(error) };
  } finally {
    running.delete(message.id);
  }
  scope.postMessage(reply);
}

scope.onmessage = (event: MessageEvent<ToRangeWorker>) => {
  const message = event.data;
  if (message.type === 'abort') running.get(message.id)?.abort();
  else void answer(message);
};
