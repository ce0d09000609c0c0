import type { Expr } from '../../mocks/promql/ast';
import { parsePromql } from '../../mocks/promql/parse';
import { firstIndex, type SeriesStore } from '../../mocks/promql/series-store';
import { labelSetKey, valuesAgree } from './api-agreement';
import { parseApiValue, type ApiResponse, type MatrixSeries } from './prometheus-api';

/**
 * Compares another engine's answers (VictoriaMetrics) with Prometheus's. MetricsQL is not
 * PromQL to the bit, in two documented ways that touch the standard dashboard:
 *
 * - **rate at the edges of the data.** Prometheus extrapolates `rate()` to the ends of its
 *   window and needs two samples inside it; VictoriaMetrics does not extrapolate and also uses
 *   the last sample before the window. Where the window holds the whole of a series' data the
 *   two are equal; within one window of where a series' samples start or stop (its first
 *   sample, its last, either side of a gap) the values differ and either engine may lack the
 *   point.
 * - **lookback after the data ends.** Prometheus keeps showing a series' last sample for its
 *   5-minute lookback; VictoriaMetrics looks back one step (at least about a scrape interval),
 *   so at fine steps it stops sooner and at steps over 5 minutes it goes on longer. Real scrapes
 *   write staleness markers that end a series at once in both; backfilled samples have none,
 *   so there the last value of a series that stopped shows for a while, for each engine its own.
 *
 * Everywhere else the answers must be equal within the agreement tolerance (relative 1e-9):
 * the same series, the same timestamps, the same values. The edges come from the scenario's
 * raw samples of exactly the series each query selects.
 */

/** Prometheus's default `--query.lookback-delta`. */
export const PROMETHEUS_LOOKBACK_MS = 5 * 60_000;

export interface DataEdges {
  /** Window of the query's range selectors (its `rate()`), 0 when it has none. */
  readonly rateWindowMs: number;
  /** Sorted times where a run of samples of a series the query reads starts or stops. */
  readonly rateEdges: Float64Array;
  /** Sorted times of the last sample of each run of a series read without a range. */
  readonly runEnds: Float64Array;
  readonly scrapeIntervalMs: number;
  /** How long either engine may go on showing a stopped series: the longer lookback. */
  readonly lookbackMs: number;
}

/** How long a series that stopped may still show in either engine's answer at this step. */
export function lookbackAt(stepMs: number): number {
  return Math.max(PROMETHEUS_LOOKBACK_MS, stepMs);
}

interface SelectorUse {
  readonly expr: Expr & { type: 'vectorSelector' };
  readonly rangeMs: number;
}

function selectorsOf(expr: Expr): SelectorUse[] {
  switch (expr.type) {
    case 'vectorSelector':
      return [{ expr, rangeMs: 0 }];
    case 'matrixSelector':
      return [{ expr: expr.selector, rangeMs: expr.rangeMs }];
    case 'paren':
    case 'unary':
      return selectorsOf(expr.expr);
    case 'binary':
      return [...selectorsOf(expr.lhs), ...selectorsOf(expr.rhs)];
    case 'call':
      return expr.args.flatMap(selectorsOf);
    case 'aggregate':
      return [...(expr.param ? selectorsOf(expr.param) : []), ...selectorsOf(expr.expr)];
    case 'number':
    case 'string':
      return [];
  }
}

/** Runs of samples split where a scrape or more is missing. */
function runBounds(timestamps: Float64Array, length: number, scrapeMs: number): number[][] {
  const runs: number[][] = [];
  let start = timestamps[0];
  for (let i = 1; i <= length; i++) {
    const previous = timestamps[i - 1] ?? 0;
    const next = i < length ? (timestamps[i] ?? 0) : Infinity;
    if (next - previous > 1.5 * scrapeMs) {
      runs.push([start ?? previous, previous]);
      start = next;
    }
  }
  return runs;
}

/** Where the samples of the series `query` reads start and stop, from the scenario's store. */
export function dataEdges(
  query: string,
  store: SeriesStore,
  scrapeIntervalMs: number,
  stepMs: number,
): DataEdges {
  const rateEdges: number[] = [];
  const runEnds: number[] = [];
  let rateWindowMs = 0;
  for (const { expr, rangeMs } of selectorsOf(parsePromql(query))) {
    rateWindowMs = Math.max(rateWindowMs, rangeMs);
    for (const series of store.select(expr.matchers)) {
      if (series.length === 0) continue;
      for (const [start = 0, end = 0] of runBounds(
        series.timestamps,
        series.length,
        scrapeIntervalMs,
      )) {
        if (rangeMs > 0) rateEdges.push(start, end);
        else runEnds.push(end);
      }
    }
  }
  const sorted = (times: number[]) => Float64Array.from(new Set(times)).sort();
  return {
    rateWindowMs,
    rateEdges: sorted(rateEdges),
    runEnds: sorted(runEnds),
    scrapeIntervalMs,
    lookbackMs: lookbackAt(stepMs),
  };
}

/** True when some time in `sorted` lies in [fromMs, toMs]. */
function anyBetween(sorted: Float64Array, fromMs: number, toMs: number): boolean {
  const i = firstIndex(sorted, fromMs, 'atOrAfter');
  return i < sorted.length && (sorted[i] ?? Infinity) <= toMs;
}

/** Where `rate()` may differ: its window (one scrape of slack either way) reaches an edge. */
function nearRateEdge(edges: DataEdges, timeMs: number): boolean {
  if (edges.rateWindowMs === 0) return false;
  const slack = edges.scrapeIntervalMs;
  return anyBetween(edges.rateEdges, timeMs - edges.rateWindowMs - slack, timeMs + slack);
}

