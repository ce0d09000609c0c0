import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { DashboardSources } from '../dashboard/config-schema';
import { fetchJson } from '../dashboard/load-config';
import type { VariableSelection } from '../dashboard/query-template';
import type { ChangeEvent } from '../domain/changes';
import type { IncidentWindow } from '../domain/incidents';
import { alignRange } from '../domain/step';
import type { AbsoluteRange } from '../domain/time-range';
import { activeAlerts, type PrometheusEndpoint } from '../prometheus/client';
import { rangeQueryOptions } from '../prometheus/range-query-options';
import { useScheduler } from '../prometheus/scheduler-context';
import {
  eventSourceQueries,
  mergeFound,
  readEventsFileJson,
  readQuerySource,
  readStatuspageJson,
  type FoundEvents,
  type SourceError,
} from '../sources/change-sources';
import { annotateAlertWindows } from '../sources/alert-windows';
import { sourceStepSeconds } from '../sources/query-sources';

export type { SourceError } from '../sources/change-sources';

export interface ChangeEvents {
  /** Deduplicated, oldest first. */
  readonly changes: readonly ChangeEvent[];
  readonly incidents: readonly IncidentWindow[];
  readonly errors: readonly SourceError[];
}

interface LastFound {
  readonly raw: unknown;
  readonly found: FoundEvents;
}

function sourceAnswer(source: string, data: FoundEvents | undefined, error: unknown) {
  return { source, raw: data, read: () => data ?? { changes: [], incidents: [] }, error };
}

/** A status page or events file is read again at most this often. */
const LOCATION_STALE_MS = 60_000;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The status page and events file as react-query options, shared by every hook that reads them
 * (one fetch for the timeline and the impact analysis).
 */
export function locationSourceQuery(
  kind: 'statuspage' | 'eventsFile',
  url: string | null,
  enabled: boolean,
) {
  return {
    queryKey: ['change-source', kind, url],
    queryFn: async ({ signal }: { signal: AbortSignal }): Promise<FoundEvents> => {
      const json = await fetchJson(url ?? '', signal);
      return kind === 'statuspage' ? readStatuspageJson(json) : readEventsFileJson(json);
    },
    enabled: enabled && url !== null,
    retry: false,
    staleTime: LOCATION_STALE_MS,
  } as const;
}

/** The configured status page and events file, or null for those not enabled. */
export function locationUrls(sources: DashboardSources) {
  return {
    statuspage: sources.statuspage?.enabled ? sources.statuspage.url : null,
    eventsFile: sources.eventsFile?.enabled ? sources.eventsFile.url : null,
  };
}

export interface ChangeEventsRequest {
  readonly sources: DashboardSources;
  readonly range: AbsoluteRange;
  readonly endpoint: PrometheusEndpoint;
  readonly scrapeIntervalSeconds: number;
  readonly variables: VariableSelection;
  readonly variableNames: readonly string[];
  /** False while the dashboard config is loading: its sources are not known yet. */
  readonly enabled?: boolean;
}

/**
 * The changes and incident windows of every enabled source over `range`: the query sources as
 * range queries through the page's scheduler at a coarse step, the status page and events file
 * fetched and validated. A source that fails is named in `errors`; the others still draw.
 */
