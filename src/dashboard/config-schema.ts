/**
 * The dashboard config: a JSON file of panels (PromQL with `$__rate_interval` and variables),
 * variables, and the sources of changes and incidents (docs/dashboard-config.md; JSON Schema in
 * docs/dashboard-config.schema.json, generated from this schema). Unknown fields are errors, so
 * a typo is reported rather than silently ignored; `x-` fields are free for the author's notes.
 */

import { z } from 'zod';
import {
  afterOthers,
  fieldErrors,
  formatFieldErrors,
  schemaFields,
  tooLong,
  uniqueBy,
  type FieldError,
} from '../domain/schema-fields';
import { quotedValue } from '../domain/shown-text';
import { defaultSources, PANEL_UNITS, type PanelDefinition } from './default-dashboard';
import { STANDARD_VARIABLES, variableReferences } from './query-template';
import { isDashboardLocation } from './dashboard-location';
import { defaultVariables, VARIABLE_NAME, type VariableDefinition } from './variables';

export type { VariableDefinition } from './variables';

export interface QuerySource {
  readonly enabled: boolean;
  readonly expr: string;
}

export interface LocationSource {
  readonly enabled: boolean;
  /** An http(s) URL or a path on this server. */
  readonly url: string;
}

/** Where changes and incidents come from; the query sources have the standard queries. */
export interface DashboardSources {
  readonly deploys: QuerySource;
  readonly daemonsetRollouts: QuerySource;
  readonly statefulsetRollouts: QuerySource;
  readonly buildVersions: QuerySource;
  readonly configChanges: QuerySource;
  readonly scaleChanges: QuerySource;
  readonly alerts: QuerySource;
  readonly scrapeHealth: QuerySource;
  readonly statuspage?: LocationSource;
  readonly eventsFile?: LocationSource;
}

export interface DashboardConfig {
  readonly title: string;
  readonly scrapeIntervalSeconds: number;
  readonly panels: readonly PanelDefinition[];
  readonly variables: readonly VariableDefinition[];
  readonly sources: DashboardSources;
}

/** Where the problem is, e.g. `panels[2].targets[0].expr`, and what it is. */
export type DashboardConfigError = FieldError;

const { expected, oneOf, pattern, record, text } = schemaFields({ missing: () => 'required' });

const MAX_QUERY = 10_000;
const DURATION = /^(\d{1,5})(s|m|h)$/;
const DURATION_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600 };

function durationSeconds(text: string): number {
  const [, amount, unit = 's'] = DURATION.exec(text) ?? [];
  return Number(amount) * (DURATION_SECONDS[unit] ?? 1);
}

const scrapeInterval = pattern(DURATION, 'a duration such as 15s or 1m')
  .refine((text) => durationSeconds(text) >= 1 && durationSeconds(text) <= 3600, {
    error: (issue) => `must be from 1s to 1h, got ${quotedValue(issue.input)}`,
    ...afterOthers,
  })
  .transform(durationSeconds)
  .meta({ description: 'How often Prometheus scrapes the targets', examples: ['15s', '1m'] });

const unit = oneOf(PANEL_UNITS).meta({
  description: 'percentunit (0–1 shown as %), seconds, reqps (per second) or count',
});

const query = text(MAX_QUERY).meta({ description: 'PromQL; may use $__rate_interval and $var' });

const target = record(
  { name: text(100), expr: query, unit: unit.optional() },
  'One query of a panel; its unit, when given, overrides the panel’s.',
);

const level = z.number({ error: expected('a number') });
const thresholds = record(
  { warning: level.optional(), critical: level.optional() },
  'Levels drawn on the panel, in its unit (0.05 is 5 % for percentunit).',
);

const status = record(
  { target: text(100).optional(), warning: level.optional(), critical: level.optional() },
  'The panel’s status tile on a wall screen: the worst series of one target (the first when not named) against these levels, in that target’s unit.',
);

const panel = record(
  {
    id: pattern(/^[A-Za-z0-9_-]{1,64}$/, 'an id of letters, digits, _ and -'),
    title: text(200),
    unit,
    thresholds: thresholds.optional(),
    status: status.optional(),
    targets: z
      .array(target, { error: expected('an array of targets') })
      .min(1, { error: 'must hold at least one target' })
      .max(20, { error: 'must hold at most 20 targets' }),
  },
  'A chart of one or more queries.',
);

