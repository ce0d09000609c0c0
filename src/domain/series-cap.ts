/**
 * A query that matches far more series than anyone can read (a `by (pod)` over a whole fleet,
 * a label that exploded) must not take the page down with it. A panel keeps the series that
 * reach highest — the ones an incident is usually about — and says how many it left out.
 */

/** Series drawn per panel target at most; beyond a few dozen lines a chart is unreadable. */
export const MAX_SERIES_PER_TARGET = 50;

export interface CappedSeries<S> {
  /** The kept series, in the order they came in. */
  readonly series: readonly S[];
  /** How many series there were before the cap. */
  readonly total: number;
}

/** The highest value of a series; NaN samples do not count, a series of none peaks at -∞. */
export function seriesPeak(values: readonly number[]): number {
  let peak = -Infinity;
  for (const value of values) if (value > peak) peak = value;
  return peak;
}

/**
 * The `limit` series with the highest peaks, in their original order (so legend order and
 * colours do not shuffle between refreshes); ties go to the series that came first.
 */
export function capSeries<S extends { readonly values: readonly number[] }>(
  series: readonly S[],
  limit: number,
): CappedSeries<S> {
  const total = series.length;
  if (total <= limit) return { series, total };
  const peaks = series.map((one) => seriesPeak(one.values));
  const ranked = peaks.map((_, index) => index);
  ranked.sort((a, b) => (peaks[b] ?? -Infinity) - (peaks[a] ?? -Infinity) || a - b);
  const kept = ranked.slice(0, Math.max(0, limit)).sort((a, b) => a - b);
  return { series: kept.map((index) => series[index] as S), total };
}

/** What a capped panel says: `showing top 50 of 50,000 series by peak`. */
export function capNotice(kept: number, total: number, targetName = ''): string {
  const count = (n: number) => n.toLocaleString('en-US');
  const text = `showing top ${count(kept)} of ${count(total)} series by peak`;
  return targetName === '' ? text : `${targetName}: ${text}`;
}
