/**
 * Blind spots: windows in which a signal could not be seen. A series that had data and then
 * has none for a while (its exporter stopped reporting it), and a scrape target whose `up` is 0.
 * An absence is evidence in its own right: the alert on a metric resolves when the metric
 * vanishes, and nobody is told that the queue is no longer watched.
 */

import type { TimeSeries } from './series';
import type { AbsoluteRange } from './time-range';

export type BlindSpotReason = 'absent' | 'target down';

export interface BlindSpot {
  /** The panel id, or `scrape_health` for a target that was down. */
  readonly signal: string;
  /** Names of the series (or scrape jobs) that could not be seen. */
  readonly series: readonly string[];
  readonly reason: BlindSpotReason;
  readonly startMs: number;
  /** null: still blind at the end of the range. */
  readonly endMs: number | null;
}

export interface Window {
  readonly startMs: number;
  readonly endMs: number | null;
}

/** A hole shorter than this many steps is a late scrape, not a blind spot. */
const MIN_GAP_STEPS = 2;

/**
 * The holes in one series inside `range`: from the first missing step after a sample to the
 * next sample, or to the end of the range (open) when no sample comes back. A series that
 * starts late has no hole before it: it had no data to lose. Values that are NaN are samples
 * (0/0 when there was no traffic), not holes.
 */
export function absentWindows(series: TimeSeries, stepMs: number, range: AbsoluteRange): Window[] {
  const windows: Window[] = [];
  const { times } = series;
  const push = (startMs: number, endMs: number | null) => {
    if ((endMs ?? range.endMs) > range.startMs && startMs < range.endMs) {
      windows.push({ startMs: Math.max(startMs, range.startMs), endMs });
    }
  };
  for (let i = 1; i < times.length; i++) {
    const before = times[i - 1] ?? 0;
    const after = times[i] ?? 0;
    if (after - before > MIN_GAP_STEPS * stepMs) push(before + stepMs, after);
  }
  const last = times[times.length - 1];
  if (last !== undefined && range.endMs - last > MIN_GAP_STEPS * stepMs) push(last + stepMs, null);
  return windows;
}

/**
 * Windows in which a scrape-health series (`min by (job) (up)`) read 0, each to the first
 * sample that read 1 again, or open when none did.
 */
export function downWindows(series: TimeSeries, range: AbsoluteRange): Window[] {
  const windows: Window[] = [];
  let start: number | null = null;
  for (let i = 0; i < series.times.length; i++) {
    const t = series.times[i] ?? 0;
    const up = series.values[i];
    if (up === 0 && start === null) start = t;
    else if (up !== undefined && up > 0 && start !== null) {
      if (t > range.startMs && start < range.endMs) windows.push({ startMs: start, endMs: t });
      start = null;
    }
  }
  if (start !== null && start < range.endMs) windows.push({ startMs: start, endMs: null });
  return windows;
}

interface Named {
  readonly name: string;
  readonly windows: readonly Window[];
}

/** Overlapping windows of several series merged into one, naming each series once. */
function mergeWindows(
  signal: string,
  reason: BlindSpotReason,
  named: readonly Named[],
): BlindSpot[] {
  const all = named
    .flatMap(({ name, windows }) => windows.map((w) => ({ ...w, name })))
    .sort((a, b) => a.startMs - b.startMs);
  const merged: { startMs: number; endMs: number | null; series: Set<string> }[] = [];
  for (const w of all) {
    const last = merged[merged.length - 1];
    if (last !== undefined && (last.endMs === null || w.startMs <= last.endMs)) {
      last.endMs = last.endMs === null || w.endMs === null ? null : Math.max(last.endMs, w.endMs);
      last.series.add(w.name);
    } else merged.push({ startMs: w.startMs, endMs: w.endMs, series: new Set([w.name]) });
  }
  return merged.map((m) => ({
    signal,
    series: [...m.series].sort(),
    reason,
    startMs: m.startMs,
    endMs: m.endMs,
  }));
}

export interface BlindSpotRequest {
  readonly range: AbsoluteRange;
  readonly stepMs: number;
  readonly signals: readonly {
    readonly id: string;
    readonly series: readonly { readonly name: string; readonly series: TimeSeries }[];
  }[];
  /** `min by (job) (up)` series; each names its job. */
  readonly scrapeHealth: readonly TimeSeries[];
}

/** Every blind spot in the range, in time order: absent series per signal, then targets down. */
export function findBlindSpots(request: BlindSpotRequest): BlindSpot[] {
  const { range, stepMs } = request;
  const absent = request.signals.flatMap((signal) =>
    mergeWindows(
      signal.id,
      'absent',
      signal.series.map(({ name, series }) => ({
        name,
        windows: absentWindows(series, stepMs, range),
      })),
    ),
  );
  const down = mergeWindows(
    'scrape_health',
    'target down',
    request.scrapeHealth.map((series) => ({
      name: series.labels.job ?? 'up',
      windows: downWindows(series, range),
    })),
  );
  return [...absent, ...down].sort(
    (a, b) => a.startMs - b.startMs || a.signal.localeCompare(b.signal),
  );
}