export function useChangeEvents(request: ChangeEventsRequest): ChangeEvents {
  const { sources, range, endpoint, scrapeIntervalSeconds, variables } = request;
  const enabled = request.enabled ?? true;
  const scheduler = useScheduler();
  const stepSeconds = sourceStepSeconds(range, scrapeIntervalSeconds);
  const stepMs = stepSeconds * 1000;
  const aligned = alignRange(range, stepSeconds);
  const queries = eventSourceQueries(sources, {
    stepSeconds,
    scrapeIntervalSeconds,
    variables,
    variableNames: request.variableNames,
  });
  const results = useQueries({
    queries: queries.map((query) => ({
      ...rangeQueryOptions(endpoint, { expr: query.expr, ...aligned }, scheduler, 'context'),
      enabled,
      // A live refresh moves the range: the markers stay while the next answer is on its way.
      placeholderData: keepPreviousData,
    })),
  });

  const urls = locationUrls(sources);
  const statuspage = useQuery(locationSourceQuery('statuspage', urls.statuspage, enabled));
  const eventsFile = useQuery(locationSourceQuery('eventsFile', urls.eventsFile, enabled));

  // The last answer of each source, so that a failed refresh names its error over the markers
  // it drew before instead of wiping them. `raw` is react-query's data, stable between renders.
  const [lastGood, setLastGood] = useState<ReadonlyMap<string, LastFound>>(new Map());
  const answers: { source: string; raw: unknown; read: () => FoundEvents; error: unknown }[] = [
    ...results.map((result, i) => {
      const name = queries[i]?.name ?? 'scrapeHealth';
      const raw = result.data;
      return {
        source: name,
        raw,
        read: () => readQuerySource(name, raw?.series ?? [], range, stepMs),
        error: result.error,
      };
    }),
    ...(urls.statuspage === null
      ? []
      : [sourceAnswer('statuspage', statuspage.data, statuspage.error)]),
    ...(urls.eventsFile === null
      ? []
      : [sourceAnswer('eventsFile', eventsFile.data, eventsFile.error)]),
  ];
  const found: { source: string; data: FoundEvents | undefined; error: unknown }[] = [];
  const updates = new Map(lastGood);
  for (const answer of answers) {
    const kept = lastGood.get(answer.source);
    if (answer.raw === undefined || answer.error) {
      found.push({ source: answer.source, data: kept?.found, error: answer.error });
      continue;
    }
    if (kept?.raw === answer.raw) {
      found.push({ source: answer.source, data: kept.found, error: null });
      continue;
    }
    try {
      const read = answer.read();
      updates.set(answer.source, { raw: answer.raw, found: read });
      found.push({ source: answer.source, data: read, error: null });
    } catch (thrown) {
      found.push({ source: answer.source, data: kept?.found, error: thrown });
    }
  }
  if ([...updates].some(([source, value]) => lastGood.get(source) !== value)) {
    setLastGood(updates);
  }

  const changes = found.flatMap((f) => f.data?.changes ?? []);
  const windows = found.flatMap((f) => f.data?.incidents ?? []);
  // ALERTS has no annotations: while an alert window is open, the rules' alerts say what it is.
  // Without an answer the windows stand as they are; their title says which alert fired.
  const openAlert = windows.some((w) => w.source === 'alerts' && w.endMs === null);
  const ruleAlerts = useQuery({
    queryKey: ['alerts', endpoint.url, endpoint.apiPath ?? '', aligned.endMs],
    queryFn: ({ signal }) =>
      scheduler.run(
        JSON.stringify(['alerts', endpoint.url, endpoint.apiPath ?? '', aligned.endMs]),
        (taskSignal) => activeAlerts(endpoint, taskSignal),
        { signal, priority: 'context' },
      ),
    enabled: enabled && openAlert,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: Infinity,
  });
  const incidents =
    ruleAlerts.data === undefined
      ? windows
      : annotateAlertWindows(windows, ruleAlerts.data, stepMs);
  const errors = found
    .filter((f) => f.error !== null && f.error !== undefined)
    .map((f) => ({ source: f.source, message: messageOf(f.error) }));
  const changeKey = changes.map((c) => c.id).join('\n');
  const incidentKey = incidents
    .map((i) => `${i.id}:${String(i.endMs)}:${i.detail ?? ''}:${i.url ?? ''}`)
    .join('\n');
  const errorKey = errors.map((e) => `${e.source}:${e.message}`).join('\n');
  // Stable arrays while nothing changed, so charts are not redrawn on every render.
  /* eslint-disable react-hooks/exhaustive-deps */
  const merged = useMemo(
    () => mergeFound([{ changes, incidents: [] }], stepMs).changes,
    [changeKey, stepMs],
  );
  const sortedIncidents = useMemo(
    () => mergeFound([{ changes: [], incidents }], stepMs).incidents,
    [incidentKey],
  );
  const stableErrors = useMemo(() => errors, [errorKey]);
  /* eslint-enable react-hooks/exhaustive-deps */
  return { changes: merged, incidents: sortedIncidents, errors: stableErrors };
}
