import type { TimeSeries } from './series';

/**
 * Prometheus leaves out the steps where a series had no data. A chart line drawn straight
 * across such a hole would hide a blind spot, so a NaN is put just after the last sample
 * before each hole; charts draw non-finite values as breaks.
 */
export function markGaps(series: TimeSeries, stepMs: number): TimeSeries {
  const threshold = stepMs * 1.5;
  const { times, values } = series;
  let gaps = 0;
  for (let i = 1; i < times.length; i++) {
    if ((times[i] ?? 0) - (times[i - 1] ?? 0) > threshold) gaps++;
  }
  if (gaps === 0) return series;
  const outTimes: number[] = [];
  const outValues: number[] = [];
  for (let i = 0; i < times.length; i++) {
    const t = times[i] ?? 0;
    if (i > 0 && t - (times[i - 1] ?? 0) > threshold) {
      outTimes.push((times[i - 1] ?? 0) + stepMs);
      outValues.push(Number.NaN);
    }
    outTimes.push(t);
    outValues.push(values[i] ?? Number.NaN);
  }
  return { labels: series.labels, times: outTimes, values: outValues };
}

/**
 * The sample shown at a time: the latest one at or before it, if it is no older than
 * `toleranceMs` (one step), so a legend never shows a value from across a gap.
 */
export function valueAt(series: TimeSeries, timeMs: number, toleranceMs: number): number | null {
  const { times, values } = series;
  let low = 0;
  let high = times.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if ((times[mid] ?? Infinity) <= timeMs) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  if (found < 0) return null;
  const value = values[found];
  if (value === undefined || timeMs - (times[found] ?? 0) > toleranceMs) return null;
  return value;
}
