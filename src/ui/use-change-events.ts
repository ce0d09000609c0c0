import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { DashboardSources } from '../dashboard/config-schema';
import { fetchJson } from '../dashboard/load-config';
import { expandQuery, type VariableSelection } from '../dashboard/query-template';
import { dedupeChanges, DEDUPE_TOLERANCE_MS, type ChangeEvent } from '../domain/changes';
import type { IncidentWindow } from '../domain/incidents';
import { alignRange } from '../domain/step';
import type { AbsoluteRange } from '../domain/time-range';
import type { PrometheusEndpoint } from '../prometheus/client';
import { rangeQueryOptions } from '../prometheus/range-query-options';
import { useScheduler } from '../prometheus/scheduler-context';
import { eventsFromFile } from '../sources/events-file-events';
import {
  QUERY_SOURCE_READERS,
  sourceStepSeconds,
  type FoundEvents,
  type QuerySourceName,
} from '../sources/query-sources';
import { parseStatuspage } from '../sources/statuspage';

export interface SourceError {
  /** The source's name in the dashboard config, e.g. `deploys` or `statuspage`. */
  readonly source: string;
  readonly message: string;
}

export interface ChangeEvents {
  /** Deduplicated, oldest first. */
  readonly changes: readonly ChangeEvent[];
  readonly incidents: readonly IncidentWindow[];
  readonly errors: readonly SourceError[];
}

/** A status page or events file is read again at most this often. */
const LOCATION_STALE_MS = 60_000;
const MAX_ERRORS_SHOWN = 3;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function fieldMessage(lines: readonly string[]): string {
  const more = lines.length - MAX_ERRORS_SHOWN;
  return (
    lines.slice(0, MAX_ERRORS_SHOWN).join('; ') + (more > 0 ? ` (and ${String(more)} more)` : '')
  );
}

async function readStatuspage(url: string, signal: AbortSignal): Promise<FoundEvents> {
  const result = parseStatuspage(await fetchJson(url, signal));
  if (!result.ok) {
    throw new Error(
      fieldMessage(result.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message))),
    );
  }
  return { changes: [], incidents: result.incidents };
}

async function readEventsFile(url: string, signal: AbortSignal): Promise<FoundEvents> {
  // The validator (zod) loads only when an events file is configured: it is a tenth of the
  // initial JavaScript otherwise.
  const [{ parseEventsFile }, { formatFieldErrors }] = await Promise.all([
    import('../sources/events-file'),
    import('../domain/schema-fields'),
  ]);
  const result = parseEventsFile(await fetchJson(url, signal));
  if (!result.ok) throw new Error(fieldMessage(formatFieldErrors(result.errors)));
  return eventsFromFile(result.value);
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
  const querySources = (Object.keys(QUERY_SOURCE_READERS) as QuerySourceName[]).filter(
    (name) => QUERY_SOURCE_READERS[name] !== null && sources[name].enabled,
  );
  const queries = querySources.map((name) => ({
    name,
    expr: expandQuery(sources[name].expr, {
      stepSeconds,
      scrapeIntervalSeconds,
      variables,
      variableNames: request.variableNames,
    }),
  }));
  const results = useQueries({
    queries: queries.map((query) => ({
      ...rangeQueryOptions(endpoint, { expr: query.expr, ...aligned }, scheduler),
      enabled,
    })),
  });

  const statuspageUrl = sources.statuspage?.enabled ? sources.statuspage.url : null;
  const eventsFileUrl = sources.eventsFile?.enabled ? sources.eventsFile.url : null;
  const statuspage = useQuery({
    queryKey: ['change-source', 'statuspage', statuspageUrl],
    queryFn: ({ signal }) => readStatuspage(statuspageUrl ?? '', signal),
    enabled: enabled && statuspageUrl !== null,
    retry: false,
    staleTime: LOCATION_STALE_MS,
  });
  const eventsFile = useQuery({
    queryKey: ['change-source', 'eventsFile', eventsFileUrl],
    queryFn: ({ signal }) => readEventsFile(eventsFileUrl ?? '', signal),
    enabled: enabled && eventsFileUrl !== null,
    retry: false,
    staleTime: LOCATION_STALE_MS,
  });

  const found: { source: string; data: FoundEvents | undefined; error: unknown }[] = [
    ...results.map((result, i) => {
      const name = queries[i]?.name ?? 'scrapeHealth';
      const reader = QUERY_SOURCE_READERS[name];
      let data: FoundEvents | undefined;
      let error: unknown = result.error;
      try {
        data = result.data && reader ? reader(result.data.series, range, stepMs) : undefined;
      } catch (thrown) {
        error = thrown;
      }
      return { source: name, data, error };
    }),
    ...(statuspageUrl === null
      ? []
      : [{ source: 'statuspage', data: statuspage.data, error: statuspage.error }]),
    ...(eventsFileUrl === null
      ? []
      : [{ source: 'eventsFile', data: eventsFile.data, error: eventsFile.error }]),
  ];

  const changes = found.flatMap((f) => f.data?.changes ?? []);
  const incidents = found.flatMap((f) => f.data?.incidents ?? []);
  const errors = found
    .filter((f) => f.error !== null && f.error !== undefined)
    .map((f) => ({ source: f.source, message: messageOf(f.error) }));
  const changeKey = changes.map((c) => c.id).join('\n');
  const incidentKey = incidents.map((i) => `${i.id}:${String(i.endMs)}`).join('\n');
  const errorKey = errors.map((e) => `${e.source}:${e.message}`).join('\n');
  // Stable arrays while nothing changed, so charts are not redrawn on every render.
  /* eslint-disable react-hooks/exhaustive-deps */
  const deduped = useMemo(
    () => dedupeChanges(changes, Math.max(DEDUPE_TOLERANCE_MS, stepMs)),
    [changeKey, stepMs],
  );
  const sortedIncidents = useMemo(
    () => [...incidents].sort((a, b) => a.startMs - b.startMs || a.id.localeCompare(b.id)),
    [incidentKey],
  );
  const stableErrors = useMemo(() => errors, [errorKey]);
  /* eslint-enable react-hooks/exhaustive-deps */
  return { changes: deduped, incidents: sortedIncidents, errors: stableErrors };
}
