/**
 * What a wall screen says at a glance: each signal's state against its thresholds, the newest
 * change and how long ago it was, the incidents going on now, and whether the data is fresh.
 * A screen nobody touches must never look healthy because its data stopped coming.
 */

import type { ChangeEvent } from './changes';
import type { IncidentPhaseStatus, IncidentWindow } from './incidents';

export type ThresholdState = 'ok' | 'warning' | 'critical';

/** What a status tile shows, worst last; the word is shown with the colour, never colour alone. */
export type SignalState = ThresholdState | 'no-threshold' | 'no-data' | 'stale';

export const SIGNAL_STATE_WORDS: Readonly<Record<SignalState, string>> = {
  ok: 'OK',
  warning: 'WARNING',
  critical: 'CRITICAL',
  'no-threshold': 'NO LEVELS SET',
  'no-data': 'NO DATA',
  stale: 'STALE',
};

export interface Thresholds {
  readonly warning?: number;
  readonly critical?: number;
}

/** A value against its levels: at or above critical is critical, at or above warning a warning. */
export function thresholdState(value: number, thresholds: Thresholds | undefined): SignalState {
  const { warning, critical } = thresholds ?? {};
  if (warning === undefined && critical === undefined) return 'no-threshold';
  if (critical !== undefined && value >= critical) return 'critical';
  if (warning !== undefined && value >= warning) return 'warning';
  return 'ok';
}

/** The newest change at or before now, if any. */
export function latestChange(changes: readonly ChangeEvent[], nowMs: number): ChangeEvent | null {
  let latest: ChangeEvent | null = null;
  for (const change of changes) {
    if (change.timeMs <= nowMs && (latest === null || change.timeMs >= latest.timeMs)) {
      latest = change;
    }
  }
  return latest;
}

export interface ActiveIncident {
  readonly incident: IncidentWindow;
  /** The newest phase posted by now; null when the source has none (an alert). */
  readonly phase: IncidentPhaseStatus | null;
  readonly durationMs: number;
}

/**
 * Incidents going on now: open ones, and any whose window holds now. A status page's incident
 * whose newest phase is "resolved" is over even if its end was not set. Longest-running first.
 */
export function activeIncidents(
  incidents: readonly IncidentWindow[],
  nowMs: number,
): ActiveIncident[] {
  const active: ActiveIncident[] = [];
  for (const incident of incidents) {
    if (incident.startMs > nowMs) continue;
    if (incident.endMs !== null && incident.endMs < nowMs) continue;
    const phase = incident.phases.filter((p) => p.atMs <= nowMs).at(-1)?.status ?? null;
    if (phase === 'resolved') continue;
    active.push({ incident, phase, durationMs: nowMs - incident.startMs });
  }
  return active.sort(
    (a, b) => b.durationMs - a.durationMs || a.incident.id.localeCompare(b.incident.id),
  );
}

/**
 * How long data has been missing, or null while it is as fresh as it can be. A range query's
 * newest point trails now by up to one step plus a scrape; beyond twice that plus one refresh
 * interval, something stopped: the exporter, the scrape, or the way to Prometheus.
 */
export function missingDataMs(
  newestSampleMs: number | null,
  nowMs: number,
  expected: { readonly stepMs: number; readonly scrapeMs: number; readonly refreshMs: number },
): number | null {
  if (newestSampleMs === null) return null;
  const age = nowMs - newestSampleMs;
  const allowed = 2 * (expected.stepMs + expected.scrapeMs) + expected.refreshMs;
  return age > allowed ? age : null;
}
