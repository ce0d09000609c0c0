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
export function watchTraffic(page: Page) {
  let span = { requests: 0, peakInFlight: 0, samples: 0, rangeRequests: [] as RangeRequest[] };
  let open = 0;
  let lastAt = Date.now();
  const reading = new Set<Promise<void>>();

  page.on('request', (request) => {
    if (!isApi(request)) return;
    span.requests += 1;
    open += 1;
    span.peakInFlight = Math.max(span.peakInFlight, open);
    lastAt = Date.now();
  });
  const done = (request: Request) => {
    if (!isApi(request)) return;
    open -= 1;
    lastAt = Date.now();
  };
  page.on('requestfailed', done);
  page.on('requestfinished', (request) => {
    if (!isApi(request)) return;
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
      const taken = span;
      span = { requests: 0, peakInFlight: open, samples: 0, rangeRequests: [] };
      return taken;
    },
  };
}