const variable = record(
  {
    name: pattern(VARIABLE_NAME, 'a name of letters, digits and _ (not starting with __)'),
    label: text(100),
    labelName: pattern(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a Prometheus label name'),
    match: text(2000).optional(),
  },
  'A choice of label values, used in queries as $name and in the URL as var-name.',
);

const location = z
  .string({ error: expected('an http(s) URL or a path such as /events.json') })
  .max(2048, { error: tooLong(2048) })
  .refine(isDashboardLocation, {
    error: expected('an http(s) URL or a path such as /events.json'),
    ...afterOthers,
  });

const enabled = z.boolean({ error: expected('true or false') }).default(true);

function querySource(standard: QuerySource, description: string) {
  return record({ enabled, expr: query.default(standard.expr) }, description).prefault({});
}

function locationSource(description: string) {
  return record({ enabled, url: location }, description).optional();
}

const s = defaultSources;
const sources = record(
  {
    deploys: querySource(s.deploys, 'New ReplicaSets of Deployments (kube-state-metrics)'),
    daemonsetRollouts: querySource(s.daemonsetRollouts, 'DaemonSet rollouts'),
    statefulsetRollouts: querySource(s.statefulsetRollouts, 'StatefulSet rollouts'),
    buildVersions: querySource(s.buildVersions, 'Version changes on a *_build_info metric'),
    configChanges: querySource(s.configChanges, 'ConfigMap changes'),
    scaleChanges: querySource(s.scaleChanges, 'Replica count changes'),
    alerts: querySource(s.alerts, 'Firing alerts, as incident windows'),
    scrapeHealth: querySource(s.scrapeHealth, 'Scrape health, for blind spots'),
    statuspage: locationSource('A Statuspage v2 incidents.json'),
    eventsFile: locationSource('An events file (docs/events-file.md)'),
  },
  'Where changes and incidents come from; each can be turned off with enabled: false.',
).prefault({});

const TOP_LEVEL = ['$schema', 'title', 'scrapeInterval', 'panels', 'variables', 'sources'];

/**
 * Every `$name` a query uses must be a variable of the dashboard (or a standard one, which means
 * "all" when not defined), inside a quoted string.
 */
function checkReferences(
  expr: string,
  path: readonly (string | number)[],
  names: ReadonlySet<string>,
  ctx: z.RefinementCtx,
): void {
  for (const { name, quoted } of variableReferences(expr)) {
    const known = [...names].join(', ');
    const message = !names.has(name)
      ? `uses $${name}, which is not a variable of this dashboard (${known})`
      : quoted
        ? null
        : `uses $${name} outside a quoted string, where it is not expanded; write a matcher such as ${name}=~"$${name}"`;
    if (message !== null) ctx.addIssue({ code: 'custom', path: [...path], message, input: expr });
  }
}

export const dashboardConfigSchema = record(
  {
    // Editors read `$schema` to validate the file while it is written.
    $schema: z.string({ error: expected('a string') }).optional(),
    title: text(200),
    scrapeInterval: scrapeInterval.prefault('15s'),
    panels: z
      .array(panel, { error: expected('an array of panels') })
      .min(1, { error: 'must hold at least one panel' })
      .max(50, { error: 'must hold at most 50 panels' }),
    variables: z
      .array(variable, { error: expected('an array of variables') })
      .max(20, { error: 'must hold at most 20 variables' })
      .prefault(() => defaultVariables.map((v) => ({ ...v }))),
    sources,
  },
  'An Aftershock dashboard: panels, variables, and where changes and incidents come from.',
)
  .check(
    z.superRefine((value, ctx) => {
      uniqueBy(value.panels, (p) => p.id, ['panels', 'id'], ctx);
      uniqueBy(value.variables, (v) => v.name, ['variables', 'name'], ctx);
      const names = new Set([...value.variables.map((v) => v.name), ...STANDARD_VARIABLES]);
      value.panels.forEach((p, i) => {
        p.targets.forEach((t, j) => {
          checkReferences(t.expr, ['panels', i, 'targets', j, 'expr'], names, ctx);
        });
        const named = p.status?.target;
        if (named !== undefined && !p.targets.some((t) => t.name === named)) {
          const known = p.targets.map((t) => t.name).join(', ');
          const message = `names ${quotedValue(named)}, which is no target of this panel (${known})`;
          ctx.addIssue({
            code: 'custom',
            path: ['panels', i, 'status', 'target'],
            message,
            input: named,
          });
        }
      });
      value.variables.forEach((v, i) => {
        if (v.match === undefined) return;
        const path = ['variables', i, 'match'];
        checkReferences(v.match, path, names, ctx);
        // Its own chosen values would narrow its choices down to what is already chosen.
        if (variableReferences(v.match).some((r) => r.name === v.name)) {
          const message = `uses $${v.name}, the variable it offers the choices of`;
          ctx.addIssue({ code: 'custom', path, message, input: v.match });
        }
      });
      for (const [key, source] of Object.entries(value.sources)) {
        if ('expr' in source) checkReferences(source.expr, ['sources', key, 'expr'], names, ctx);
      }
    }),
  )
  .transform((value): DashboardConfig => ({
    title: value.title,
    scrapeIntervalSeconds: value.scrapeInterval,
    panels: value.panels,
    variables: value.variables,
    sources: value.sources,
  }))
  .meta({ title: 'Aftershock dashboard config' });

export function parseDashboardConfig(
  json: unknown,
): { ok: true; value: DashboardConfig } | { ok: false; errors: DashboardConfigError[] } {
  const result = dashboardConfigSchema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: fieldErrors(result.error.issues, TOP_LEVEL) };
}

/** One line per error, as shown to users: `panels[2].targets[0].expr: required`. */
export const formatDashboardConfigErrors = formatFieldErrors;
