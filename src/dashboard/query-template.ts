import { promDuration, rateIntervalSeconds } from '../domain/rate-interval';

/** Values chosen for one dashboard variable; empty means "all". */
export type VariableSelection = Readonly<Record<string, readonly string[]>>;

export interface TemplateContext {
  readonly stepSeconds: number;
  readonly scrapeIntervalSeconds: number;
  readonly variables: VariableSelection;
}

const REGEX_SPECIALS = /[.*+?^${}()|[\]\\]/g;

function variableRegex(values: readonly string[] | undefined): string {
  if (values === undefined || values.length === 0) return '.*';
  // A label value may contain regex characters; escape them, then escape for the PromQL string.
  const alternatives = values.map((v) => v.replace(REGEX_SPECIALS, '\\$&'));
  const regex = alternatives.length === 1 ? (alternatives[0] ?? '') : `(${alternatives.join('|')})`;
  return regex.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/**
 * Expands Grafana-style placeholders in a panel's PromQL: `$__rate_interval`, `$__interval`
 * and `$<variable>` (meant for `=~"$variable"` matchers; "all" becomes `.*`).
 */
export function expandQuery(promql: string, context: TemplateContext): string {
  const rateInterval = promDuration(
    rateIntervalSeconds(context.stepSeconds, context.scrapeIntervalSeconds),
  );
  return promql
    .replaceAll('$__rate_interval', rateInterval)
    .replaceAll('$__interval', promDuration(context.stepSeconds))
    .replace(/\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, name: string) =>
      name in context.variables || isDefaultVariable(name)
        ? variableRegex(context.variables[name])
        : whole,
    );
}

const DEFAULT_VARIABLES = new Set(['cluster', 'namespace', 'service']);

function isDefaultVariable(name: string): boolean {
  return DEFAULT_VARIABLES.has(name);
}