/** Where one engine may still show a series that stopped and the other not. */
function inLookbackTail(edges: DataEdges, timeMs: number): boolean {
  const slack = edges.scrapeIntervalMs;
  return anyBetween(edges.runEnds, timeMs - edges.lookbackMs - slack, timeMs - 1);
}

export interface EngineComparison {
  /** The first point outside the known differences where the engines disagree. */
  readonly disagreement: string | undefined;
  /** Points both engines have, with equal values. */
  readonly equal: number;
  /** Points that differ, or that one engine lacks, where a known difference allows it. */
  readonly tolerated: number;
}

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

function pointsOf(series: MatrixSeries | undefined): Map<number, string> {
  return new Map((series?.values ?? []).map(([seconds, value]) => [seconds, value]));
}

/** Compares two range-query answers under the rules above. */
export function compareEngines(
  prometheus: ApiResponse,
  other: ApiResponse,
  edges: DataEdges,
  engine: string,
): EngineComparison {
  const failed = (why: string): EngineComparison => ({
    disagreement: why,
    equal: 0,
    tolerated: 0,
  });
  if (prometheus.body.status !== 'success' || other.body.status !== 'success') {
    return failed(
      `Prometheus answered ${prometheus.body.status} (${prometheus.body.error ?? ''}), ${engine} ${other.body.status} (${other.body.error ?? ''})`,
    );
  }
  const want = prometheus.body.data as { resultType: string; result: MatrixSeries[] };
  const got = other.body.data as { resultType: string; result: MatrixSeries[] };
  if (want.resultType !== 'matrix' || got.resultType !== 'matrix') {
    return failed(`result types: Prometheus ${want.resultType}, ${engine} ${got.resultType}`);
  }
  const byKey = (result: MatrixSeries[]) =>
    new Map(result.map((series) => [labelSetKey(series.metric), series]));
  const wantSeries = byKey(want.result);
  const gotSeries = byKey(got.result);
  let equal = 0;
  let tolerated = 0;
  for (const key of new Set([...wantSeries.keys(), ...gotSeries.keys()])) {
    const wantPoints = pointsOf(wantSeries.get(key));
    const gotPoints = pointsOf(gotSeries.get(key));
    const times = [...new Set([...wantPoints.keys(), ...gotPoints.keys()])].sort((a, b) => a - b);
    for (const seconds of times) {
      const timeMs = seconds * 1000;
      const a = wantPoints.get(seconds);
      const b = gotPoints.get(seconds);
      if (a !== undefined && b !== undefined && valuesAgree(parseApiValue(a), parseApiValue(b))) {
        equal++;
        continue;
      }
      const oneLacksIt = a === undefined || b === undefined;
      const allowed = nearRateEdge(edges, timeMs) || (oneLacksIt && inLookbackTail(edges, timeMs));
      if (allowed) {
        tolerated++;
        continue;
      }
      const what =
        a === undefined
          ? `${engine} has a point Prometheus lacks (${b ?? ''})`
          : b === undefined
            ? `${engine} lacks Prometheus's point (${a})`
            : `Prometheus ${a}, ${engine} ${b}`;
      return { disagreement: `series ${key} at ${iso(seconds)}: ${what}`, equal, tolerated };
    }
  }
  return { disagreement: undefined, equal, tolerated };
}

/** The first way two engines' stories differ: lines, peak times, half-peak times, peak heights. */
export function storyDifference(
  prometheus: ReadonlyMap<string, SeriesStory>,
  other: ReadonlyMap<string, SeriesStory>,
  engine: string,
): string | undefined {
  const keys = [...prometheus.keys()];
  if (keys.length !== other.size || keys.some((key) => !other.has(key))) {
    return `lines: Prometheus ${keys.join(' ')}, ${engine} ${[...other.keys()].join(' ')}`;
  }
  for (const [key, want] of prometheus) {
    const got = other.get(key);
    if (got === undefined) continue;
    if (got.peakAtMs !== want.peakAtMs || got.halfPeakAtMs !== want.halfPeakAtMs) {
      return `${key}: Prometheus peaks at ${new Date(want.peakAtMs).toISOString()} (half at ${new Date(want.halfPeakAtMs).toISOString()}), ${engine} at ${new Date(got.peakAtMs).toISOString()} (half at ${new Date(got.halfPeakAtMs).toISOString()})`;
    }
    if (!valuesAgree(want.peak, got.peak)) {
      return `${key}: Prometheus peaks at ${String(want.peak)}, ${engine} at ${String(got.peak)}`;
    }
  }
  return undefined;
}

export interface SeriesStory {
  readonly peak: number;
  readonly peakAtMs: number;
  /** The first time the series reaches half its peak: when what peaked began to show. */
  readonly halfPeakAtMs: number;
}

/**
 * What a reader takes from each line of a panel: how high it peaks and when, and when it first
 * reached half of that. Until the dashboard computes onsets itself, the half-peak time stands in
 * for "when it started".
 */
export function storyOf(result: readonly MatrixSeries[]): Map<string, SeriesStory> {
  const stories = new Map<string, SeriesStory>();
  for (const series of result) {
    const points = series.values
      .map(([seconds, value]) => [seconds * 1000, parseApiValue(value)] as const)
      .filter(([, value]) => Number.isFinite(value));
    let peak = -Infinity;
    let peakAtMs = NaN;
    for (const [timeMs, value] of points) {
      if (value > peak) [peak, peakAtMs] = [value, timeMs];
    }
    const half = points.find(([, value]) => value >= peak / 2);
    stories.set(labelSetKey(series.metric), { peak, peakAtMs, halfPeakAtMs: half?.[0] ?? NaN });
  }
  return stories;
}
