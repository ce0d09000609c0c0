/**
 * The synthetic TSDB the mock Prometheus reads: the scenario's raw series, indexed by metric
 * name, with sample lookups by binary search over the (ascending) timestamps. A store can be
 * narrowed to "what was visible at time T" so the demo, which shifts a scenario to look live,
 * never answers with samples from the future.
 */

import type { RawSeries } from '../scenario/series';
import { compareLabels, labelKey, makeLabels, METRIC_NAME, type LabelSet } from './labels';
import { matchesAll, type LabelMatcher } from './matchers';

export interface StoredSeries {
  /** Normalized labels, `__name__` included. */
  readonly labels: LabelSet;
  /** Epoch milliseconds, ascending. */
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
  /** Number of samples visible to queries (those up to the store's cutoff). */
  readonly length: number;
}

export interface SeriesStore {
  /** Series with at least one visible sample that all matchers accept, sorted by labels. */
  select(matchers: readonly LabelMatcher[]): readonly StoredSeries[];
  /** The same data with every sample after `cutoffMs` hidden. */
  visibleUntil(cutoffMs: number): SeriesStore;
}

/**
 * Binary search in the ascending `sorted[lo, hi)`: the index of the first element at or after
 * `value` (`'atOrAfter'`) or strictly after it (`'after'`); `hi` when there is none.
 */
export function firstIndex(
  sorted: Float64Array,
  value: number,
  bound: 'atOrAfter' | 'after',
  lo = 0,
  hi = sorted.length,
): number {
  const strict = bound === 'after';
  let low = lo;
  let high = hi;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const element = sorted[mid] ?? 0;
    if (element < value || (strict && element === value)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** True when the series has a visible sample at a time in [startMs, endMs]. */
export function hasSampleBetween(series: StoredSeries, startMs: number, endMs: number): boolean {
  const first = firstIndex(series.timestamps, startMs, 'atOrAfter', 0, series.length);
  return first < series.length && (series.timestamps[first] ?? Infinity) <= endMs;
}

interface Index {
  readonly all: readonly StoredSeries[];
  readonly byName: ReadonlyMap<string, readonly StoredSeries[]>;
}

function buildIndex(raw: readonly RawSeries[]): Index {
  const seen = new Set<string>();
  const all: StoredSeries[] = [];
  for (const series of raw) {
    if (series.timestamps.length !== series.values.length) {
      throw new Error(
        `series ${JSON.stringify(series.labels)} has ${String(series.timestamps.length)} timestamps but ${String(series.values.length)} values`,
      );
    }
    const labels = makeLabels(series.labels);
    const key = labelKey(labels);
    // Two series with one label set would be one series in Prometheus; refuse the ambiguity.
    if (seen.has(key)) throw new Error(`duplicate series ${JSON.stringify(labels)}`);
    seen.add(key);
    all.push({
      labels,
      timestamps: series.timestamps,
      values: series.values,
      length: series.timestamps.length,
    });
  }
  all.sort((a, b) => compareLabels(a.labels, b.labels));
  const byName = new Map<string, StoredSeries[]>();
  for (const series of all) {
    const name = series.labels[METRIC_NAME] ?? '';
    const list = byName.get(name);
    if (list) list.push(series);
    else byName.set(name, [series]);
  }
  return { all, byName };
}

function candidates(index: Index, matchers: readonly LabelMatcher[]): readonly StoredSeries[] {
  const byName = matchers.find((m) => m.name === METRIC_NAME && m.type === '=');
  return byName ? (index.byName.get(byName.value) ?? []) : index.all;
}

function storeView(index: Index, cutoffMs: number): SeriesStore {
  // Views are made per request; caching the clipped series keeps repeated selections cheap.
  const clipped = new Map<StoredSeries, StoredSeries>();
  const clip = (series: StoredSeries): StoredSeries => {
    if (cutoffMs === Infinity) return series;
    let view = clipped.get(series);
    if (view === undefined) {
      view = {
        ...series,
        length: firstIndex(series.timestamps, cutoffMs, 'after', 0, series.length),
      };
      clipped.set(series, view);
    }
    return view;
  };
  return {
    select(matchers) {
      const out: StoredSeries[] = [];
      for (const series of candidates(index, matchers)) {
        if (!matchesAll(series.labels, matchers)) continue;
        const view = clip(series);
        if (view.length > 0) out.push(view);
      }
      return out;
    },
    visibleUntil: (ms) => storeView(index, Math.min(ms, cutoffMs)),
  };
}

export function createSeriesStore(series: readonly RawSeries[]): SeriesStore {
  return storeView(buildIndex(series), Infinity);
}
