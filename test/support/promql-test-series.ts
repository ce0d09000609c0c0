/**
 * Small hand-made series for the PromQL and Prometheus API tests, and readers that turn
 * results into plain values to assert on. Times are seconds after T0.
 */

import type { PromResult } from '../../mocks/promql/evaluate';
import { evaluateInstant, evaluateRange } from '../../mocks/promql/evaluate';
import { createSeriesStore, type SeriesStore } from '../../mocks/promql/series-store';
import type { RawSeries } from '../../mocks/scenario/series';

/** 2024-01-30T00:00:00Z. */
export const T0 = 1706572800000;

export const at = (seconds: number): number => T0 + seconds * 1000;

export type Point = readonly [seconds: number, value: number];

export function series(labels: Record<string, string>, points: readonly Point[]): RawSeries {
  return {
    family: labels.__name__ ?? 'test',
    labels,
    timestamps: Float64Array.from(points, ([seconds]) => at(seconds)),
    values: Float64Array.from(points, ([, value]) => value),
  };
}

/** Points every `stepSeconds` from `fromSeconds`, one per value. */
export function every(
  stepSeconds: number,
  fromSeconds: number,
  values: readonly number[],
): Point[] {
  return values.map((value, i) => [fromSeconds + i * stepSeconds, value]);
}

export function store(...all: RawSeries[]): SeriesStore {
  return createSeriesStore(all);
}

/** A sample value as Prometheus writes it ("+Inf", "-Inf", "NaN" or a number). */
export function parseValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

/** `{a="1", b="2"}` with the metric name first, as a stable key for a series. */
export function seriesKey(metric: Record<string, string>): string {
  const { __name__: name = '', ...rest } = metric;
  const pairs = Object.keys(rest)
    .sort()
    .map((key) => `${key}="${rest[key] ?? ''}"`);
  return `${name}{${pairs.join(', ')}}`;
}

/** An instant query's vector as { series key: value }. */
export function vectorAt(expr: string, data: SeriesStore, seconds: number): Record<string, number> {
  return readVector(evaluateInstant(expr, data, at(seconds)));
}

export function readVector(result: PromResult): Record<string, number> {
  if (result.resultType !== 'vector')
    throw new Error(`expected a vector, got ${result.resultType}`);
  return Object.fromEntries(
    result.result.map((s) => [seriesKey(s.metric), parseValue(s.value[1])]),
  );
}

/** The only value of an instant query (vector of one element or scalar). */
export function valueAt(expr: string, data: SeriesStore, seconds: number): number | undefined {
  const result = evaluateInstant(expr, data, at(seconds));
  if (result.resultType === 'scalar') return parseValue(result.result[1]);
  const values = Object.values(readVector(result));
  if (values.length > 1)
    throw new Error(`expected at most one element, got ${String(values.length)}`);
  return values[0];
}

/** A range query as { series key: [[seconds after T0, value], …] }. */
export function matrixOver(
  expr: string,
  data: SeriesStore,
  fromSeconds: number,
  toSeconds: number,
  stepSeconds: number,
): Record<string, [number, number][]> {
  const result = evaluateRange(expr, data, at(fromSeconds), at(toSeconds), stepSeconds * 1000);
  if (result.resultType !== 'matrix')
    throw new Error(`expected a matrix, got ${result.resultType}`);
  return Object.fromEntries(
    result.result.map((s) => [
      seriesKey(s.metric),
      s.values.map(([t, v]): [number, number] => [t - T0 / 1000, parseValue(v)]),
    ]),
  );
}
