/**
 * Onset and recovery per signal (a panel: error ratio, latency, …) from the onsets of its
 * series, and the order in which the signals moved.
 */

import { detectOnset, DEFAULT_ONSET_OPTIONS, type OnsetOptions, type SeriesOnset } from './onset';
import type { TimeSeries } from './series';

export interface SignalSeries {
  /** Legend text, e.g. `5xx chatgpt` or `p99 LIST`. */
  readonly name: string;
  readonly series: TimeSeries;
  /** A change of less than this never counts, in the series' unit (see OnsetOptions). */
  readonly absoluteFloor: number;
}

export interface SignalInput {
  /** The panel id of the dashboard config, e.g. `error_ratio`. */
  readonly id: string;
  readonly title: string;
  readonly series: readonly SignalSeries[];
}

export interface MovedSeries {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly onset: SeriesOnset;
}

export interface SignalImpact {
  readonly id: string;
  readonly title: string;
  /** The earliest onset of its series; null when none of them moved. */
  readonly onsetMs: number | null;
  /** When every series that moved was back; null while one is not (or none moved). */
  readonly recoveryMs: number | null;
  /** The series that moved, earliest onset first. */
  readonly moved: readonly MovedSeries[];
  /** How many series the signal had. */
  readonly seriesCount: number;
}

export type ImpactOptions = Omit<OnsetOptions, 'absoluteFloor'>;

/** The impact on one signal over the analysed range (onsets from `options.fromMs` on). */
export function signalImpact(input: SignalInput, options: ImpactOptions): SignalImpact {
  const moved: MovedSeries[] = [];
  for (const { name, series, absoluteFloor } of input.series) {
    const onset = detectOnset(series, { ...options, absoluteFloor });
    if (onset !== null) moved.push({ name, labels: series.labels, onset });
  }
  moved.sort(
    (a, b) =>
      a.onset.onsetMs - b.onset.onsetMs ||
      a.onset.detectedMs - b.onset.detectedMs ||
      a.name.localeCompare(b.name),
  );
  const recoveries = moved.map((m) => m.onset.recoveryMs);
  const recovered = recoveries.length > 0 && recoveries.every((r) => r !== null);
  return {
    id: input.id,
    title: input.title,
    onsetMs: moved[0]?.onset.onsetMs ?? null,
    recoveryMs: recovered ? Math.max(...recoveries) : null,
    moved,
    seriesCount: input.series.length,
  };
}

/** The options every analysis uses unless it says otherwise, from `fromMs` on. */
export function impactOptions(fromMs: number): ImpactOptions {
  return { ...DEFAULT_ONSET_OPTIONS, fromMs };
}

/**
 * The signals that moved, first mover first: by onset, then by when the excursion was
 * detected (of two signals dated alike, the one that crossed its threshold first led), then by
 * id so the order never flips between runs.
 */
export function signalOrder(signals: readonly SignalImpact[]): SignalImpact[] {
  const detected = (s: SignalImpact) =>
    Math.min(...s.moved.map((m) => m.onset.detectedMs), Infinity);
  return signals
    .filter((s) => s.onsetMs !== null)
    .sort(
      (a, b) =>
        (a.onsetMs ?? 0) - (b.onsetMs ?? 0) ||
        detected(a) - detected(b) ||
        a.id.localeCompare(b.id),
    );
}
