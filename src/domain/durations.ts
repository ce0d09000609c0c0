/**
 * The durations a postmortem states, all from the onset (the earliest one of any signal): time
 * to detect (to the first alert that fired, and to the first status-page update), to mitigate
 * (to the first change after the onset: a rollback, a scale-up, a config fix) and to recover
 * (to the time every signal that moved was back at its baseline).
 */

import type { ChangeEvent } from './changes';
import type { IncidentWindow } from './incidents';

export interface Milestone {
  readonly atMs: number;
  /** What happened then, in words from the source. */
  readonly title: string;
}

export interface IncidentDurations {
  readonly onsetMs: number;
  readonly firstAlert: Milestone | null;
  readonly firstStatusUpdate: Milestone | null;
  readonly firstMitigation: Milestone | null;
  readonly recoveryMs: number | null;
}

export interface DurationRequest {
  readonly onsetMs: number | null;
  /** When every signal that moved was back; null while one is not. */
  readonly recoveryMs: number | null;
  readonly changes: readonly ChangeEvent[];
  readonly incidents: readonly IncidentWindow[];
}

function earliest(milestones: readonly Milestone[]): Milestone | null {
  return milestones.reduce<Milestone | null>(
    (a, b) => (a === null || b.atMs < a.atMs ? b : a),
    null,
  );
}

/**
 * The milestones after the onset, or null when nothing moved. An alert that was already firing
 * before the onset did not detect it; a status update is a phase posted on the status page (its
 * `started_at` may be set back to the impact afterwards, so it is not one).
 */
export function incidentDurations(request: DurationRequest): IncidentDurations | null {
  const { onsetMs } = request;
  if (onsetMs === null) return null;
  const alerts = request.incidents
    .filter((i) => i.source === 'alerts' && i.startMs >= onsetMs)
    .map((i) => ({ atMs: i.startMs, title: i.title }));
  const updates = request.incidents
    .filter((i) => i.source === 'statuspage')
    .flatMap((i) =>
      i.phases
        .filter((p) => p.atMs >= onsetMs)
        .map((p) => ({ atMs: p.atMs, title: `${p.status}: ${i.title}` })),
    );
  const mitigations = request.changes
    .filter((c) => c.timeMs > onsetMs)
    .map((c) => ({ atMs: c.timeMs, title: `${c.kind} ${c.service}: ${c.title}` }));
  return {
    onsetMs,
    firstAlert: earliest(alerts),
    firstStatusUpdate: earliest(updates),
    firstMitigation: earliest(mitigations),
    recoveryMs: request.recoveryMs,
  };
}
