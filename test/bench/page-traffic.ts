import { performance } from 'node:perf_hooks';
import type { Page, Request } from 'playwright-core';

/** One range query as the page sent it, and how many samples its answer held. */
export interface RangeRequest {
  readonly expr: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly stepSeconds: number;
  readonly samples: number;
}

/** What the page asked Prometheus for between two marks. */
export interface TrafficSpan {
  readonly requests: number;
  /** The most requests open at once. */
  readonly peakInFlight: number;
  /**
   * The most open at once of those that were answered: without the requests the page gave up
   * on (aborted), whose cancellation reaches the network a moment after the page let them go.
   */
  readonly peakAnsweredInFlight: number;
  /** Samples in every answer: the values of each matrix series, one per vector element. */
  readonly samples: number;
  readonly rangeRequests: readonly RangeRequest[];
}

interface ApiResponse {
  readonly data?: {
    readonly resultType?: string;
    readonly result?: readonly { readonly values?: readonly unknown[] }[];
  };
}

/** Samples in a `query_range` or `query` answer; 0 for label values and errors. */
export function samplesIn(body: ApiResponse): number {
  const { resultType, result } = body.data ?? {};
  if (result === undefined) return 0;
  if (resultType === 'matrix') {
    return result.reduce((n: number, one) => n + (one.values?.length ?? 0), 0);
  }
  if (resultType === 'vector') return result.length;
  return 0;
}

/** A request's parameters, from the query string or a form-encoded POST body. */
function paramsOf(request: Request): URLSearchParams {
  const url = new URL(request.url());
  const body = request.method() === 'POST' ? (request.postData() ?? '') : '';
  const params = new URLSearchParams(url.search);
  for (const [name, value] of new URLSearchParams(body)) params.append(name, value);
  return params;
}

const isApi = (request: Request) => new URL(request.url()).pathname.includes('/api/v1/');

/**
 * Counts the page's requests to the Prometheus API (sent, open at once) and the samples in
 * their answers, from the page's own network events. `take` returns what happened since the
 * previous `take`, once every answer counted so far has been read.
 */
/** The most intervals that overlap at one time. */
function peakOverlap(intervals: readonly (readonly [number, number])[]): number {
  const edges = intervals.flatMap(([start, end]) => [
    [start, 1],
    [end, -1],
  ]);
  // At one instant, an end before a start: back-to-back requests do not overlap.
  edges.sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0));
  let open = 0;
  let peak = 0;
  for (const [, step] of edges) {
    open += step ?? 0;
    peak = Math.max(peak, open);
  }
  return peak;
}

export function watchTraffic(page: Page) {
  const newSpan = (peakInFlight: number) => ({
    requests: 0,
    peakInFlight,
    samples: 0,
    rangeRequests: [] as RangeRequest[],
    answered: [] as [number, number][],
  });
  let span = newSpan(0);
  const startedAt = new Map<Request, number>();
  let open = 0;
  let lastAt = Date.now();
  const reading = new Set<Promise<void>>();

  page.on('request', (request) => {
    if (!isApi(request)) return;
    span.requests += 1;
    startedAt.set(request, performance.now());
    open += 1;
    span.peakInFlight = Math.max(span.peakInFlight, open);
    lastAt = Date.now();
  });
  const done = (request: Request) => {
    if (!isApi(request)) return;
    open -= 1;
    lastAt = Date.now();
    startedAt.delete(request);
  };
  page.on('requestfailed', done);
  page.on('requestfinished', (request) => {
    if (!isApi(request)) return;
    span.answered.push([startedAt.get(request) ?? performance.now(), performance.now()]);
    done(request);
    const counted = span;
    const read = (async () => {
      const response = await request.response();
      const text = await response?.text().catch(() => '');
      if (!text || response?.headers()['content-type']?.includes('json') !== true) return;
      const samples = samplesIn(JSON.parse(text) as ApiResponse);
      counted.samples += samples;
      if (!new URL(request.url()).pathname.endsWith('/query_range')) return;
      const params = paramsOf(request);
      counted.rangeRequests.push({
        expr: params.get('query') ?? '',
        startMs: Number(params.get('start')) * 1000,
        endMs: Number(params.get('end')) * 1000,
        stepSeconds: Number(params.get('step')),
        samples,
      });
    })();
    reading.add(read);
    void read.finally(() => reading.delete(read));
  });

  return {
    /** Until nothing is open, nothing new was sent for `quietMs` (real time), and all is read. */
    async settle(quietMs = 80, maxMs = 30_000): Promise<void> {
      const until = Date.now() + maxMs;
      while (Date.now() < until && (open > 0 || Date.now() - lastAt < quietMs)) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await Promise.allSettled([...reading]);
    },
    /** What was asked since the last `take`; starts a new span (open requests stay open). */
    take(): TrafficSpan {
      const { answered, ...taken } = span;
      span = newSpan(open);
      return { ...taken, peakAnsweredInFlight: peakOverlap(answered) };
    },
  };
}
