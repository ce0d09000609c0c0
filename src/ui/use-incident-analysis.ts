import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { analyzeAnswers, planAnalysis, planQueries, type Answer } from '../dashboard/analysis-plan';
import type { DashboardConfig } from '../dashboard/config-schema';
import type { VariableSelection } from '../dashboard/query-template';
import type { IncidentAnalysis } from '../domain/incident-analysis';
import type { ReportError } from '../domain/incident-report';
import type { AbsoluteRange } from '../domain/time-range';
import type { PrometheusEndpoint, QueryOutcome } from '../prometheus/client';
import { rangeQueryOptions } from '../prometheus/range-query-options';
import { useScheduler } from '../prometheus/scheduler-context';
import type { FoundEvents } from '../sources/change-sources';
import { locationSourceQuery } from './use-change-events';

export interface IncidentAnalysisRequest {
  readonly dashboard: DashboardConfig;
  readonly range: AbsoluteRange;
  readonly endpoint: PrometheusEndpoint;
  readonly variables: VariableSelection;
  readonly lookbackMs: number | null;
  /** A live range moves with every refresh; its analysis moves in steps of LIVE_STEP_MS. */
  readonly live: boolean;
  readonly enabled: boolean;
}

export interface IncidentAnalysisState {
  /** null until every query and file has answered (or failed). */
  readonly analysis: IncidentAnalysis | null;
  readonly errors: readonly ReportError[];
}

/**
 * In live mode the analysis is asked again at most this often: each time is some twenty range
 * queries over the whole range plus the look-back, and an onset takes minutes to confirm anyway.
 */
export const LIVE_STEP_MS = 5 * 60_000;

/** A live range moved back to end at a multiple of LIVE_STEP_MS, keeping its length. */
export function liveAnalysisRange(range: AbsoluteRange): AbsoluteRange {
  const endMs = Math.floor(range.endMs / LIVE_STEP_MS) * LIVE_STEP_MS;
  return { startMs: range.startMs - (range.endMs - endMs), endMs };
}

function answerOf<T>(result: { data: T | undefined; error: Error | null }): Answer<T> | undefined {
  if (result.error !== null) return { ok: false, error: result.error };
  if (result.data !== undefined) return { ok: true, value: result.data };
  return undefined;
}

/**
 * The impact analysis of the range, from the same plan and code as `npm run report`: the plan's
 * queries go through the page's scheduler and react-query's cache, the status page and events
 * file are the timeline's own fetches, and the answers are analysed once all are in.
 */
export function useIncidentAnalysis(request: IncidentAnalysisRequest): IncidentAnalysisState {
  const { dashboard, endpoint, variables, lookbackMs, enabled } = request;
  const range = request.live ? liveAnalysisRange(request.range) : request.range;
  const scheduler = useScheduler();
  const variablesKey = JSON.stringify(variables);
  const plan = useMemo(
    () =>
      planAnalysis({
        dashboard,
        range,
        variables,
        ...(lookbackMs === null ? {} : { lookbackMs }),
      }),
    // The plan depends on the range's numbers and the variables' values, not their objects.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [dashboard, range.startMs, range.endMs, lookbackMs, variablesKey],
  );
  const queries = useMemo(() => planQueries(plan), [plan]);
  const results = useQueries({
    queries: queries.map((query) => ({
      ...rangeQueryOptions(endpoint, query, scheduler, 'analysis'),
      enabled,
    })),
  });
  const statuspage = useQuery(locationSourceQuery('statuspage', plan.statuspageUrl, enabled));
  const eventsFile = useQuery(locationSourceQuery('eventsFile', plan.eventsFileUrl, enabled));

  const answers = results.map((r) => answerOf<QueryOutcome>(r));
  const files: (Answer<FoundEvents> | undefined)[] = [
    answerOf<FoundEvents>(statuspage),
    answerOf<FoundEvents>(eventsFile),
  ];
  // Analysed again only when an answer arrives or fails, not on every render.
  const answersKey = [...results, statuspage, eventsFile]
    .map((r) => `${String(r.dataUpdatedAt)}/${String(r.errorUpdatedAt)}`)
    .join(',');
  const current = useMemo(() => {
    // Analysed once, when every answer is in: a partial analysis would only flicker.
    const waiting =
      answers.some((a) => a === undefined) ||
      (plan.statuspageUrl !== null && files[0] === undefined) ||
      (plan.eventsFileUrl !== null && files[1] === undefined);
    if (waiting) return { analysis: null, errors: [] };
    const byQuery = new Map(queries.map((q, i) => [q, answers[i]]));
    const result = analyzeAnswers(plan, {
      query: (q) => byQuery.get(q),
      statuspage: files[0],
      eventsFile: files[1],
    });
    return { analysis: result.analysis, errors: result.errors };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [plan, answersKey]);
  // Live, the analysis moves on every LIVE_STEP_MS: the previous one stays until the next is
  // in, so a wall's top suspect does not blink out every five minutes. Any other range change
  // (a zoom, other variables) is a new question, and its old answer is not shown for it.
  const [kept, setKept] = useState<{ key: string; state: IncidentAnalysisState } | null>(null);
  const keptKey = `${JSON.stringify(dashboard.panels.map((p) => p.id))}|${variablesKey}|${String(lookbackMs)}`;
  if (current.analysis !== null && kept?.state !== current) {
    setKept({ key: keptKey, state: current });
  }
  if (current.analysis === null && request.live && enabled && kept?.key === keptKey) {
    return kept.state;
  }
  return current;
}
