/**
 * The review's timeline: every change, alert, status-page phase, incident, onset, recovery and
 * blind spot of an analysis as one list of rows in time order, the table a postmortem starts
 * from (change → impact → alert → status update → mitigation → recovery).
 */

import { changeDetail } from './changes';
import type { IncidentAnalysis } from './incident-analysis';

export type TimelineKind =
  'change' | 'onset' | 'alert' | 'status' | 'incident' | 'blind spot' | 'recovery';

export interface TimelineRow {
  readonly atMs: number;
  readonly kind: TimelineKind;
  /** Plain text from the sources; never interpreted as HTML or Markdown. */
  readonly event: string;
  readonly detail: string;
  /** The change's place among the suspects (1 = top), when it is one. */
  readonly suspectRank: number | null;
}

/** At the same instant, causes before effects before responses. */
const KIND_ORDER: readonly TimelineKind[] = [
  'change',
  'onset',
  'blind spot',
  'alert',
  'incident',
  'status',
  'recovery',
];

function row(
  atMs: number,
  kind: TimelineKind,
  event: string,
  detail = '',
  suspectRank: number | null = null,
): TimelineRow {
  return { atMs, kind, event, detail, suspectRank };
}

export function reviewTimeline(analysis: IncidentAnalysis): TimelineRow[] {
  const rows: TimelineRow[] = [];
  const rank = new Map(analysis.suspects.map((s, i) => [s.change.id, i + 1]));
  for (const change of analysis.changes) {
    const where =
      change.namespace === null ? change.service : `${change.namespace}/${change.service}`;
    const detail = changeDetail(change) ?? '';
    const suspect = rank.get(change.id) ?? null;
    const event = `${change.kind} ${where}: ${change.title}`;
    rows.push(row(change.timeMs, 'change', event, detail, suspect));
  }
  for (const signal of analysis.signals) {
    const first = signal.moved[0];
    if (signal.onsetMs !== null && first !== undefined) {
      const moved = `${String(signal.moved.length)} of ${String(signal.seriesCount)} series moved`;
      rows.push(
        row(
          signal.onsetMs,
          'onset',
          `${signal.title} leaves its baseline`,
          `first ${first.name}; ${moved}`,
        ),
      );
    }
    if (signal.recoveryMs !== null) {
      rows.push(row(signal.recoveryMs, 'recovery', `${signal.title} back at its baseline`));
    }
  }
  for (const incident of analysis.incidents) {
    if (incident.source === 'alerts') {
      rows.push(
        row(
          incident.startMs,
          'alert',
          `alert firing: ${incident.title}${incident.detail === undefined ? '' : ` · ${incident.detail}`}`,
          incident.impact ?? '',
        ),
      );
      if (incident.endMs !== null) {
        rows.push(row(incident.endMs, 'alert', `alert resolved: ${incident.title}`));
      }
      continue;
    }
    const source = incident.source === 'statuspage' ? 'status page' : 'incident';
    if (incident.source === 'events-file') {
      rows.push(
        row(
          incident.startMs,
          'incident',
          `incident starts: ${incident.title}`,
          incident.impact ?? '',
        ),
      );
      if (incident.endMs !== null) {
        rows.push(row(incident.endMs, 'incident', `incident ends: ${incident.title}`));
      }
    }
    for (const phase of incident.phases) {
      const kind = incident.source === 'statuspage' ? 'status' : 'incident';
      rows.push(row(phase.atMs, kind, `${source} ${phase.status}: ${incident.title}`));
    }
  }
  for (const spot of analysis.blindSpots) {
    const what = `${spot.signal} (${spot.series.join(', ')})`;
    rows.push(row(spot.startMs, 'blind spot', `blind spot begins: ${what}`, spot.reason));
    if (spot.endMs !== null) rows.push(row(spot.endMs, 'blind spot', `blind spot ends: ${what}`));
  }
  return rows.sort(
    (a, b) =>
      a.atMs - b.atMs ||
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      a.event.localeCompare(b.event),
  );
}
