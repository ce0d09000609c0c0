/**
 * What each PromQL source of changes and incidents means: the reader that turns its range-query
 * answer into events, and the step it is asked at. The dashboard and anything else that reads
 * these sources (a report, a test against another engine) use this one table.
 */

import type { DashboardSources } from '../dashboard/config-schema';
import type { ChangeEvent } from '../domain/changes';
import type { IncidentWindow } from '../domain/incidents';
import type { TimeSeries } from '../domain/series';
import { chooseStepSeconds } from '../domain/step';
import type { AbsoluteRange } from '../domain/time-range';
import { alertWindows } from './alert-windows';
import {
  configChangesFromResourceVersions,
  deploysFromBuildInfo,
  deploysFromReplicaSets,
  rolloutsFromGenerations,
  scaleChangesFromReplicas,
} from './kube-state-changes';

export interface FoundEvents {
  readonly changes: readonly ChangeEvent[];
  readonly incidents: readonly IncidentWindow[];
}

export type QuerySourceName = Exclude<keyof DashboardSources, 'statuspage' | 'eventsFile'>;

export type QuerySourceReader = (
  series: readonly TimeSeries[],
  range: AbsoluteRange,
  stepMs: number,
) => FoundEvents;

/** What each query source's series mean; scrape health is for blind spots, not drawn as events. */
export const QUERY_SOURCE_READERS: Readonly<Record<QuerySourceName, QuerySourceReader | null>> = {
  deploys: (series, range) => ({ changes: deploysFromReplicaSets(series, range), incidents: [] }),
  daemonsetRollouts: (series) => ({
    changes: rolloutsFromGenerations(series, 'daemonset'),
    incidents: [],
  }),
  statefulsetRollouts: (series) => ({
    changes: rolloutsFromGenerations(series, 'statefulset'),
    incidents: [],
  }),
  buildVersions: (series) => ({ changes: deploysFromBuildInfo(series), incidents: [] }),
  configChanges: (series) => ({
    changes: configChangesFromResourceVersions(series),
    incidents: [],
  }),
  scaleChanges: (series) => ({ changes: scaleChangesFromReplicas(series), incidents: [] }),
  alerts: (series, range, stepMs) => ({
    changes: [],
    incidents: alertWindows(series, stepMs, range),
  }),
  scrapeHealth: null,
};

/** Markers need no more resolution than a chart about this wide shows. */
const SOURCE_WIDTH_PX = 600;

/** The step at which the query sources are read over `range`. */
export function sourceStepSeconds(range: AbsoluteRange, scrapeIntervalSeconds: number): number {
  return chooseStepSeconds({ range, widthPx: SOURCE_WIDTH_PX, scrapeIntervalSeconds });
}
