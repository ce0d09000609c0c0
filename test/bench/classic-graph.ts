import { defaultDashboard } from '../../src/dashboard/default-dashboard';
import { expandQuery } from '../../src/dashboard/query-template';
import type { RangeRequest } from './page-traffic';

/**
 * The dashboard's panel queries as the page sent them for a range: each panel target expanded
 * at the step the page used (variables all, `$__rate_interval` at that step), over exactly the
 * range — not the impact analysis's pre-rolled queries nor the change sources.
 */
export function panelQueries(
  requests: readonly RangeRequest[],
  range: { readonly startMs: number; readonly endMs: number },
): RangeRequest[] {
  const targets = defaultDashboard.panels.flatMap((panel) => panel.targets.map((t) => t.expr));
  const found = new Map<string, RangeRequest>();
  for (const request of requests) {
    if (request.startMs !== range.startMs || request.endMs !== range.endMs) continue;
    const context = {
      stepSeconds: request.stepSeconds,
      scrapeIntervalSeconds: defaultDashboard.scrapeIntervalSeconds,
      variables: {},
    };
    if (targets.some((target) => expandQuery(target, context) === request.expr)) {
      found.set(request.expr, request);
    }
  }
  return [...found.values()];
}

/**
 * The classic page reads at most 10 graphs: it sorts its `g<n>.` parameters as text, so `g10.`
 * lands between `g1.` and `g2.` and shifts every later graph by one (Prometheus 2.42).
 */
export const CLASSIC_MAX_GRAPHS = 10;

/** The queries the classic page can show, leaving out those that answered nothing first. */
export function classicGraphQueries(queries: readonly RangeRequest[]): {
  readonly shown: RangeRequest[];
  readonly left: RangeRequest[];
} {
  const ordered = [
    ...queries.filter((q) => q.samples > 0),
    ...queries.filter((q) => q.samples === 0),
  ];
  return { shown: ordered.slice(0, CLASSIC_MAX_GRAPHS), left: ordered.slice(CLASSIC_MAX_GRAPHS) };
}

/** `2024-06-04 16:00`: the classic page's end time, read as UTC, to the minute. */
function classicTime(ms: number): string {
  if (ms % 60_000 !== 0) throw new RangeError('the classic graph page takes whole minutes');
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * Prometheus 2.42's classic graph page (`/classic/graph`) with one graph per query, each over
 * the same range and at the same step as the dashboard asked: `g<n>.expr`, `g<n>.tab=0` (graph),
 * `g<n>.range_input` (seconds, as `21600s`), `g<n>.end_input` and `g<n>.step_input`.
 */
export function classicGraphUrl(prometheusUrl: string, queries: readonly RangeRequest[]): string {
  const params = new URLSearchParams();
  queries.forEach((query, index) => {
    const g = `g${String(index)}.`;
    params.set(`${g}expr`, query.expr);
    params.set(`${g}tab`, '0');
    params.set(`${g}stacked`, '0');
    params.set(`${g}range_input`, `${String((query.endMs - query.startMs) / 1000)}s`);
    params.set(`${g}end_input`, classicTime(query.endMs));
    params.set(`${g}moment_input`, classicTime(query.endMs));
    params.set(`${g}step_input`, String(query.stepSeconds));
  });
  return `${prometheusUrl}/classic/graph?${params.toString()}`;
}
