import type { ScenarioId } from '../../mocks/scenarios';
import { defaultPanels, defaultSourceQueries } from '../../src/dashboard/default-dashboard';
import { expandQuery } from '../../src/dashboard/query-template';
import { alignRange, chooseStepSeconds } from '../../src/domain/step';
import type { AbsoluteRange } from '../../src/domain/time-range';
import { apiTime, type ApiParams } from './prometheus-api';

/**
 * The calls the MSW-vs-Prometheus agreement test makes for one scenario: every query the
 * default dashboard issues, expanded as the app expands it (variables empty = all) at the step
 * the app would choose, plus instant queries, `series`, `labels` and label values.
 */

export interface AgreementCall {
  /** What the call is, for test names; failure messages add the full parameters. */
  readonly name: string;
  readonly endpoint: string;
  readonly params: ApiParams;
  readonly method: 'GET' | 'POST';
  /** The name of the query it runs (see `dashboardQueries`), for calls of one query. */
  readonly queryName?: string;
  /** See `AgreementOptions.errorsAgreeUpTo`; by default error messages must be equal. */
  readonly errorsAgreeUpTo?: string;
}

export interface ScenarioWindow {
  readonly range: AbsoluteRange;
  readonly scrapeIntervalSeconds: number;
}

/** Width of a panel's plot in CSS px, for choosing the step as the dashboard does. */
const PANEL_WIDTH_PX = 1600;

export interface NamedQuery {
  readonly name: string;
  readonly expr: string;
}

/** Every PromQL text of the default dashboard, panel targets and change/incident sources. */
export function dashboardQueries(): NamedQuery[] {
  return [
    ...defaultPanels.flatMap((panel) =>
      panel.targets.map((target) => ({ name: `${panel.id}/${target.name}`, expr: target.expr })),
    ),
    ...defaultSourceQueries.map((source) => ({ name: `source/${source.id}`, expr: source.expr })),
  ];
}

/**
 * Default-dashboard queries with nothing to show in a scenario, because the scenario has no such
 * thing: no queue, no DaemonSet or StatefulSet, no config change, no alert. Over a scenario's
 * whole window these must return no series, and every other dashboard query at least one.
 */
export const queriesWithoutSeries: Readonly<Record<ScenarioId, readonly string[]>> = {
  a: [
    'queue_depth/depth',
    'queue_depth/oldest job age',
    'source/daemonset_rollouts',
    'source/statefulset_rollouts',
  ],
  b: ['queue_depth/depth', 'queue_depth/oldest job age', 'source/statefulset_rollouts'],
  c: ['source/daemonset_rollouts', 'source/statefulset_rollouts'],
  quiet: [
    'queue_depth/depth',
    'queue_depth/oldest job age',
    'source/daemonset_rollouts',
    'source/alerts',
  ],
};

/**
 * PromQL the MSW evaluator supports beyond the default dashboard: selectors by name,
 * `increase`/`changes`/`*_over_time`, `by`/`without`, vector matching with
 * `on`/`ignoring`/`group_left`, comparisons, scalar arithmetic and per-series quantiles.
 */
export const extraQueries: readonly NamedQuery[] = [
  { name: 'regex on names', expr: '{__name__=~"queue_depth|app_build_info", namespace!="api"}' },
  { name: 'increase', expr: 'increase(http_requests_total{code="500"}[10m])' },
  { name: 'changes', expr: 'changes(kube_deployment_spec_replicas[1h])' },
  { name: 'avg_over_time', expr: 'avg_over_time(apiserver_current_inflight_requests[10m])' },
  { name: 'min/max_over_time', expr: 'max_over_time(up[10m]) - min_over_time(up[10m])' },
  { name: 'sum/count_over_time', expr: 'sum_over_time(up[10m]) / count_over_time(up[10m])' },
  { name: 'avg without', expr: 'avg without (instance) (rate(http_requests_total[5m]))' },
  { name: 'min/count by', expr: 'min by (job) (up) + count by (job) (up)' },
  {
    name: 'ignoring one-to-one',
    expr: 'rate(http_requests_total{code="500"}[5m]) / ignoring (code) rate(http_requests_total{code="200"}[5m])',
  },
  {
    name: 'on group_left',
    expr: 'rate(http_requests_total[5m]) / on (namespace, service, instance) group_left sum by (namespace, service, instance) (rate(http_requests_total[5m]))',
  },
  { name: 'comparison filter', expr: 'rate(coredns_dns_responses_total[5m]) > 1' },
  { name: 'comparison bool', expr: 'up > bool 0' },
  { name: 'scalar arithmetic', expr: '2 * sum by (verb) (rate(apiserver_request_total[5m])) + 1' },
  {
    name: 'quantile per instance',
    expr: 'histogram_quantile(0.9, rate(http_request_duration_seconds_bucket[5m]))',
  },
];

