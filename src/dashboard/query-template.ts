import { promDuration, rateIntervalSeconds } from '../domain/rate-interval';
import { defaultVariables } from './variables';

/** Values chosen for each dashboard variable; a missing or empty entry means "all". */
export type VariableSelection = Readonly<Record<string, readonly string[]>>;

/** Grafana's value for "all", as `var-<name>=$__all` in a URL. */
export const ALL_VALUE = '$__all';

export interface TemplateContext {
  readonly stepSeconds: number;
  readonly scrapeIntervalSeconds: number;
  readonly variables: VariableSelection;
  /**
   * The dashboard's variables: only their chosen values are applied. Without it, every variable
   * in `variables` is. Either way `$cluster`, `$namespace` and `$service` mean "all" when not
   * chosen, since the standard queries use them.
   */
  readonly variableNames?: readonly string[];
}

/** Where a `$name` stands: inside a string with this quote, or outside any string (`null`). */
type Quote = '"' | "'" | '`' | null;

const REFERENCE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/y;

/**
 * Walks PromQL as its lexer does (strings with their escapes, raw strings, `#` comments) and lets
 * `replace` rewrite each `$name` / `${name}`; returning `null` keeps the reference as written.
 */
function rewriteReferences(
  promql: string,
  replace: (name: string, quote: Quote) => string | null,
): string {
  let out = '';
  let quote: Quote = null;
  let i = 0;
  while (i < promql.length) {
    const c = promql.charAt(i);
    if (c === '$') {
      REFERENCE.lastIndex = i;
      const match = REFERENCE.exec(promql);
      if (match !== null) {
        out += replace(match[1] ?? match[2] ?? '', quote) ?? match[0];
        i += match[0].length;
        continue;
      }
    }
    let length = 1;
    if (quote === null) {
      if (c === '"' || c === "'" || c === '`') quote = c;
      else if (c === '#') {
        const newline = promql.indexOf('\n', i);
        length = (newline === -1 ? promql.length : newline + 1) - i;
      }
    } else if (c === quote) quote = null;
    else if (c === '\\' && quote !== '`') length = 2;
    out += promql.slice(i, i + length);
    i += length;
  }
  return out;
}

/**
 * A regex matching exactly the chosen values. Regex syntax in a value is escaped; quotes, the
 * backtick and control characters become `\xHH` escapes (which Go's RE2 and JavaScript both
 * read), so the result contains no character that could end the PromQL string around it,
 * whichever quote that string uses.
 */
function valuesRegex(values: readonly string[] | undefined): string {
  if (values === undefined || values.length === 0 || values.includes(ALL_VALUE)) return '.*';
  const escaped = values.map((value) =>
    value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(
      // eslint-disable-next-line no-control-regex -- control characters are what it finds
      /["'`\u0000-\u001f\u007f]/g,
      (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`,
    ),
  );
  return escaped.length === 1 ? (escaped[0] ?? '') : `(${escaped.join('|')})`;
}

/** Writes a regex into a PromQL string: backslashes are escapes in quoted strings, not in raw. */
function inString(regex: string, quote: '"' | "'" | '`'): string {
  return quote === '`' ? regex : regex.replace(/\\/g, '\\\\');
}

/** The standard variables: the default queries use them, so they always mean something. */
export const STANDARD_VARIABLES: readonly string[] = defaultVariables.map((v) => v.name);

/**
 * The values a `$name` stands for: the chosen ones of a dashboard variable, all (`[]`) for a
 * standard variable the dashboard does not define, `null` for a name that is no variable.
 */
function valuesOf(
  name: string,
  context: Pick<TemplateContext, 'variables' | 'variableNames'>,
): readonly string[] | null {
  const names = context.variableNames;
  const chosen = Object.hasOwn(context.variables, name) ? context.variables[name] : undefined;
  if (names === undefined ? chosen !== undefined : names.includes(name)) return chosen ?? [];
  return STANDARD_VARIABLES.includes(name) ? [] : null;
}

/**
 * Expands the chosen values of variables in a series selector or query: `$name` and `${name}`
 * inside a quoted matcher (`=~"$name"`) become a regex of the chosen values, `.*` for "all".
 * Outside strings nothing is expanded: a value from a shared URL must never become PromQL.
 */
export function expandVariables(
  promql: string,
  context: Pick<TemplateContext, 'variables' | 'variableNames'>,
): string {
  return rewriteReferences(promql, (name, quote) => expandReference(name, quote, context));
}

function expandReference(
  name: string,
  quote: Quote,
  context: Pick<TemplateContext, 'variables' | 'variableNames'>,
): string | null {
  const values = quote === null ? null : valuesOf(name, context);
  return values === null || quote === null ? null : inString(valuesRegex(values), quote);
}

/**
 * Expands Grafana-style placeholders in a panel's PromQL: `$__rate_interval`, `$__interval`,
 * `$__interval_ms`, and the variables (see `expandVariables`).
 */
export function expandQuery(promql: string, context: TemplateContext): string {
  const rateInterval = rateIntervalSeconds(context.stepSeconds, context.scrapeIntervalSeconds);
  const intervals = new Map([
    ['__rate_interval', promDuration(rateInterval)],
    ['__interval', promDuration(context.stepSeconds)],
    ['__interval_ms', String(Math.round(context.stepSeconds * 1000))],
  ]);
  return rewriteReferences(
    promql,
    (name, quote) => intervals.get(name) ?? expandReference(name, quote, context),
  );
}

export interface VariableReference {
  readonly name: string;
  /** Whether it stands inside a string, the only place where it is expanded. */
  readonly quoted: boolean;
}

/** The variables a query uses (not the `$__…` placeholders), in order, for checking a config. */
export function variableReferences(promql: string): VariableReference[] {
  const references: VariableReference[] = [];
  rewriteReferences(promql, (name, quote) => {
    if (!name.startsWith('__')) references.push({ name, quoted: quote !== null });
    return null;
  });
  return references;
}
