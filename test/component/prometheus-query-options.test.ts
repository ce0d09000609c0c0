import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import { HttpResponse, delay, http } from 'msw';
import { createElement, type ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RangeQuery } from '../../src/prometheus/client';
import {
  labelValuesQueryOptions,
  rangeQueryKey,
  rangeQueryOptions,
  type RangeQueryCap,
} from '../../src/prometheus/range-query-options';
import { createRequestScheduler, type RequestScheduler } from '../../src/prometheus/scheduler';
import { SchedulerProvider, useScheduler } from '../../src/prometheus/scheduler-context';
import { server } from '../support/msw-server';

const endpoint = { url: 'http://prometheus.test' };
const RANGE_URL = 'http://prometheus.test/api/v1/query_range';
const HOUR_MS = 3_600_000;
const oldRange: RangeQuery = {
  expr: 'up',
  startMs: 1_706_572_800_000,
  endMs: 1_706_572_800_000 + HOUR_MS,
  stepSeconds: 15,
};
const newRange: RangeQuery = {
  ...oldRange,
  startMs: oldRange.startMs + HOUR_MS,
  endMs: oldRange.endMs + HOUR_MS,
};
const EMPTY_MATRIX = { status: 'success', data: { resultType: 'matrix', result: [] } };

/** A real scheduler that also remembers the signal it gave each task. */
function recordingScheduler(options?: Parameters<typeof createRequestScheduler>[0]) {
  const real = createRequestScheduler(options);
  const taskSignals: { key: string; signal: AbortSignal }[] = [];
  const scheduler: RequestScheduler = {
    run: (key, task, signal) =>
      real.run(
        key,
        (taskSignal) => {
          taskSignals.push({ key, signal: taskSignal });
          return task(taskSignal);
        },
        signal,
      ),
    probeNow: () => {
      real.probeNow();
    },
    get inFlight() {
      return real.inFlight;
    },
    get queued() {
      return real.queued;
    },
  };
  return { scheduler, taskSignals };
}

function providers(scheduler?: RequestScheduler) {
  const client = new QueryClient();
  return ({ children }: { children: ReactNode }) =>
    createElement(
      QueryClientProvider,
      { client },
      createElement(SchedulerProvider, { scheduler, children }),
    );
}

function useRange(query: RangeQuery, cap: RangeQueryCap = {}) {
  return useQuery(rangeQueryOptions(endpoint, query, useScheduler(), 'panel', cap));
}

/** The old range a minute later, as a live refresh asks it. */
const slid = { ...oldRange, startMs: oldRange.startMs + 60_000, endMs: oldRange.endMs + 60_000 };

/** A panel query capped at two series, on `oldRange` until rerendered with another. */
function renderCappedLive() {
  return renderHook(({ query }) => useRange(query, { maxSeries: 2 }), {
    initialProps: { query: oldRange },
    wrapper: providers(createRequestScheduler()),
  });
}

/** A matrix of one series per peak, each one sample a step over `query`'s range. */
function peaksMatrix(query: RangeQuery, peaks: readonly number[]) {
  const points = (query.endMs - query.startMs) / (query.stepSeconds * 1000) + 1;
  const result = peaks.map((peak, index) => ({
    metric: { pod: `pod-${String(index)}` },
    values: Array.from({ length: points }, (_, i) => [
      query.startMs / 1000 + i * query.stepSeconds,
      String(i === 1 ? peak : 0),
    ]),
  }));
  return { status: 'success', data: { resultType: 'matrix', result } };
}

function setVisibility(state: DocumentVisibilityState): void {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}

afterEach(() => {
  setVisibility('visible');
});

