/**
 * `histogram_quantile` over classic (`le`-labelled) buckets, ported from Prometheus 2.42's
 * `promql/quantile.go` and `funcHistogramQuantile`: buckets are grouped by their labels
 * without `le` (the metric name still tells groups apart, then is dropped), sorted, merged when
 * bounds repeat, forced monotonic, and the quantile is interpolated linearly inside its bucket.
 * NaN when the +Inf bucket is missing, when fewer than two buckets remain, or when it is empty.
 * A group's bucket series are fixed, so they are sorted once, not at every step.
 */

import { mergeByLabels } from './columns';
import { deleteLabels, labelKey, METRIC_NAME, type LabelSet } from './labels';
import { parseGoFloat } from './literals';
import type { EvalRange, StepSeries } from './steps';

export interface Bucket {
  readonly upperBound: number;
  readonly count: number;
}

/**
 * `bucketQuantile` on buckets already sorted by bound: `bounds`/`counts` hold `n` buckets and
 * are used as scratch space (merged and made monotonic in place).
 */
function sortedBucketQuantile(
  q: number,
  bounds: Float64Array,
  counts: Float64Array,
  length: number,
): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  if (length === 0 || bounds[length - 1] !== Infinity) return NaN;
  // coalesceBuckets: add up buckets with the same bound.
  let n = 0;
  for (let i = 0; i < length; i++) {
    if (n > 0 && bounds[n - 1] === bounds[i]) {
      counts[n - 1] = (counts[n - 1] ?? 0) + (counts[i] ?? 0);
    } else {
      bounds[n] = bounds[i] ?? NaN;
      counts[n] = counts[i] ?? NaN;
      n++;
    }
  }
  // ensureMonotonic: a count below an earlier one is raised to it.
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const count = counts[i] ?? NaN;
    if (count > max) max = count;
    else if (count < max) counts[i] = max;
  }
  if (n < 2) return NaN;
  const observations = counts[n - 1] ?? NaN;
  if (observations === 0) return NaN;
  let rank = q * observations;
  // sort.Search over all but the +Inf bucket: the first bucket whose count reaches the rank.
  let b = 0;
  while (b < n - 1 && !((counts[b] ?? NaN) >= rank)) b++;
  if (b === n - 1) return bounds[n - 2] ?? NaN;
  const bucketEnd = bounds[b] ?? NaN;
  if (b === 0 && bucketEnd <= 0) return bucketEnd;
  let bucketStart = 0;
  let count = counts[b] ?? NaN;
  if (b > 0) {
    bucketStart = bounds[b - 1] ?? NaN;
    count -= counts[b - 1] ?? NaN;
    rank -= counts[b - 1] ?? NaN;
  }
  return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}

/** `bucketQuantile`: the q-quantile of one histogram's cumulative buckets, in any order. */
export function bucketQuantile(q: number, buckets: readonly Bucket[]): number {
  const sorted = [...buckets].sort((a, b) => a.upperBound - b.upperBound);
  const bounds = Float64Array.from(sorted, (b) => b.upperBound);
  const counts = Float64Array.from(sorted, (b) => b.count);
  return sortedBucketQuantile(q, bounds, counts, sorted.length);
}

interface BucketIdentity {
  readonly upperBound: number | undefined;
  readonly signature: string;
  readonly labels: LabelSet;
}

const identities = new WeakMap<LabelSet, BucketIdentity>();

function identify(labels: LabelSet): BucketIdentity {
  let identity = identities.get(labels);
  if (identity === undefined) {
    identity = {
      upperBound: parseGoFloat(labels.le ?? ''),
      signature: labelKey(deleteLabels(labels, ['le'])),
      labels: deleteLabels(labels, [METRIC_NAME, 'le']),
    };
    identities.set(labels, identity);
  }
  return identity;
}

interface BucketGroup {
  readonly labels: LabelSet;
  readonly members: { readonly upperBound: number; readonly series: StepSeries }[];
}

/** `histogram_quantile(q, buckets)` over all steps; `q` holds the quantile at each step. */
export function histogramQuantile(
  range: EvalRange,
  q: Float64Array,
  input: readonly StepSeries[],
): StepSeries[] {
  const groups = new Map<string, BucketGroup>();
  for (const series of input) {
    const { upperBound, signature, labels } = identify(series.labels);
    // Like Prometheus, a series without a parsable `le` is skipped, not an error.
    if (upperBound === undefined) continue;
    let group = groups.get(signature);
    if (group === undefined) {
      group = { labels, members: [] };
      groups.set(signature, group);
    }
    group.members.push({ upperBound, series });
  }
  const parts: StepSeries[] = [];
  for (const group of groups.values()) {
    const members = [...group.members].sort((a, b) => a.upperBound - b.upperBound);
    const bounds = new Float64Array(members.length);
    const counts = new Float64Array(members.length);
    const values = new Float64Array(range.steps);
    const present = new Uint8Array(range.steps);
    for (let step = 0; step < range.steps; step++) {
      let n = 0;
      for (const member of members) {
        if (member.series.present[step] !== 1) continue;
        bounds[n] = member.upperBound;
        counts[n] = member.series.values[step] ?? NaN;
        n++;
      }
      if (n === 0) continue;
      values[step] = sortedBucketQuantile(q[step] ?? NaN, bounds, counts, n);
      present[step] = 1;
    }
    parts.push({ labels: group.labels, values, present });
  }
  return mergeByLabels(range, parts);
}
