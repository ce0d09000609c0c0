import type { QueryOutcome } from '../prometheus/client';
import { PrometheusError } from '../prometheus/errors';

/** Set when the newest refresh failed and older answers are shown instead. */
export type Staleness = { readonly sinceMs: number; readonly error: PanelFailure } | null;

/** What a panel shows, decided in one place and in one order. */
export type PanelView =
  | { readonly kind: 'loading' }
  | { readonly kind: 'error'; readonly error: PanelFailure }
  | {
      readonly kind: 'empty';
      readonly warnings: readonly string[];
      readonly infos: readonly string[];
      readonly stale: Staleness;
    }
  | {
      readonly kind: 'chart';
      readonly outcomes: readonly QueryOutcome[];
      readonly warnings: readonly string[];
      readonly infos: readonly string[];
      readonly stale: Staleness;
    };

export interface PanelFailure {
  readonly kind: string;
  readonly message: string;
  /** The PromQL that failed, as sent. */
  readonly expr: string;
}

export interface TargetResult {
  readonly expr: string;
  readonly data: QueryOutcome | undefined;
  readonly error: Error | null;
}

export interface LastGood {
  readonly outcomes: readonly QueryOutcome[];
  readonly atMs: number;
}

/** The first failed query's error, typed; null when none failed. */
export function panelFailure(results: readonly TargetResult[]): PanelFailure | null {
  for (const result of results) {
    if (result.error) {
      const kind = result.error instanceof PrometheusError ? result.error.kind : 'error';
      return { kind, message: result.error.message, expr: result.expr };
    }
  }
  return null;
}

/**
 * The order of the Prometheus UI's graph: first-load skeleton → error → empty → chart (with its
 * warnings). A failed refresh keeps the last good data on screen, marked stale. `unresolved` is
 * the newest failure when nothing has been answered since: while the next refresh is on its way
 * (or waits out its backoff) the panel still says it, instead of looking fresh or loading anew.
 */
export function decidePanelView(
  results: readonly TargetResult[],
  lastGood: LastGood | null,
  unresolved: PanelFailure | null = null,
): PanelView {
  const failure = panelFailure(results) ?? unresolved;
  const complete = results.every((result) => result.data !== undefined);
  const outcomes = complete ? results.map((result) => result.data as QueryOutcome) : null;

  if (failure) {
    return lastGood
      ? answered(lastGood.outcomes, { sinceMs: lastGood.atMs, error: failure })
      : { kind: 'error', error: failure };
  }
  const shown = outcomes ?? lastGood?.outcomes;
  return shown ? answered(shown, null) : { kind: 'loading' };
}

/** Empty when every query answered with no series, else the chart; warnings and infos once each. */
function answered(outcomes: readonly QueryOutcome[], stale: Staleness): PanelView {
  const warnings = [...new Set(outcomes.flatMap((outcome) => outcome.warnings))];
  const infos = [...new Set(outcomes.flatMap((outcome) => outcome.infos ?? []))];
  if (outcomes.every((outcome) => outcome.series.length === 0)) {
    return { kind: 'empty', warnings, infos, stale };
  }
  return { kind: 'chart', outcomes, warnings, infos, stale };
}
