/**
 * Onset and recovery of one series: the first time it leaves its own recent baseline and stays
 * out, and when it comes back.
 *
 * The baseline at each sample is the median of the hour before it (less a short guard, so the
 * first minutes of a ramp do not pull the baseline up with them), and its spread the MAD of
 * that hour. A rolling hour follows a daily traffic cycle, which moves a level by a few percent
 * an hour, while a fault moves it by many spreads within minutes. A sample is out when it is
 * further from the baseline than `sigmas` spreads and than a floor (a share of the level, and
 * an absolute amount for a series that sits at zero); it counts only when every sample for the
 * next `persistMs` is out on the same side too, measured against the same baseline. The onset is
 * then dated where the excursion began, walking back over the samples already more than one
 * spread out, so a slow ramp is dated at its start rather than where it crossed the threshold.
 * Recovery is the first sample after which the series stays inside the threshold of that same
 * baseline for `persistMs`.
 */

import { robustLevel } from './robust-stats';
import type { TimeSeries } from './series';

export interface OnsetOptions {
  /** Onsets are looked for from here on; samples before it only make the baseline. */
  readonly fromMs: number;
  /** Length of the baseline window before each sample. */
  readonly baselineMs: number;
  /** Between the baseline window and the sample, so a starting ramp stays out of it. */
  readonly guardMs: number;
  /** How long an excursion must last to count, and a recovery to count. */
  readonly persistMs: number;
  /** Distance from the baseline, in robust standard deviations, that makes a sample out. */
  readonly sigmas: number;
  /** A sample is never out by less than this share of the baseline level. */
  readonly relativeFloor: number;
  /** Nor by less than this, in the series' unit: a series at zero has no spread. */
  readonly absoluteFloor: number;
}

export const DEFAULT_ONSET_OPTIONS: Omit<OnsetOptions, 'fromMs' | 'absoluteFloor'> = {
  baselineMs: 60 * 60_000,
  guardMs: 5 * 60_000,
  persistMs: 5 * 60_000,
  sigmas: 6,
  relativeFloor: 0.25,
};

export type Direction = 'up' | 'down';

export interface SeriesOnset {
  /** Where the excursion began. */
  readonly onsetMs: number;
  /** The first sample beyond the threshold, of the run that lasted. */
  readonly detectedMs: number;
  /** Back inside the threshold for good; null while it has not come back in the data. */
  readonly recoveryMs: number | null;
  readonly direction: Direction;
  /** The baseline level at detection, and the most extreme value of the excursion. */
  readonly baseline: number;
  readonly peak: number;
}

interface Point {
  readonly t: number;
  readonly v: number;
}

/** A baseline this thin tells nothing: fewer samples, or covering less than half its window. */
const MIN_BASELINE_POINTS = 8;
/** How often the baseline of a scan is computed again. */
const BASELINE_REFRESH_MS = 5 * 60_000;
/** How far before its detection an excursion may be dated. */
const HINGE_BACK_MS = 15 * 60_000;
/** An excursion or a recovery is never shorter than this many samples, however long the step. */
const MIN_PERSIST_POINTS = 3;

function finitePoints(series: TimeSeries): Point[] {
  const points: Point[] = [];
  const n = Math.min(series.times.length, series.values.length);
  for (let i = 0; i < n; i++) {
    const t = series.times[i];
    const v = series.values[i];
    if (t !== undefined && v !== undefined && Number.isFinite(t) && Number.isFinite(v)) {
      points.push({ t, v });
    }
  }
  return points;
}

interface Baseline {
  readonly median: number;
  readonly sigma: number;
  /** Distance from the median beyond which a sample is out. */
  readonly threshold: number;
}

/**
 * Whether `test` holds for every sample in (points[i].t, points[i].t + persistMs], with the run
 * at least MIN_PERSIST_POINTS long counting sample i; a run cut short by the end of the data
 * does not count.
 */
function persists(
  points: readonly Point[],
  i: number,
  persistMs: number,
  test: (v: number) => boolean,
): boolean {
  const start = points[i]?.t ?? 0;
  let count = 1;
  let j = i + 1;
  for (; j < points.length; j++) {
    const point = points[j];
    if (point === undefined) break;
    if (point.t > start + persistMs && count >= MIN_PERSIST_POINTS) return true;
    if (!test(point.v)) return false;
    count++;
  }
  return false;
}

function baselineOf(values: readonly number[], options: OnsetOptions): Baseline {
  const level = robustLevel(values);
  return {
    ...level,
    threshold: Math.max(
      options.sigmas * level.sigma,
      options.relativeFloor * Math.abs(level.median),
      options.absoluteFloor,
    ),
  };
}

