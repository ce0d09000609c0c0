/**
 * `sum`, `avg`, `max`, `min`, `count` with `by`/`without`, ported from Prometheus 2.42's
 * `aggregation()`: groups appear in order of their first element, `sum` adds plainly in input
 * order, `avg` is an incremental mean, `max`/`min` let any number replace NaN. Evaluated
 * column-wise: each input series' group is found once, then its points are folded in step by
 * step (series order is kept within each step, so the floating-point results are the same).
 */

import type { AggregateOp } from './ast';
import {
  compareStrings,
  deleteLabels,
  keepLabels,
  labelKey,
  METRIC_NAME,
  type LabelSet,
} from './labels';
import type { EvalRange, StepSeries } from './steps';

interface GroupIdentity {
  readonly key: string;
  readonly labels: LabelSet;
}

/** How one aggregation groups its input; caches each input label set's group. */
export interface Grouping {
  readonly without: boolean;
  readonly labels: readonly string[];
  readonly cache: WeakMap<LabelSet, GroupIdentity>;
}

export function createGrouping(without: boolean, labels: readonly string[]): Grouping {
  return { without, labels: [...labels].sort(compareStrings), cache: new WeakMap() };
}

/** The group of a label set: `without` also drops the metric name, `by` keeps only its labels. */
export function groupOf(grouping: Grouping, labels: LabelSet): GroupIdentity {
  let identity = grouping.cache.get(labels);
  if (identity === undefined) {
    const groupLabels = grouping.without
      ? deleteLabels(labels, [...grouping.labels, METRIC_NAME])
      : keepLabels(labels, grouping.labels);
    identity = { key: labelKey(groupLabels), labels: groupLabels };
    grouping.cache.set(labels, identity);
  }
  return identity;
}

export type FoldOp = Exclude<AggregateOp, 'topk' | 'bottomk'>;

interface ColumnGroup {
  readonly labels: LabelSet;
  readonly value: Float64Array;
  readonly mean: Float64Array;
  readonly count: Float64Array;
  readonly present: Uint8Array;
}

const isInfinite = (v: number): boolean => v === Infinity || v === -Infinity;

function fold(op: FoldOp, group: ColumnGroup, step: number, value: number): void {
  const current = group.value[step] ?? NaN;
  switch (op) {
    case 'sum':
      group.value[step] = current + value;
      return;
    case 'max':
      if (current < value || Number.isNaN(current)) group.value[step] = value;
      return;
    case 'min':
      if (current > value || Number.isNaN(current)) group.value[step] = value;
      return;
    case 'count':
      group.count[step] = (group.count[step] ?? 0) + 1;
      return;
    case 'avg': {
      const count = (group.count[step] ?? 0) + 1;
      group.count[step] = count;
      const mean = group.mean[step] ?? NaN;
      if (isInfinite(mean)) {
        // An infinite mean stays unless a NaN or the opposite infinity arrives.
        if (isInfinite(value) && mean > 0 === value > 0) return;
        if (Number.isFinite(value)) return;
      }
      group.mean[step] = mean + (value / count - mean / count);
      return;
    }
  }
}

export function aggregateColumns(
  op: FoldOp,
  range: EvalRange,
  input: readonly StepSeries[],
  grouping: Grouping,
): StepSeries[] {
  const groups = new Map<string, ColumnGroup>();
  for (const series of input) {
    const identity = groupOf(grouping, series.labels);
    let group = groups.get(identity.key);
    if (group === undefined) {
      group = {
        labels: identity.labels,
        value: new Float64Array(range.steps),
        mean: new Float64Array(range.steps),
        count: new Float64Array(range.steps),
        present: new Uint8Array(range.steps),
      };
      groups.set(identity.key, group);
    }
    for (let step = 0; step < range.steps; step++) {
      if (series.present[step] !== 1) continue;
      const value = series.values[step] ?? NaN;
      if (group.present[step] === 1) {
        fold(op, group, step, value);
      } else {
        group.present[step] = 1;
        group.value[step] = value;
        group.mean[step] = value;
        group.count[step] = 1;
      }
    }
  }
  return [...groups.values()].map((group) => ({
    labels: group.labels,
    values: op === 'avg' ? group.mean : op === 'count' ? group.count : group.value,
    present: group.present,
  }));
}