/** A range selector on its own: for instant queries (a range query refuses it). */
export const rawRangeSelector: NamedQuery = { name: 'raw range selector', expr: 'up[2m]' };

function expand(expr: string, stepSeconds: number, scrapeIntervalSeconds: number): string {
  return expandQuery(expr, { stepSeconds, scrapeIntervalSeconds, variables: {} });
}

/** The step the dashboard picks for a range of this width. */
export function dashboardStep(window: ScenarioWindow): number {
  return chooseStepSeconds({
    range: window.range,
    widthPx: PANEL_WIDTH_PX,
    scrapeIntervalSeconds: window.scrapeIntervalSeconds,
  });
}

/** Range queries over `range`, aligned to `stepSeconds` as the app does; default: the dashboard's. */
export function rangeCalls(
  window: ScenarioWindow,
  stepSeconds: number,
  queries: readonly NamedQuery[] = dashboardQueries(),
): AgreementCall[] {
  const aligned = alignRange(window.range, stepSeconds);
  return queries.map(({ name, expr }) => {
    const query = expand(expr, stepSeconds, window.scrapeIntervalSeconds);
    return {
      name: `${name} at ${String(stepSeconds)}s steps`,
      queryName: name,
      endpoint: 'query_range',
      params: {
        query,
        start: apiTime(aligned.startMs),
        end: apiTime(aligned.endMs),
        step: String(stepSeconds),
      },
      method: 'GET',
    };
  });
}

/**
 * Instant queries (sent as POST, which the app uses for long queries) at the given times,
 * expanded for a 15 s step as a live dashboard zoomed in would.
 */
export function instantCalls(
  window: ScenarioWindow,
  timesMs: readonly number[],
  queries: readonly NamedQuery[] = dashboardQueries(),
): AgreementCall[] {
  return queries.flatMap(({ name, expr }) =>
    timesMs.map((timeMs) => {
      const query = expand(expr, 15, window.scrapeIntervalSeconds);
      return {
        name: `${name} at ${new Date(timeMs).toISOString()}`,
        queryName: name,
        endpoint: 'query',
        params: { query, time: apiTime(timeMs) },
        method: 'POST' as const,
      };
    }),
  );
}

/** Plain selectors as they appear in the dashboard's queries, e.g. `up` or `ALERTS{…}`. */
export function dashboardSelectors(scrapeIntervalSeconds: number): string[] {
  const selectors = new Set<string>(['up']);
  for (const { expr } of dashboardQueries()) {
    for (const match of expand(expr, 15, scrapeIntervalSeconds).matchAll(
      /[a-zA-Z_:][a-zA-Z0-9_:]*\{[^}]*\}/g,
    )) {
      selectors.add(match[0]);
    }
  }
  return [...selectors];
}

/** `series` for each selector of the dashboard and for all kube-state-metrics, over `range`. */
export function seriesCalls(window: ScenarioWindow, range: AbsoluteRange): AgreementCall[] {
  const span = { start: apiTime(range.startMs), end: apiTime(range.endMs) };
  return [...dashboardSelectors(window.scrapeIntervalSeconds), '{__name__=~"kube_.+"}'].map(
    (selector) => ({
      name: `series ${selector} from ${new Date(range.startMs).toISOString()} to ${new Date(range.endMs).toISOString()}`,
      endpoint: 'series',
      params: { 'match[]': selector, ...span },
      method: 'GET',
    }),
  );
}

/** `labels` over the window, for everything and for a few metrics. */
export function labelNameCalls(range: AbsoluteRange): AgreementCall[] {
  const span = { start: apiTime(range.startMs), end: apiTime(range.endMs) };
  return [undefined, 'up', 'http_requests_total', 'ALERTS'].map((selector) => ({
    name: `labels${selector === undefined ? '' : ` of ${selector}`}`,
    endpoint: 'labels',
    params: selector === undefined ? span : { ...span, 'match[]': selector },
    method: 'GET',
  }));
}

/** `label/<name>/values` over the window for each name. */
export function labelValueCalls(range: AbsoluteRange, names: readonly string[]): AgreementCall[] {
  const span = { start: apiTime(range.startMs), end: apiTime(range.endMs) };
  return names.map((name) => ({
    name: `label/${name}/values`,
    endpoint: `label/${encodeURIComponent(name)}/values`,
    params: span,
    method: 'GET',
  }));
}