describe('query options on the scheduler', () => {
  it('aborts the old range’s request when the range changes, and shows the new range', async () => {
    const askedStarts: string[] = [];
    server.use(
      http.get(RANGE_URL, async ({ request }) => {
        const start = new URL(request.url).searchParams.get('start') ?? '';
        askedStarts.push(start);
        if (Number(start) * 1000 === oldRange.startMs) await delay('infinite');
        return HttpResponse.json(EMPTY_MATRIX);
      }),
    );
    const { scheduler, taskSignals } = recordingScheduler();
    const { result, rerender } = renderHook(({ query }) => useRange(query), {
      initialProps: { query: oldRange },
      wrapper: providers(scheduler),
    });
    await waitFor(() => {
      expect(askedStarts).toHaveLength(1);
    });

    rerender({ query: newRange });

    await waitFor(() => {
      expect(result.current.data).toEqual({ series: [], warnings: [] });
    });
    expect(taskSignals.map(({ signal }) => signal.aborted)).toEqual([true, false]);
    expect(taskSignals[0]?.key).toBe(JSON.stringify(rangeQueryKey(endpoint, oldRange)));
    expect(askedStarts.map(Number)).toEqual([oldRange.startMs / 1000, newRange.startMs / 1000]);
    expect(scheduler.inFlight).toBe(0);
  });

  it('leaves retries to the scheduler: a 503 is tried maxAttempts times, not more', async () => {
    let requests = 0;
    server.use(
      http.get(RANGE_URL, () => {
        requests += 1;
        return new HttpResponse('overloaded', { status: 503 });
      }),
    );
    const scheduler = createRequestScheduler({ maxAttempts: 2, baseDelayMs: 1 });
    const { result } = renderHook(() => useRange(oldRange), { wrapper: providers(scheduler) });

    await waitFor(() => {
      expect(result.current.error).toMatchObject({ kind: 'unavailable', httpStatus: 503 });
    });
    expect(requests).toBe(2);
  });

  it('caches only the top series by peak of a capped query, with how many there were', async () => {
    server.use(
      http.get(RANGE_URL, () => HttpResponse.json(peaksMatrix(oldRange, [3, 9, 1, 7, 5]))),
    );
    const { result } = renderHook(() => useRange(oldRange, { maxSeries: 2 }), {
      wrapper: providers(createRequestScheduler()),
    });

    await waitFor(() => {
      expect(result.current.data?.seriesTotal).toBe(5);
    });
    expect(result.current.data?.series.map((one) => one.labels.pod)).toEqual(['pod-1', 'pod-3']);
  });

  it('asks a capped answer’s next live range whole, since the series it dropped have no head', async () => {
    const askedStarts: number[] = [];
    server.use(
      http.get(RANGE_URL, ({ request }) => {
        const params = new URL(request.url).searchParams;
        const startMs = Number(params.get('start')) * 1000;
        askedStarts.push(startMs);
        const range = { ...oldRange, startMs, endMs: Number(params.get('end')) * 1000 };
        return HttpResponse.json(peaksMatrix(range, [3, 9, 1, 7, 5]));
      }),
    );
    const { result, rerender } = renderCappedLive();
    await waitFor(() => {
      expect(result.current.data?.seriesTotal).toBe(5);
    });

    rerender({ query: slid });

    await waitFor(() => {
      expect(askedStarts).toHaveLength(2);
    });
    expect(askedStarts).toEqual([oldRange.startMs, slid.startMs]);
  });

  it('asks the range whole when a live tail has more series than the panel draws', async () => {
    const asked: { startMs: number; endMs: number }[] = [];
    server.use(
      http.get(RANGE_URL, ({ request }) => {
        const params = new URL(request.url).searchParams;
        const range = {
          ...oldRange,
          startMs: Number(params.get('start')) * 1000,
          endMs: Number(params.get('end')) * 1000,
        };
        asked.push(range);
        // Two series at first; then a label explodes into five, the fourth peaking highest.
        return HttpResponse.json(
          peaksMatrix(range, asked.length === 1 ? [3, 9] : [3, 9, 1, 20, 5]),
        );
      }),
    );
    const { result, rerender } = renderCappedLive();
    await waitFor(() => {
      expect(result.current.data?.series).toHaveLength(2);
    });

    rerender({ query: slid });

    await waitFor(() => {
      expect(result.current.data?.seriesTotal).toBe(5);
    });
    // The tail, then the whole slid range: the top two of all five, not of the tail alone.
    expect(asked.map((range) => range.startMs)).toEqual([
      oldRange.startMs,
      expect.any(Number),
      slid.startMs,
    ]);
    expect(asked[1]?.startMs).toBeGreaterThan(slid.startMs);
    expect(result.current.data?.series.map((one) => one.labels.pod)).toEqual(['pod-1', 'pod-3']);
  });

  it('sends nothing from the page’s scheduler while the document is hidden', async () => {
    let requests = 0;
    server.use(
      http.get(RANGE_URL, () => {
        requests += 1;
        return HttpResponse.json(EMPTY_MATRIX);
      }),
    );
    setVisibility('hidden');
    const { result } = renderHook(
      () => ({ scheduler: useScheduler(), query: useRange(oldRange) }),
      {
        wrapper: providers(),
      },
    );
    await waitFor(() => {
      expect(result.current.scheduler.queued).toBe(1);
    });
    expect(requests).toBe(0);

    setVisibility('visible');

    await waitFor(() => {
      expect(result.current.query.data).toEqual({ series: [], warnings: [] });
    });
    expect(requests).toBe(1);
  });

  it('keeps one scheduler for the page across renders', () => {
    const { result, rerender } = renderHook(() => useScheduler(), { wrapper: providers() });
    const first = result.current;
    rerender();
    expect(result.current).toBe(first);
  });

  it('fetches label values with their matchers through the scheduler', async () => {
    let params = new URLSearchParams();
    server.use(
      http.get('http://prometheus.test/api/v1/label/namespace/values', ({ request }) => {
        params = new URL(request.url).searchParams;
        return HttpResponse.json({ status: 'success', data: ['checkout', 'payments'] });
      }),
    );
    const scheduler = createRequestScheduler();
    const options = {
      match: ['up{cluster="eu-1"}'],
      startMs: oldRange.startMs,
      endMs: oldRange.endMs,
    };
    const { result } = renderHook(
      () => useQuery(labelValuesQueryOptions(endpoint, 'namespace', options, scheduler)),
      { wrapper: providers(scheduler) },
    );

    await waitFor(() => {
      expect(result.current.data).toEqual(['checkout', 'payments']);
    });
    expect(params.getAll('match[]')).toEqual(['up{cluster="eu-1"}']);
    expect(Number(params.get('start')) * 1000).toBe(oldRange.startMs);
  });
});

describe('rangeQueryKey', () => {
  it('differs whenever the answer could: server, API path, expression, range, step or cap', () => {
    const base = JSON.stringify(rangeQueryKey(endpoint, oldRange));
    const variants = [
      rangeQueryKey({ url: 'http://other.test' }, oldRange),
      rangeQueryKey({ ...endpoint, apiPath: '/prometheus/api/v1/' }, oldRange),
      rangeQueryKey(endpoint, { ...oldRange, expr: 'up == 0' }),
      rangeQueryKey(endpoint, newRange),
      rangeQueryKey(endpoint, { ...oldRange, endMs: oldRange.endMs + 15_000 }),
      rangeQueryKey(endpoint, { ...oldRange, stepSeconds: 30 }),
      rangeQueryKey(endpoint, oldRange, { maxSeries: 50 }),
    ].map((key) => JSON.stringify(key));
    expect(new Set([base, ...variants]).size).toBe(8);
    expect(JSON.stringify(rangeQueryKey(endpoint, { ...oldRange }))).toBe(base);
  });
});
