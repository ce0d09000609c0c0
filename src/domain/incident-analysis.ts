/**
 * The whole answer for one range: which signals moved and in what order, the suspects of the
 * earliest onset, the blind spots, the durations, and the changes and incidents a review
 * lists. Pure: the browser and the command-line report feed it the same query results and get
 * the same answer.
 */

import { findBlindSpots, type BlindSpot } from './blind-spots';
import type { ChangeEvent } from './changes';
import { incidentDurations, type IncidentDurations } from './durations';
import type { IncidentWindow } from './incidents';
import type { TimeSeries } from './series';
import {
  impactOptions,
  signalImpact,
  signalOrder,
  type SignalImpact,
  type SignalInput,
} from './signal-impact';
import { rankSuspects, type Suspect } from './suspects';
import type { AbsoluteRange } from './time-range';

export interface AnalysisInput {
  /** The range under review; samples before it (the pre-roll) only make baselines. */
  readonly range: AbsoluteRange;
  readonly lookbackMs: number;
  /** The step of the signal queries. */
  readonly stepMs: number;
  readonly signals: readonly SignalInput[];
  /** Deduplicated, from the look-back before the range to its end. */
  readonly changes: readonly ChangeEvent[];
  readonly incidents: readonly IncidentWindow[];
  /** `min by (job) (up)`. */
  readonly scrapeHealth: readonly TimeSeries[];
}

export interface IncidentAnalysis {
  readonly range: AbsoluteRange;
  readonly lookbackMs: number;
  readonly stepMs: number;
  /** Every signal, in the dashboard's order. */
  readonly signals: readonly SignalImpact[];
  /** The signals that moved, first mover first. */
  readonly order: readonly SignalImpact[];
  /** The earliest onset of any signal. */
  readonly onsetMs: number | null;
  /** When every signal that moved was back; null while one is not, or when none moved. */
  readonly recoveryMs: number | null;
  readonly suspects: readonly Suspect[];
  readonly blindSpots: readonly BlindSpot[];
  readonly durations: IncidentDurations | null;
  /** The changes a review lists: those inside the range, and the suspects made before it. */
  readonly changes: readonly ChangeEvent[];
  /** Incident windows that overlap the range. */
  readonly incidents: readonly IncidentWindow[];
}

export function analyzeIncident(input: AnalysisInput): IncidentAnalysis {
  const { range } = input;
  const options = impactOptions(range.startMs);
  const signals = input.signals.map((signal) => signalImpact(signal, options));
  const order = signalOrder(signals);
  const onsetMs = order[0]?.onsetMs ?? null;
  const recoveries = order.map((s) => s.recoveryMs);
  const recoveryMs =
    recoveries.length > 0 && recoveries.every((r) => r !== null) ? Math.max(...recoveries) : null;
  const suspects = rankSuspects({
    changes: input.changes,
    signals,
    lookbackMs: input.lookbackMs,
  });
  const suspectIds = new Set(suspects.map((s) => s.change.id));
  const changes = input.changes.filter(
    (c) => suspectIds.has(c.id) || (c.timeMs >= range.startMs && c.timeMs <= range.endMs),
  );
  const incidents = input.incidents.filter(
    (i) => i.startMs <= range.endMs && (i.endMs === null || i.endMs >= range.startMs),
  );
  return {
    range,
    lookbackMs: input.lookbackMs,
    stepMs: input.stepMs,
    signals,
    order,
    onsetMs,
    recoveryMs,
    suspects,
    blindSpots: findBlindSpots({
      range,
      stepMs: input.stepMs,
      signals: input.signals,
      scrapeHealth: input.scrapeHealth,
    }),
    durations: incidentDurations({ onsetMs, recoveryMs, changes, incidents }),
    changes,
    incidents,
  };
}
