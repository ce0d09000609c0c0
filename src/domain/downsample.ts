import type { TimeSeries } from './series';

/**
 * Min/max per pixel column, the reduction that keeps what an eye would see: a line chart
 * cannot show more than one column's low and high anyway, and averaging would hide the
 * one-sample spike an incident is often made of.
 */

/**
 * ±Inf are real extremes and compare as such. NaN counts as the lowest of all, so a column
 * that holds one keeps it and the chart shows the gap (at the cost of that column's finite low).
 */
function lower(a: number, b: number): boolean {
  if (Number.isNaN(b)) return false;
  return Number.isNaN(a) || a < b;
}

/** Any number is higher than NaN, so a column's high is a plotted value whenever it has one. */
function higher(a: number, b: number): boolean {
  if (Number.isNaN(a)) return false;
  return Number.isNaN(b) || a > b;
}

/**
 * Keeps, per pixel column of `[startMs, endMs]`, the lowest and highest sample in time order
 * (one when they are the same sample): at most `2 × widthPx` points. Samples outside the range
 * count to the nearest edge column. Expects samples in time order, as Prometheus sends them.
 */
export function downsampleMinMax(
  series: TimeSeries,
  startMs: number,
  endMs: number,
  widthPx: number,
): TimeSeries {
  const columns = Math.max(1, Math.floor(widthPx));
  const { times, values } = series;
  if (times.length <= 2 * columns) return series;

  const spanMs = endMs - startMs;
  const lowest = new Int32Array(columns).fill(-1);
  const highest = new Int32Array(columns).fill(-1);
  for (let i = 0; i < times.length; i++) {
    const t = times[i] ?? 0;
    const value = values[i] ?? Number.NaN;
    const raw = spanMs > 0 ? Math.floor(((t - startMs) / spanMs) * columns) : 0;
    const column = Math.min(columns - 1, Math.max(0, raw));
    const low = lowest[column] ?? -1;
    const high = highest[column] ?? -1;
    if (low < 0 || lower(value, values[low] ?? 0)) lowest[column] = i;
    if (high < 0 || higher(value, values[high] ?? 0)) highest[column] = i;
  }

  const keptTimes: number[] = [];
  const keptValues: number[] = [];
  const keep = (index: number) => {
    keptTimes.push(times[index] ?? 0);
    keptValues.push(values[index] ?? Number.NaN);
  };
  for (let column = 0; column < columns; column++) {
    const low = lowest[column] ?? -1;
    const high = highest[column] ?? -1;
    if (low < 0) continue;
    keep(Math.min(low, high));
    if (low !== high) keep(Math.max(low, high));
  }
  return { labels: series.labels, times: keptTimes, values: keptValues };
}
