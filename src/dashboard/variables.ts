/**
 * Dashboard variables, Grafana-style: each takes its choices from the values of one Prometheus
 * label (`/api/v1/label/<labelName>/values`), is chosen in the URL as `var-<name>`, and is used in
 * queries as `$name` inside a quoted matcher, e.g. `service=~"$service"`.
 */

export interface VariableDefinition {
  /** Used in queries as `$name` and in the URL as `var-name`. */
  readonly name: string;
  /** Shown next to the picker. */
  readonly label: string;
  /** The Prometheus label whose values are the choices. */
  readonly labelName: string;
  /**
   * A series selector (`match[]`) that narrows the choices to the series it selects. It may use
   * other variables, so that, for example, only the services of the chosen namespace are offered.
   */
  readonly match?: string;
}

/** Variable names: usable as `$name` in a query, and not Grafana's reserved `$__…` names. */
export const VARIABLE_NAME = /^(?!__)[A-Za-z_][A-Za-z0-9_]*$/;

export const defaultVariables: readonly VariableDefinition[] = [
  { name: 'cluster', label: 'Cluster', labelName: 'cluster' },
  { name: 'namespace', label: 'Namespace', labelName: 'namespace' },
  {
    name: 'service',
    label: 'Service',
    labelName: 'service',
    // Services are what serve HTTP: this leaves out exporters and jobs that also carry the label.
    match: 'http_requests_total{cluster=~"$cluster", namespace=~"$namespace"}',
  },
];
