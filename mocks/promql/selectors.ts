/**
 * Reading raw samples the way Prometheus 2.42 does. An instant vector selector takes, at each
 * step, the newest sample at or before the step (minus `offset`) if it is at most 5 minutes
 * old: backfilled data has no staleness markers, so an absent series keeps its last value for
 * the whole lookback. A range selector takes the samples with mint <= t <= maxt (2.42 includes
 * both ends; Prometheus 3 excludes mint).
 */

import type { MatrixSelector, VectorSelector } from './ast';
import { dropMetricName } from './labels';
import type { RangeFunction, SampleWindow } from './range-functions';
import { firstIndex, type SeriesStore } from './series-store';
import {
  assertUniqueLabelSets,
  stepTime,
  type EvalRange,
  type RangeSeries,
  type StepSeries,
} from './steps';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export const LOOKBACK_DELTA_MS = 5 * 60 * 1000;

export function evalVectorSelector(
  store: SeriesStore,
  selector: VectorSelector,
  range: EvalRange,
): StepSeries[] {
  const out: StepSeries[] = [];
  for (const series of store.select(selector.matchers)) {
    const { timestamps, values, length } = series;
    const picked = new Float64Array(range.steps);
    const present = new Uint8Array(range.steps);
    const sampleTimes = new Float64Array(range.steps);
    let any = false;
    let next = 0; // first sample after the previous step's reference time
    for (let step = 0; step < range.steps; step++) {
      const refTime = stepTime(range, step) - selector.offsetMs;
      next = firstIndex(timestamps, refTime, 'after', next, length);
      const index = next - 1;
      const sampleTime = timestamps[index];
      if (sampleTime === undefined || index < 0 || sampleTime < refTime - LOOKBACK_DELTA_MS)
        continue;
      picked[step] = values[index] ?? NaN;
      present[step] = 1;
      sampleTimes[step] = sampleTime;
      any = true;
    }
    if (any) out.push({ labels: series.labels, values: picked, present, sampleTimes });
  }
  return out;
}

/** A range selector evaluated at one time: the raw samples of each series in its window. */
export function evalMatrixSelector(
  store: SeriesStore,
  matrix: MatrixSelector,
  timeMs: number,
): RangeSeries[] {
  const maxt = timeMs - matrix.selector.offsetMs;
  const mint = maxt - matrix.rangeMs;
  const out: RangeSeries[] = [];
  for (const series of store.select(matrix.selector.matchers)) {
    const lo = firstIndex(series.timestamps, mint, 'atOrAfter', 0, series.length);
    const hi = firstIndex(series.timestamps, maxt, 'after', lo, series.length);
    if (hi === lo) continue;
    out.push({
      labels: series.labels,
      timestamps: Array.from(series.timestamps.subarray(lo, hi)),
      values: Array.from(series.values.subarray(lo, hi)),
    });
  }
  return out;
}

/**
 * A function of a range vector (`rate(x[5m])`…) evaluated per series and step. Like 2.42, the
 * metric name is dropped from the output except by `last_over_time`, and two input series
 * that end up with one label set fail the query.
 */
export function evalRangeFunction(
  store: SeriesStore,
  matrix: MatrixSelector,
  range: EvalRange,
  fn: RangeFunction,
  keepMetricName: boolean,
): StepSeries[] {
  const out: StepSeries[] = [];
  const { offsetMs } = matrix.selector;
  for (const series of store.select(matrix.selector.matchers)) {
    const { timestamps, values, length } = series;
    const results = new Float64Array(range.steps);
    const present = new Uint8Array(range.steps);
    let any = false;
    // One window object per series, moved along the steps (this loop is the hot path).
    const window: Mutable<SampleWindow> = {
      timestamps,
      values,
      lo: 0,
      hi: 0,
      rangeStartMs: 0,
      rangeEndMs: 0,
      rangeMs: matrix.rangeMs,
    };
    for (let step = 0; step < range.steps; step++) {
      window.rangeEndMs = stepTime(range, step) - offsetMs;
      window.rangeStartMs = window.rangeEndMs - matrix.rangeMs;
      window.lo = firstIndex(timestamps, window.rangeStartMs, 'atOrAfter', window.lo, length);
      window.hi = firstIndex(timestamps, window.rangeEndMs, 'after', window.lo, length);
      if (window.hi === window.lo) continue;
      const value = fn(window);
      if (value === undefined) continue;
      results[step] = value;
      present[step] = 1;
      any = true;
    }
    if (any) {
      const labels = keepMetricName ? series.labels : dropMetricName(series.labels);
      out.push({ labels, values: results, present });
    }
  }
  assertUniqueLabelSets(out);
  return out;
}