/** The onset and recovery of one series, or null when it never left its baseline for long. */
export function detectOnset(series: TimeSeries, options: OnsetOptions): SeriesOnset | null {
  const points = finitePoints(series);
  const windowValues: number[] = [];
  let windowStart = 0;
  let windowEnd = 0;
  let baseline: Baseline | null = null;
  let baselineAt = -Infinity;
  for (let i = 0; i < points.length; i++) {
    const point = points[i];
    if (point === undefined || point.t < options.fromMs) continue;
    // The window [t - guard - baseline, t - guard), slid forward with i.
    const from = point.t - options.guardMs - options.baselineMs;
    const until = point.t - options.guardMs;
    while (windowEnd < points.length && (points[windowEnd]?.t ?? Infinity) < until) windowEnd++;
    while (windowStart < windowEnd && (points[windowStart]?.t ?? Infinity) < from) windowStart++;
    const first = points[windowStart];
    if (
      windowEnd - windowStart < MIN_BASELINE_POINTS ||
      first === undefined ||
      first.t > from + options.baselineMs / 2
    ) {
      baseline = null;
      continue;
    }
    // An hour's median hardly moves from one sample to the next: refreshing it every few
    // minutes makes the scan of a long range many times cheaper and changes no answer.
    if (baseline === null || point.t - baselineAt >= BASELINE_REFRESH_MS) {
      windowValues.length = 0;
      for (let j = windowStart; j < windowEnd; j++) windowValues.push(points[j]?.v ?? Number.NaN);
      baseline = baselineOf(windowValues, options);
      baselineAt = point.t;
    }
    const { median, threshold } = baseline;
    const deviation = point.v - median;
    if (Math.abs(deviation) <= threshold) continue;
    // A candidate: its own, fresh baseline decides.
    const fresh =
      point.t === baselineAt ? baseline : baselineOfWindow(points, windowStart, windowEnd, options);
    const sign = Math.sign(point.v - fresh.median);
    if (Math.abs(point.v - fresh.median) <= fresh.threshold) continue;
    const out = (v: number) => (v - fresh.median) * sign > fresh.threshold;
    if (!persists(points, i, options.persistMs, out)) continue;
    return excursion(points, i, windowStart, fresh, sign, options);
  }
  return null;
}

function baselineOfWindow(
  points: readonly Point[],
  start: number,
  end: number,
  options: OnsetOptions,
): Baseline {
  const values: number[] = [];
  for (let j = start; j < end; j++) values.push(points[j]?.v ?? Number.NaN);
  return baselineOf(values, options);
}

/**
 * Where the excursion began: the best fit, over the samples around the detection, of a level at
 * the baseline median that turns into a straight ramp at some sample and holds where the ramp
 * ends (at or after the detection). A jump is a ramp of one sample and a slow climb a long one,
 * so both are dated where they leave the level, however long they took to cross the threshold.
 * The onset is the first sample after the turn: the first one that shows the excursion, so a
 * change made between two samples is never dated after it.
 */
function rampStart(
  points: readonly Point[],
  from: number,
  detected: number,
  to: number,
  level: number,
  sign: number,
): number {
  const t = (j: number) => points[j]?.t ?? 0;
  const y = (j: number) => (points[j]?.v ?? level) - level;
  let best = detected;
  let bestError = Infinity;
  let before = 0;
  for (let k = from; k < detected; k++) {
    for (let end = detected; end <= to; end++) {
      // Least-squares slope for this turn and end, kept to the side of the excursion.
      let sxy = 0;
      let sxx = 0;
      for (let j = k + 1; j <= to; j++) {
        const x = Math.min(t(j), t(end)) - t(k);
        sxy += x * y(j);
        sxx += x * x;
      }
      const slope = sxx > 0 && sxy * sign > 0 ? sxy / sxx : 0;
      let error = before;
      for (let j = k + 1; j <= to; j++) {
        const residual = y(j) - slope * (Math.min(t(j), t(end)) - t(k));
        error += residual * residual;
      }
      if (error < bestError) {
        bestError = error;
        best = k + 1;
      }
    }
    before += y(k) ** 2;
  }
  return best;
}

function excursion(
  points: readonly Point[],
  detected: number,
  windowStart: number,
  baseline: Baseline,
  sign: number,
  options: OnsetOptions,
): SeriesOnset {
  const detectedMs = points[detected]?.t ?? 0;
  let from = detected;
  while (from - 1 > windowStart && (points[from - 1]?.t ?? 0) >= detectedMs - HINGE_BACK_MS) from--;
  let to = detected;
  while (
    to + 1 < points.length &&
    (points[to + 1]?.t ?? Infinity) <= detectedMs + options.persistMs
  )
    to++;
  const start = rampStart(points, from, detected, to, baseline.median, sign);
  const inside = (v: number) => Math.abs(v - baseline.median) <= baseline.threshold;
  let peak = points[detected]?.v ?? baseline.median;
  let recoveryMs: number | null = null;
  for (let j = detected + 1; j < points.length; j++) {
    const point = points[j];
    if (point === undefined) break;
    if (inside(point.v) && persists(points, j, options.persistMs, inside)) {
      recoveryMs = point.t;
      break;
    }
    if ((point.v - peak) * sign > 0) peak = point.v;
  }
  return {
    onsetMs: points[start]?.t ?? 0,
    detectedMs: points[detected]?.t ?? 0,
    recoveryMs,
    direction: sign > 0 ? 'up' : 'down',
    baseline: baseline.median,
    peak,
  };
}
