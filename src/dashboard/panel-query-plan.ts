import type { AbsoluteRange } from '../domain/time-range';
import { alignRange, chooseStepSeconds, type AlignedQueryRange } from '../domain/step';
import type { PanelDefinition, PanelTarget } from './default-dashboard';
import { expandQuery, type VariableSelection } from './query-template';

export interface PanelQueryPlan {
  readonly stepSeconds: number;
  /** The range aligned to the step, with the step, as every target asks for it. */
  readonly aligned: AlignedQueryRange;
  /** The targets with their PromQL expanded for this step and selection. */
  readonly targets: readonly PanelTarget[];
}

export interface PanelQueryContext {
  readonly range: AbsoluteRange;
  /** Width of the panel's plot area in CSS px: one point per pixel at most. */
  readonly plotWidth: number;
  readonly scrapeIntervalSeconds: number;
  readonly variables: VariableSelection;
  readonly variableNames: readonly string[];
}

/**
 * What a panel asks Prometheus for: the step its plot width allows, the aligned range and each
 * target's expanded PromQL. A wall's status tile asks the same for the same panel, so the two
 * share one cached answer and one request.
 */
export function panelQueryPlan(panel: PanelDefinition, context: PanelQueryContext): PanelQueryPlan {
  const { range, plotWidth, scrapeIntervalSeconds, variables, variableNames } = context;
  const stepSeconds = chooseStepSeconds({ range, widthPx: plotWidth, scrapeIntervalSeconds });
  const targets = panel.targets.map((target) => ({
    ...target,
    expr: expandQuery(target.expr, {
      stepSeconds,
      scrapeIntervalSeconds,
      variables,
      variableNames,
    }),
  }));
  return { stepSeconds, aligned: alignRange(range, stepSeconds), targets };
}
