/**
 * Incident windows: spans when something was wrong, from firing alerts, a status page or the
 * events file, with the phases of the response (investigating → identified → monitoring →
 * resolved), and the rules for drawing them inside a time range.
 */

import type { AbsoluteRange } from './time-range';

export type IncidentPhaseStatus = 'investigating' | 'identified' | 'monitoring' | 'resolved';

export const INCIDENT_PHASE_STATUSES: readonly IncidentPhaseStatus[] = [
  'investigating',
  'identified',
  'monitoring',
  'resolved',
];

export interface IncidentPhase {
  readonly status: IncidentPhaseStatus;
  readonly atMs: number;
}

export interface IncidentWindow {
  /** Stable across refreshes of the same data, so the UI can key windows by it. */
  readonly id: string;
  readonly source: 'alerts' | 'statuspage' | 'events-file';
  /** Plain text from the source; never interpreted as HTML. */
  readonly title: string;
  /** What the source says it is about, beyond the title (an alert's summary); plain text. */
  readonly detail?: string;
  readonly startMs: number;
  /** null: still open. */
  readonly endMs: number | null;
  /** In time order. */
  readonly phases: readonly IncidentPhase[];
  /** As the source words it: an alert's severity, a status page's impact, a severity by hand. */
  readonly impact: string | null;
  /** http(s) only, else null. */
  readonly url: string | null;
  readonly service: string | null;
}

export interface ClippedWindow {
  readonly startMs: number;
  readonly endMs: number;
  /** The window goes on before or after the range: the band has no edge there. */
  readonly clippedStart: boolean;
  readonly clippedEnd: boolean;
  /** Still open: drawn to now. */
  readonly open: boolean;
}

/** Where a window ends when drawn: its end, or now while it is open (never before its start). */
function drawnEnd(window: IncidentWindow, nowMs: number): number {
  return Math.max(window.startMs, window.endMs ?? nowMs);
}

/**
 * The part of a window inside `range`, or null when none is. A window partly inside is clipped,
 * not dropped, and says which side was cut so the band can show it goes on.
 */
export function clipWindow(
  window: IncidentWindow,
  range: AbsoluteRange,
  nowMs: number,
): ClippedWindow | null {
  const end = drawnEnd(window, nowMs);
  if (end < range.startMs || window.startMs > range.endMs) return null;
  return {
    startMs: Math.max(window.startMs, range.startMs),
    endMs: Math.min(end, range.endMs),
    clippedStart: window.startMs < range.startMs,
    clippedEnd: end > range.endMs,
    open: window.endMs === null,
  };
}

export interface PhaseBand {
  readonly status: IncidentPhaseStatus;
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * Sub-bands of a window: each phase lasts until the next one, the last until the window's end
 * (or now while open), all cut to the window and the range. A phase posted after the end (a
 * `resolved` an hour after the impact ended) is a moment, not a band: it is in `phases` for a
 * tick, not here. Empty bands are left out.
 */
export function phaseBands(
  window: IncidentWindow,
  range: AbsoluteRange,
  nowMs: number,
): PhaseBand[] {
  const clipped = clipWindow(window, range, nowMs);
  if (clipped === null) return [];
  const phases = [...window.phases].sort((a, b) => a.atMs - b.atMs);
  const bands: PhaseBand[] = [];
  phases.forEach((phase, i) => {
    const until = phases[i + 1]?.atMs ?? drawnEnd(window, nowMs);
    const startMs = Math.max(phase.atMs, clipped.startMs);
    const endMs = Math.min(until, clipped.endMs);
    if (endMs > startMs) bands.push({ status: phase.status, startMs, endMs });
  });
  return bands;
}

/**
 * Rows for drawing windows one above the other where they overlap: each window takes the first
 * row whose last window ended before it starts (windows in start order), so overlapping windows
 * never hide each other. Past `maxRows`, windows share the last row. Returns the row of each
 * window by id; windows outside the range get none.
 */
export function incidentRows(
  windows: readonly IncidentWindow[],
  range: AbsoluteRange,
  nowMs: number,
  maxRows: number,
): Map<string, number> {
  const rows = new Map<string, number>();
  const rowEnds: number[] = [];
  const inRange = windows
    .map((window) => ({ window, clipped: clipWindow(window, range, nowMs) }))
    .filter((w): w is { window: IncidentWindow; clipped: ClippedWindow } => w.clipped !== null)
    .sort(
      (a, b) => a.clipped.startMs - b.clipped.startMs || a.window.id.localeCompare(b.window.id),
    );
  for (const { window, clipped } of inRange) {
    let row = rowEnds.findIndex((end) => end < clipped.startMs);
    if (row < 0) row = Math.min(rowEnds.length, Math.max(0, maxRows - 1));
    rowEnds[row] = Math.max(rowEnds[row] ?? -Infinity, clipped.endMs);
    rows.set(window.id, row);
  }
  return rows;
}
