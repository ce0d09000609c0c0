import type { TimeSeries } from './series';
import { seriesKey } from './series';
import type { AlignedQueryRange } from './step';

/**
 * A live view slides its range forward by a few steps per refresh. Asking Prometheus for the
 * whole range again re-sends thousands of samples the page already holds; asking only for the
 * new tail, and merging, sends a few. The merged answer must equal what a full refetch would
 * give, so the tail starts a little before the newest cached point: the last evaluations of the
 * previous answer may have run before the newest scrapes arrived, and are asked again.
 */

/** Steps asked again before the cached end: late scrapes and `rate()` at the edge. */
export const TAIL_OVERLAP_STEPS = 2;

export type RefreshPlan =
  /** Nothing usable cached, or the range changed shape: ask for the whole range. */
  | { readonly kind: 'full' }
  /** The cached answer is for exactly this range. */
  | { readonly kind: 'cached' }
  /** Ask only `[startMs, endMs]` at the same step and merge it into the cached answer. */
  | { readonly kind: 'tail'; readonly tail: AlignedQueryRange };

/**
 * Whether `next` can be answered from `previous` plus a tail. Only a range that slid forward
 * with the same step and length qualifies: a new step evaluates at other timestamps, and a
 * longer or shorter range is a different question (the query is part of the cache's key).
 */
export function planRefresh(
  previous: AlignedQueryRange | null,
  next: AlignedQueryRange,
  overlapSteps = TAIL_OVERLAP_STEPS,
): RefreshPlan {
  if (previous === null) return { kind: 'full' };
  if (previous.stepSeconds !== next.stepSeconds) return { kind: 'full' };
  if (previous.endMs - previous.startMs !== next.endMs - next.startMs) return { kind: 'full' };
  if (next.startMs === previous.startMs) return { kind: 'cached' };
  // Backwards, or so far forwards that nothing cached is still in range.
  if (next.startMs < previous.startMs || next.startMs > previous.endMs) return { kind: 'full' };
  const stepMs = next.stepSeconds * 1000;
  const startMs = Math.max(next.startMs, previous.endMs - overlapSteps * stepMs);
  return { kind: 'tail', tail: { startMs, endMs: next.endMs, stepSeconds: next.stepSeconds } };
}

/** Prometheus's order for a matrix: label sets compared pair by pair, names then values. */
export function compareLabelSets(
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, string>>,
): number {
  const left = Object.keys(a).sort();
  const right = Object.keys(b).sort();
  const shared = Math.min(left.length, right.length);
  for (let i = 0; i < shared; i++) {
    const nameA = left[i] ?? '';
    const nameB = right[i] ?? '';
    if (nameA !== nameB) return nameA < nameB ? -1 : 1;
    const valueA = a[nameA] ?? '';
    const valueB = b[nameB] ?? '';
    if (valueA !== valueB) return valueA < valueB ? -1 : 1;
  }
  return left.length - right.length;
}

/** The samples of `series` with `fromMs <= t < toMs` (times are in order). */
function slice(series: TimeSeries, fromMs: number, toMs: number): TimeSeries {
  const { times, values } = series;
  let first = 0;
  while (first < times.length && (times[first] ?? 0) < fromMs) first++;
  let last = first;
  while (last < times.length && (times[last] ?? 0) < toMs) last++;
  return {
    labels: series.labels,
    times: times.slice(first, last),
    values: values.slice(first, last),
  };
}

/**
 * The answer for `range`: cached samples still in it and older than the tail, then the tail's.
 * A series the tail no longer has keeps its older samples until they scroll out; a series new in
 * the tail starts where the tail does; a series left with no samples is gone, as Prometheus
 * leaves it out. The result is in Prometheus's order, so colours follow a full refetch's.
 */
export function mergeTail(
  cached: readonly TimeSeries[],
  tail: readonly TimeSeries[],
  range: AlignedQueryRange,
  tailStartMs: number,
): TimeSeries[] {
  const merged = new Map<string, TimeSeries>();
  for (const series of cached) {
    const kept = slice(series, range.startMs, tailStartMs);
    if (kept.times.length > 0) merged.set(seriesKey(series.labels), kept);
  }
  for (const series of tail) {
    const fresh = slice(series, tailStartMs, range.endMs + 1);
    if (fresh.times.length === 0) continue;
    const key = seriesKey(series.labels);
    const before = merged.get(key);
    merged.set(
      key,
      before === undefined
        ? fresh
        : {
            labels: series.labels,
            times: [...before.times, ...fresh.times],
            values: [...before.values, ...fresh.values],
          },
    );
  }
  return [...merged.values()].sort((a, b) => compareLabelSets(a.labels, b.labels));
}

/** Samples in an answer: what the benchmark counts per refresh. */
export function sampleCount(series: readonly TimeSeries[]): number {
  return series.reduce((sum, one) => sum + one.times.length, 0);
}
