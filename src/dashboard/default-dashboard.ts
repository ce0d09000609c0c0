/**
 * The standard dashboard: error ratio, latency, queue depth and API-server load (plus DNS when
 * present) over the metric names of standard exporters, and the queries that find changes and incident
 * windows. Every query carries `$__rate_interval` and the `$cluster`, `$namespace`, `$service`
 * variables where they apply, so the same text works at any step and selection.
 */

import type { DashboardConfig, DashboardSources } from './config-schema';
import { defaultVariables } from './variables';

export const PANEL_UNITS = ['percentunit', 'seconds', 'reqps', 'count'] as const;
export type PanelUnit = (typeof PANEL_UNITS)[number];

export interface PanelTarget {
  /** Short name shown in the legend before the series labels, e.g. `p99`. */
  readonly name: string;
  readonly expr: string;
  /**
   * The unit of this target when it differs from the panel's; targets of another unit are drawn
   * as their own sub-chart (requests per second, counts and seconds do not share an axis).
   */
  readonly unit?: PanelUnit;
}

/** Levels drawn as lines on the panel, in the panel's unit (`0.05` is 5 % for `percentunit`). */
export interface PanelThresholds {
  readonly warning?: number;
  readonly critical?: number;
}

/**
 * The panel's status on a wall screen: the worst series of one target (the first when not
 * named) against its levels, in that target's unit.
 */
export interface PanelStatus {
  readonly target?: string;
  readonly warning?: number;
  readonly critical?: number;
}

export interface PanelDefinition {
  readonly id: string;
  readonly title: string;
  readonly unit: PanelUnit;
  readonly thresholds?: PanelThresholds;
  readonly status?: PanelStatus;
  readonly targets: readonly PanelTarget[];
}

export interface SourceQuery {
  readonly id: string;
  readonly expr: string;
}

const app = 'cluster=~"$cluster", namespace=~"$namespace", service=~"$service"';

export const defaultPanels: readonly PanelDefinition[] = [
  {
    id: 'error_ratio',
    title: 'Error ratio (5xx)',
    unit: 'percentunit',
    status: { warning: 0.01, critical: 0.05 },
    targets: [
      {
        name: '5xx',
        expr:
          `sum by (namespace, service) (rate(http_requests_total{${app}, code=~"5.."}[$__rate_interval]))` +
          ` / sum by (namespace, service) (rate(http_requests_total{${app}}[$__rate_interval]))`,
      },
    ],
  },
  {
    id: 'latency',
    title: 'Latency',
    unit: 'seconds',
    // What a slow request is differs too much between services for one level to fit all.
    status: { target: 'p99' },
    targets: [0.5, 0.99].map((q) => ({
      name: `p${String(q * 100)}`,
      expr: `histogram_quantile(${String(q)}, sum by (namespace, service, le) (rate(http_request_duration_seconds_bucket{${app}}[$__rate_interval])))`,
    })),
  },
  {
    id: 'queue_depth',
    title: 'Queue depth',
    unit: 'count',
    status: { target: 'oldest job age', warning: 30, critical: 120 },
    targets: [
      { name: 'depth', expr: `max by (service, queue) (queue_depth{${app}})`, unit: 'count' },
      {
        name: 'oldest job age',
        expr: `max by (service, queue) (queue_oldest_job_age_seconds{${app}})`,
        unit: 'seconds',
      },
    ],
  },
  {
    id: 'apiserver',
    title: 'Kubernetes API server',
    unit: 'reqps',
    // The upstream SLO for single-object calls is a p99 under 1 s.
    status: { target: 'p99', warning: 1, critical: 4 },
    targets: [
      {
        name: 'requests',
        expr: 'sum by (verb) (rate(apiserver_request_total{cluster=~"$cluster"}[$__rate_interval]))',
        unit: 'reqps',
      },
      {
        name: 'in flight',
        expr: 'sum by (request_kind) (apiserver_current_inflight_requests{cluster=~"$cluster"})',
        unit: 'count',
      },
      {
        name: 'p99',
        expr: 'histogram_quantile(0.99, sum by (verb, le) (rate(apiserver_request_duration_seconds_bucket{cluster=~"$cluster", verb!~"WATCH|CONNECT"}[$__rate_interval])))',
        unit: 'seconds',
      },
      {
        name: '429',
        expr: 'sum(rate(apiserver_request_total{cluster=~"$cluster", code="429"}[$__rate_interval]))',
        unit: 'reqps',
      },
      {
        name: 'APF rejected',
        expr: 'sum by (priority_level) (rate(apiserver_flowcontrol_rejected_requests_total{cluster=~"$cluster"}[$__rate_interval]))',
        unit: 'reqps',
      },
    ],
  },
  {
    id: 'dns',
    title: 'DNS SERVFAIL',
    unit: 'percentunit',
    status: { warning: 0.01, critical: 0.05 },
    targets: [
      {
        name: 'SERVFAIL',
        expr:
          'sum(rate(coredns_dns_responses_total{cluster=~"$cluster", rcode="SERVFAIL"}[$__rate_interval]))' +
          ' / sum(rate(coredns_dns_responses_total{cluster=~"$cluster"}[$__rate_interval]))',
      },
    ],
  },
];

/** Queries that find changes, incident windows and scrape health. */
export const defaultSourceQueries: readonly SourceQuery[] = [
  {
    id: 'deploys',
    expr:
      'kube_replicaset_created{namespace=~"$namespace"}' +
      ' * on (namespace, replicaset) group_left (owner_name)' +
      ' kube_replicaset_owner{owner_kind="Deployment"}',
  },
  {
    id: 'daemonset_rollouts',
    expr: 'kube_daemonset_metadata_generation{namespace=~"$namespace"}',
  },
  {
    id: 'statefulset_rollouts',
    expr: 'kube_statefulset_metadata_generation{namespace=~"$namespace"}',
  },
  {
    id: 'build_versions',
    expr: 'max by (namespace, service, version) (app_build_info{namespace=~"$namespace"})',
  },
  {
    id: 'config_changes',
    expr: 'kube_configmap_metadata_resource_version{namespace=~"$namespace"}',
  },
  {
    id: 'scale_changes',
    expr: 'kube_deployment_spec_replicas{namespace=~"$namespace"}',
  },
  { id: 'alerts', expr: 'ALERTS{alertstate="firing"}' },
  { id: 'scrape_health', expr: 'min by (job) (up)' },
];

function sourceQuery(id: string): { readonly enabled: boolean; readonly expr: string } {
  return { enabled: true, expr: defaultSourceQueries.find((q) => q.id === id)?.expr ?? '' };
}

/** The sources of changes and incidents that need no configuration: the queries above. */
export const defaultSources: DashboardSources = {
  deploys: sourceQuery('deploys'),
  daemonsetRollouts: sourceQuery('daemonset_rollouts'),
  statefulsetRollouts: sourceQuery('statefulset_rollouts'),
  buildVersions: sourceQuery('build_versions'),
  configChanges: sourceQuery('config_changes'),
  scaleChanges: sourceQuery('scale_changes'),
  alerts: sourceQuery('alerts'),
  scrapeHealth: sourceQuery('scrape_health'),
};

/** The built-in standard dashboard, shown when the URL names no config or a config is bad. */
export const defaultDashboard: DashboardConfig = {
  title: 'Standard dashboard',
  scrapeIntervalSeconds: 15,
  panels: defaultPanels,
  variables: defaultVariables,
  sources: defaultSources,
};
