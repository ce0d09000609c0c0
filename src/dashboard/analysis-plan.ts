/**
 * The queries behind the impact analysis, chosen in one place so that the impact strip and the
 * command-line report give the same answer for the same range: every panel target, every
 * enabled source of changes and incidents, and scrape health, at one step fixed by the range
 * alone (never by a screen's width), with a pre-roll before the range for the baselines and
 * the look-back for suspects. Then the answers read into one `IncidentAnalysis`.
 */

import { analyzeIncident, type IncidentAnalysis } from '../domain/incident-analysis';
import type { ReportError } from '../domain/incident-report';
import { DEFAULT_ONSET_OPTIONS } from '../domain/onset';
import type { SignalInput } from '../domain/signal-impact';
import { alignRange, chooseStepSeconds } from '../domain/step';
import { DEFAULT_LOOKBACK_MS } from '../domain/suspects';
import type { AbsoluteRange } from '../domain/time-range';
import { seriesName } from '../domain/series';
import type { QueryOutcome, RangeQuery } from '../prometheus/client';
import {
  eventSourceQueries,
  mergeFound,
  readQuerySource,
  type FoundEvents,
  type QuerySourceName,
} from '../sources/change-sources';
import type { DashboardConfig } from './config-schema';
import type { PanelUnit } from './default-dashboard';
import { expandQuery, type VariableSelection } from './query-template';

/** Points per series the signal queries aim at, whatever the range: enough to date an onset. */
export const ANALYSIS_POINTS = 2000;

/** Before the range, so that its first samples already have an hour of baseline. */
export const PRE_ROLL_MS = DEFAULT_ONSET_OPTIONS.baselineMs + DEFAULT_ONSET_OPTIONS.guardMs;

/** The smallest change that can be an onset, per unit: half a percentage point, 5 ms, … */
export const UNIT_FLOORS: Readonly<Record<PanelUnit, number>> = {
  percentunit: 0.005,
  seconds: 0.005,
  reqps: 0.05,
  count: 1,
};

export interface AnalysisRequest {
  readonly dashboard: DashboardConfig;
  readonly range: AbsoluteRange;
  readonly lookbackMs?: number;
  readonly variables?: VariableSelection;
}

export interface PlannedTarget {
  readonly name: string;
  readonly unit: PanelUnit;
  readonly query: RangeQuery;
}

export interface PlannedPanel {
  readonly id: string;
  readonly title: string;
  readonly targets: readonly PlannedTarget[];
}

export interface AnalysisPlan {
  readonly range: AbsoluteRange;
  readonly lookbackMs: number;
  readonly stepSeconds: number;
  readonly panels: readonly PlannedPanel[];
  readonly sources: readonly { readonly name: QuerySourceName; readonly query: RangeQuery }[];
  /** The range the change sources are read over: the look-back before the range, and it. */
  readonly sourceRange: AbsoluteRange;
  readonly scrapeHealth: RangeQuery | null;
  readonly statuspageUrl: string | null;
  readonly eventsFileUrl: string | null;
}

export function planAnalysis(request: AnalysisRequest): AnalysisPlan {
  const { dashboard, range } = request;
  const lookbackMs = request.lookbackMs ?? DEFAULT_LOOKBACK_MS;
  const scrapeIntervalSeconds = dashboard.scrapeIntervalSeconds;
  const signalRange = { startMs: range.startMs - PRE_ROLL_MS, endMs: range.endMs };
  const stepSeconds = chooseStepSeconds({
    range: signalRange,
    widthPx: ANALYSIS_POINTS,
    scrapeIntervalSeconds,
  });
  const signalQuery = alignRange(signalRange, stepSeconds);
  // Changes at the same step when the look-back fits Prometheus's limit, else the next that does.
  const sourceRange = { startMs: range.startMs - lookbackMs, endMs: range.endMs };
  const sourceStep = chooseStepSeconds({
    range: sourceRange,
    widthPx: Math.floor((sourceRange.endMs - sourceRange.startMs) / 1000 / stepSeconds),
    scrapeIntervalSeconds,
  });
  const sourceQuery = alignRange(sourceRange, sourceStep);
  const context = (step: number) => ({
    stepSeconds: step,
    scrapeIntervalSeconds,
    variables: request.variables ?? {},
    variableNames: dashboard.variables.map((v) => v.name),
  });
  const { sources } = dashboard;
  return {
    range,
    lookbackMs,
    stepSeconds,
    panels: dashboard.panels.map((panel) => ({
      id: panel.id,
      title: panel.title,
      targets: panel.targets.map((target) => ({
        name: target.name,
        unit: target.unit ?? panel.unit,
        query: { expr: expandQuery(target.expr, context(stepSeconds)), ...signalQuery },
      })),
    })),
    sources: eventSourceQueries(sources, context(sourceStep)).map(({ name, expr }) => ({
      name,
      query: { expr, ...sourceQuery },
    })),
    sourceRange,
    scrapeHealth: sources.scrapeHealth.enabled
      ? { expr: expandQuery(sources.scrapeHealth.expr, context(stepSeconds)), ...signalQuery }
      : null,
    statuspageUrl: sources.statuspage?.enabled ? sources.statuspage.url : null,
    eventsFileUrl: sources.eventsFile?.enabled ? sources.eventsFile.url : null,
  };
}

