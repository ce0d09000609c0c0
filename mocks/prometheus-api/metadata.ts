/**
 * The metadata endpoints' answers. Prometheus's TSDB answers them at different grains: series
 * by chunk (a series is listed when it has samples in [start, end]; here the samples decide,
 * where TSDB may also list a series over part of a gap inside one chunk), label names and
 * values from the index of every block that overlaps [start, end]. A backfilled scenario is
 * one block (test/support/prometheus.ts backfills with blocks of up to 4374 h, longer than any
 * scenario), so here a label name or value is listed when any matching series has it and the
 * scenario's span overlaps [start, end].
 */

import { compareLabels, compareStrings, labelKey, type LabelSet } from '../promql/labels';
import type { LabelMatcher } from '../promql/matchers';
import { parseSeriesSelector } from '../promql/parse';
import { PromqlError } from '../promql/errors';
import { hasSampleBetween, type SeriesStore } from '../promql/series-store';
import { ApiError, invalidParam } from './params';

export interface TimeRange {
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * `parseMatchersParam`: every selector parsed, each with a matcher that rejects "". Only the
 * series endpoint prefixes its errors with the parameter's name.
 */
export function parseMatchers(
  selectors: readonly string[],
  nameParameter = false,
): LabelMatcher[][] {
  const sets = selectors.map((text) => {
    try {
      return parseSeriesSelector(text);
    } catch (error) {
      if (error instanceof PromqlError) {
        throw nameParameter
          ? invalidParam('match[]', error.message)
          : new ApiError('bad_data', error.message);
      }
      throw error;
    }
  });
  for (const set of sets) {
    if (!set.some((matcher) => !matcher.matches(''))) {
      const message = 'match[] must contain at least one non-empty matcher';
      throw nameParameter ? invalidParam('match[]', message) : new ApiError('bad_data', message);
    }
  }
  return sets;
}

/** Distinct series matching any set (all series when there is none), sorted by labels. */
export function findSeries(
  store: SeriesStore,
  matcherSets: readonly LabelMatcher[][],
  range: TimeRange,
): LabelSet[] {
  const found = new Map<string, LabelSet>();
  for (const matchers of matcherSets.length > 0 ? matcherSets : [[]]) {
    for (const series of store.select(matchers)) {
      if (!hasSampleBetween(series, range.startMs, range.endMs)) continue;
      found.set(labelKey(series.labels), series.labels);
    }
  }
  return [...found.values()].sort(compareLabels);
}

/** The scenario's first and last visible sample times: the span of its single "block". */
function storeSpan(store: SeriesStore): TimeRange {
  let startMs = Infinity;
  let endMs = -Infinity;
  for (const series of store.select([])) {
    startMs = Math.min(startMs, series.timestamps[0] ?? Infinity);
    endMs = Math.max(endMs, series.timestamps[series.length - 1] ?? -Infinity);
  }
  return { startMs, endMs };
}

function indexedSeries(
  store: SeriesStore,
  matcherSets: readonly LabelMatcher[][],
  range: TimeRange,
): LabelSet[] {
  const span = storeSpan(store);
  if (span.endMs < range.startMs || span.startMs > range.endMs) return [];
  return findSeries(store, matcherSets, span);
}

/** What `pick` finds in the labels of the indexed series, distinct and sorted. */
function indexedLabelTexts(
  store: SeriesStore,
  matcherSets: readonly LabelMatcher[][],
  range: TimeRange,
  pick: (labels: LabelSet) => Iterable<string>,
): string[] {
  const found = new Set<string>();
  for (const labels of indexedSeries(store, matcherSets, range)) {
    for (const text of pick(labels)) found.add(text);
  }
  return [...found].sort(compareStrings);
}

export function labelNames(
  store: SeriesStore,
  matcherSets: readonly LabelMatcher[][],
  range: TimeRange,
): string[] {
  return indexedLabelTexts(store, matcherSets, range, (labels) => Object.keys(labels));
}

export function labelValues(
  store: SeriesStore,
  name: string,
  matcherSets: readonly LabelMatcher[][],
  range: TimeRange,
): string[] {
  return indexedLabelTexts(store, matcherSets, range, (labels) => {
    const value = labels[name];
    return value === undefined ? [] : [value];
  });
}
