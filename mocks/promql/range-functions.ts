/**
 * Functions over a range of raw samples, ported from Prometheus 2.42's `promql/functions.go`
 * (float samples only): `rate`/`increase`/`delta` with its extrapolation, `irate`, `changes`,
 * `resets` and the `*_over_time` family. Arithmetic follows the Go code step by step so the
 * results agree to the last bit: `sum_over_time` and `avg_over_time` sum with Kahan
 * compensation, while the `sum`/`avg` aggregations add plainly. The compensation is held by
 * test/unit/promql-range-functions.test.ts; the agreement with real Prometheus on every seed
 * scenario by test/integration/msw-agrees-with-prometheus.test.ts.
 */

export interface SampleWindow {
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
  /** The samples in the window are the indices [lo, hi). */
  readonly lo: number;
  readonly hi: number;
  /** The window is [rangeStartMs, rangeEndMs], both ends included (2.42 semantics). */
  readonly rangeStartMs: number;
  readonly rangeEndMs: number;
  readonly rangeMs: number;
}

/** Returns the function's value, or undefined when it has none for this window. */
export type RangeFunction = (window: SampleWindow) => number | undefined;

/** Go's `time.Duration.Seconds()` for a whole number of milliseconds. */
export function durationSeconds(ms: number): number {
  const seconds = Math.trunc(ms / 1000);
  return seconds + ((ms - seconds * 1000) * 1e6) / 1e9;
}

function at(values: Float64Array, index: number): number {
  return values[index] ?? NaN;
}

/** `extrapolatedRate`: the increase over the window, extrapolated towards its edges. */
function extrapolatedRate(
  w: SampleWindow,
  isCounter: boolean,
  isRate: boolean,
): number | undefined {
  const count = w.hi - w.lo;
  if (count < 2) return undefined;
  const firstT = at(w.timestamps, w.lo);
  const lastT = at(w.timestamps, w.hi - 1);
  const firstV = at(w.values, w.lo);
  let result = at(w.values, w.hi - 1) - firstV;
  if (isCounter) {
    let lastValue = 0;
    for (let i = w.lo; i < w.hi; i++) {
      const value = at(w.values, i);
      if (value < lastValue) result += lastValue;
      lastValue = value;
    }
  }
  let durationToStart = (firstT - w.rangeStartMs) / 1000;
  const durationToEnd = (w.rangeEndMs - lastT) / 1000;
  const sampledInterval = (lastT - firstT) / 1000;
  const averageDurationBetweenSamples = sampledInterval / (count - 1);

  // A counter cannot go below zero: do not extrapolate the start past the zero crossing.
  if (isCounter && result > 0 && firstV >= 0) {
    const durationToZero = sampledInterval * (firstV / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }

  const extrapolationThreshold = averageDurationBetweenSamples * 1.1;
  let extrapolateToInterval = sampledInterval;
  extrapolateToInterval +=
    durationToStart < extrapolationThreshold ? durationToStart : averageDurationBetweenSamples / 2;
  extrapolateToInterval +=
    durationToEnd < extrapolationThreshold ? durationToEnd : averageDurationBetweenSamples / 2;
  let factor = extrapolateToInterval / sampledInterval;
  if (isRate) factor /= durationSeconds(w.rangeMs);
  return result * factor;
}

/** `instantValue` for `irate`: per-second change between the last two samples. */
function irate(w: SampleWindow): number | undefined {
  if (w.hi - w.lo < 2) return undefined;
  const last = at(w.values, w.hi - 1);
  const previous = at(w.values, w.hi - 2);
  const result = last < previous ? last : last - previous;
  const sampledIntervalMs = at(w.timestamps, w.hi - 1) - at(w.timestamps, w.hi - 2);
  if (sampledIntervalMs === 0) return undefined;
  return result / (sampledIntervalMs / 1000);
}

function changes(w: SampleWindow): number {
  let count = 0;
  let previous = at(w.values, w.lo);
  for (let i = w.lo + 1; i < w.hi; i++) {
    const current = at(w.values, i);
    if (current !== previous && !(Number.isNaN(current) && Number.isNaN(previous))) count++;
    previous = current;
  }
  return count;
}

function resets(w: SampleWindow): number {
  let count = 0;
  let previous = at(w.values, w.lo);
  for (let i = w.lo + 1; i < w.hi; i++) {
    const current = at(w.values, i);
    if (current < previous) count++;
    previous = current;
  }
  return count;
}

/** Neumaier's variant of Kahan summation, 2.42's `kahanSumInc`: returns [sum, compensation]. */
function kahanSumInc(inc: number, sum: number, c: number): [number, number] {
  const t = sum + inc;
  const compensation = Math.abs(sum) >= Math.abs(inc) ? sum - t + inc : inc - t + sum;
  return [t, c + compensation];
}

const isInfinite = (v: number): boolean => v === Infinity || v === -Infinity;

/** 2.42's `avg_over_time`: an incremental mean with compensated summation. */
function avgOverTime(w: SampleWindow): number {
  let mean = 0;
  let c = 0;
  let count = 0;
  for (let i = w.lo; i < w.hi; i++) {
    const value = at(w.values, i);
    count++;
    if (isInfinite(mean)) {
      // An infinite mean stays as it is unless a NaN or an opposite infinity arrives.
      if (isInfinite(value) && mean > 0 === value > 0) continue;
      if (Number.isFinite(value)) continue;
    }
    [mean, c] = kahanSumInc(value / count - mean / count, mean, c);
  }
  return isInfinite(mean) ? mean : mean + c;
}

/** 2.42's `sum_over_time`: compensated summation (the `sum` aggregation is not). */
function sumOverTime(w: SampleWindow): number {
  let sum = 0;
  let c = 0;
  for (let i = w.lo; i < w.hi; i++) [sum, c] = kahanSumInc(at(w.values, i), sum, c);
  return isInfinite(sum) ? sum : sum + c;
}

function maxOverTime(w: SampleWindow): number {
  let max = at(w.values, w.lo);
  for (let i = w.lo; i < w.hi; i++) {
    const value = at(w.values, i);
    if (value > max || Number.isNaN(max)) max = value;
  }
  return max;
}

function minOverTime(w: SampleWindow): number {
  let min = at(w.values, w.lo);
  for (let i = w.lo; i < w.hi; i++) {
    const value = at(w.values, i);
    if (value < min || Number.isNaN(min)) min = value;
  }
  return min;
}

export type RangeFunctionName =
  | 'rate'
  | 'increase'
  | 'delta'
  | 'irate'
  | 'changes'
  | 'resets'
  | 'avg_over_time'
  | 'sum_over_time'
  | 'min_over_time'
  | 'max_over_time'
  | 'count_over_time'
  | 'last_over_time';

export const RANGE_FUNCTIONS: Readonly<Record<RangeFunctionName, RangeFunction>> = {
  rate: (w) => extrapolatedRate(w, true, true),
  increase: (w) => extrapolatedRate(w, true, false),
  delta: (w) => extrapolatedRate(w, false, false),
  irate,
  changes,
  resets,
  avg_over_time: avgOverTime,
  sum_over_time: sumOverTime,
  min_over_time: minOverTime,
  max_over_time: maxOverTime,
  count_over_time: (w) => w.hi - w.lo,
  last_over_time: (w) => at(w.values, w.hi - 1),
};

export function isRangeFunction(name: string): name is RangeFunctionName {
  return Object.hasOwn(RANGE_FUNCTIONS, name);
}