/** Every range query of a plan, each once. */
export function planQueries(plan: AnalysisPlan): RangeQuery[] {
  return [
    ...plan.panels.flatMap((p) => p.targets.map((t) => t.query)),
    ...plan.sources.map((s) => s.query),
    ...(plan.scrapeHealth === null ? [] : [plan.scrapeHealth]),
  ];
}

/** What came back for one query or file: its result, its failure, or nothing yet. */
export type Answer<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

export interface AnalysisAnswers {
  /** The answer to a range query of the plan; undefined while it has none. */
  readonly query: (query: RangeQuery) => Answer<QueryOutcome> | undefined;
  readonly statuspage?: Answer<FoundEvents> | undefined;
  readonly eventsFile?: Answer<FoundEvents> | undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The analysis of whatever has answered; the queries and files that failed are named in
 * `errors`, and the analysis stands without them. `complete` says every answer is in.
 */
export function analyzeAnswers(
  plan: AnalysisPlan,
  answers: AnalysisAnswers,
): { analysis: IncidentAnalysis; errors: ReportError[]; complete: boolean } {
  const errors: ReportError[] = [];
  let complete = true;
  const read = <T>(source: string, answer: Answer<T> | undefined): T | null => {
    if (answer === undefined) {
      complete = false;
      return null;
    }
    if (answer.ok) return answer.value;
    errors.push({ source, message: messageOf(answer.error) });
    return null;
  };
  const signals: SignalInput[] = plan.panels.map((panel) => ({
    id: panel.id,
    title: panel.title,
    series: panel.targets.flatMap((target) =>
      (read(panel.id, answers.query(target.query))?.series ?? []).map((series) => ({
        name: seriesName(series.labels, target.name),
        series,
        absoluteFloor: UNIT_FLOORS[target.unit],
      })),
    ),
  }));
  const found: FoundEvents[] = [];
  for (const source of plan.sources) {
    const outcome = read(source.name, answers.query(source.query));
    if (outcome === null) continue;
    const stepMs = source.query.stepSeconds * 1000;
    try {
      found.push(readQuerySource(source.name, outcome.series, plan.sourceRange, stepMs));
    } catch (error) {
      errors.push({ source: source.name, message: messageOf(error) });
    }
  }
  if (plan.statuspageUrl !== null) found.push(read('statuspage', answers.statuspage) ?? EMPTY);
  if (plan.eventsFileUrl !== null) found.push(read('eventsFile', answers.eventsFile) ?? EMPTY);
  const scrapeHealth =
    plan.scrapeHealth === null
      ? []
      : (read('scrapeHealth', answers.query(plan.scrapeHealth))?.series ?? []);
  const sourceStepMs = (plan.sources[0]?.query.stepSeconds ?? plan.stepSeconds) * 1000;
  const events = mergeFound(found, sourceStepMs);
  const analysis = analyzeIncident({
    range: plan.range,
    lookbackMs: plan.lookbackMs,
    stepMs: plan.stepSeconds * 1000,
    signals,
    changes: events.changes,
    incidents: events.incidents,
    scrapeHealth,
  });
  return { analysis, errors, complete };
}

const EMPTY: FoundEvents = { changes: [], incidents: [] };
