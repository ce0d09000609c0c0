/**
 * The sources of changes and incidents a dashboard config names, without React: which range
 * queries they need, what their results mean, and how a status page or events file is read.
 * The timeline hook, the impact analysis and the command-line report all go through here, so
 * a source means the same thing wherever it is shown.
 */

import type { DashboardSources } from '../dashboard/config-schema';
import { expandQuery, type VariableSelection } from '../dashboard/query-template';
import { dedupeChanges, DEDUPE_TOLERANCE_MS } from '../domain/changes';
import type { TimeSeries } from '../domain/series';
import type { AbsoluteRange } from '../domain/time-range';
import { eventsFromFile } from './events-file-events';
import { QUERY_SOURCE_READERS, type FoundEvents, type QuerySourceName } from './query-sources';
import { parseStatuspage } from './statuspage';

export type { FoundEvents, QuerySourceName } from './query-sources';

export interface SourceError {
  /** The source's name in the dashboard config, e.g. `deploys` or `statuspage`. */
  readonly source: string;
  readonly message: string;
}

export interface SourceQuery {
  readonly name: QuerySourceName;
  readonly expr: string;
}

export interface SourceQueryContext {
  readonly stepSeconds: number;
  readonly scrapeIntervalSeconds: number;
  readonly variables: VariableSelection;
  readonly variableNames: readonly string[];
}

/** The enabled query sources that find changes or incidents, with their PromQL expanded. */
export function eventSourceQueries(
  sources: DashboardSources,
  context: SourceQueryContext,
): SourceQuery[] {
  return (Object.keys(QUERY_SOURCE_READERS) as QuerySourceName[])
    .filter((name) => QUERY_SOURCE_READERS[name] !== null && sources[name].enabled)
    .map((name) => ({ name, expr: expandQuery(sources[name].expr, context) }));
}

/** The changes and incident windows in one query source's range-query result. */
export function readQuerySource(
  name: QuerySourceName,
  series: readonly TimeSeries[],
  range: AbsoluteRange,
  stepMs: number,
): FoundEvents {
  return QUERY_SOURCE_READERS[name]?.(series, range, stepMs) ?? { changes: [], incidents: [] };
}

const MAX_ERRORS_SHOWN = 3;

/** Field errors in one line, the first few of them. */
export function fieldMessage(lines: readonly string[]): string {
  const more = lines.length - MAX_ERRORS_SHOWN;
  return (
    lines.slice(0, MAX_ERRORS_SHOWN).join('; ') + (more > 0 ? ` (and ${String(more)} more)` : '')
  );
}

/** A Statuspage v2 `incidents.json` as incident windows; throws with the fields that are wrong. */
export function readStatuspageJson(json: unknown): FoundEvents {
  const result = parseStatuspage(json);
  if (!result.ok) {
    throw new Error(
      fieldMessage(result.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message))),
    );
  }
  return { changes: [], incidents: result.incidents };
}

/** An events file as changes and incidents; throws with the fields that are wrong. */
export async function readEventsFileJson(json: unknown): Promise<FoundEvents> {
  // The validator (zod) loads only when an events file is configured: it is a tenth of the
  // initial JavaScript otherwise.
  const [{ parseEventsFile }, { formatFieldErrors }] = await Promise.all([
    import('./events-file'),
    import('../domain/schema-fields'),
  ]);
  const result = parseEventsFile(json);
  if (!result.ok) throw new Error(fieldMessage(formatFieldErrors(result.errors)));
  return eventsFromFile(result.value);
}

/**
 * Everything the sources found, as one timeline: the same change seen by several sources
 * folded into one (within the query step, as a version label is only seen at that resolution),
 * incident windows by start.
 */
export function mergeFound(found: readonly FoundEvents[], stepMs: number): FoundEvents {
  return {
    changes: dedupeChanges(
      found.flatMap((f) => f.changes),
      Math.max(DEDUPE_TOLERANCE_MS, stepMs),
    ),
    incidents: found
      .flatMap((f) => f.incidents)
      .sort((a, b) => a.startMs - b.startMs || a.id.localeCompare(b.id)),
  };
}
