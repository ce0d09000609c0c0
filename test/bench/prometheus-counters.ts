import { samplesIn, type RangeRequest } from './page-traffic';

/** Prometheus's own counters for the work it did, from its `/metrics`. */
export interface PrometheusCounters {
  readonly cpuSeconds: number;
  /** `prometheus_http_requests_total` summed over codes, per handler. */
  readonly requestsByHandler: Readonly<Record<string, number>>;
  /** `prometheus_engine_query_duration_seconds_count{slice="inner_eval"}`: queries evaluated. */
  readonly queriesEvaluated: number;
}

const HANDLERS = ['/api/v1/query_range', '/api/v1/query', '/api/v1/label/:name/values'];

export async function readCounters(prometheusUrl: string): Promise<PrometheusCounters> {
  const text = await (await fetch(`${prometheusUrl}/metrics`)).text();
  const value = (line: string) => Number(line.slice(line.lastIndexOf(' ') + 1));
  let cpuSeconds = Number.NaN;
  let queriesEvaluated = 0;
  const requestsByHandler: Record<string, number> = Object.fromEntries(HANDLERS.map((h) => [h, 0]));
  for (const line of text.split('\n')) {
    if (line.startsWith('process_cpu_seconds_total ')) cpuSeconds = value(line);
    if (
      line.startsWith('prometheus_engine_query_duration_seconds_count{') &&
      line.includes('slice="inner_eval"')
    ) {
      queriesEvaluated += value(line);
    }
    if (!line.startsWith('prometheus_http_requests_total{')) continue;
    const handler = /handler="([^"]*)"/.exec(line)?.[1];
    if (handler !== undefined && handler in requestsByHandler) {
      requestsByHandler[handler] = (requestsByHandler[handler] ?? 0) + value(line);
    }
  }
  return { cpuSeconds, requestsByHandler, queriesEvaluated };
}

export function counterDelta(before: PrometheusCounters, after: PrometheusCounters) {
  return {
    cpuSeconds: after.cpuSeconds - before.cpuSeconds,
    requestsByHandler: Object.fromEntries(
      Object.entries(after.requestsByHandler).map(([handler, n]) => [
        handler,
        n - (before.requestsByHandler[handler] ?? 0),
      ]),
    ),
    queriesEvaluated: after.queriesEvaluated - before.queriesEvaluated,
  };
}

const rangeKey = (request: Pick<RangeRequest, 'expr' | 'stepSeconds'>) =>
  `${String(request.stepSeconds)} ${request.expr}`;

/**
 * What a page without tail refresh would have fetched for each request: the whole range the
 * request's answer stands for. Each expression and step was first asked over its whole range
 * in the initial load; a shorter request later is a tail, whose whole range ends where it ends
 * and is as long as the shortest whole range at least as long as it. Those are asked again
 * here, from Node, and their samples counted.
 */
export function fullRefetchCounter(prometheusUrl: string, initialLoad: readonly RangeRequest[]) {
  const spans = new Map<string, number[]>();
  for (const request of initialLoad) {
    const list = spans.get(rangeKey(request)) ?? [];
    list.push(request.endMs - request.startMs);
    spans.set(rangeKey(request), list);
  }
  async function samplesOver(expr: string, startMs: number, endMs: number, step: number) {
    const params = new URLSearchParams({
      query: expr,
      start: String(startMs / 1000),
      end: String(endMs / 1000),
      step: String(step),
    });
    const response = await fetch(`${prometheusUrl}/api/v1/query_range`, {
      method: 'POST',
      body: params,
    });
    return samplesIn((await response.json()) as Parameters<typeof samplesIn>[0]);
  }
  return {
    /** Samples the whole range of `request` holds (its own count when it was whole). */
    async wholeRangeSamples(request: RangeRequest): Promise<number> {
      const span = request.endMs - request.startMs;
      const whole = (spans.get(rangeKey(request)) ?? [])
        .filter((s) => s >= span)
        .sort((a, b) => a - b)[0];
      if (whole === undefined || whole === span) return request.samples;
      return samplesOver(request.expr, request.endMs - whole, request.endMs, request.stepSeconds);
    },
  };
}

/** Runs `work` over `items`, `concurrency` at a time, keeping the order of results. */
export async function mapLimited<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
