/**
 * A signal read at a glance, as a wall tile shows it: the worst series now (the service with the
 * highest error ratio, the queue with the oldest job) and the worst value at each moment before,
 * for a sparkline.
 */

import type { TimeSeries } from './series';

export interface SignalReading {
  /** The highest value at the newest sample time of any series; null when there is none. */
  readonly value: number | null;
  readonly atMs: number | null;
  /** Labels of the series that holds `value`. */
  readonly labels: Readonly<Record<string, string>> | null;
  /** The highest value at each sample time, oldest first. */
  readonly trend: TimeSeries;
}

/**
 * The worst of `series` now and over time. Only series with a sample at the newest time count
 * for now: a service that vanished an hour ago is not what is wrong now.
 */
export function worstReading(series: readonly TimeSeries[]): SignalReading {
  const highest = new Map<number, number>();
  let newest: number | null = null;
  for (const one of series) {
    for (let i = 0; i < one.times.length; i++) {
      const timeMs = one.times[i];
      const value = one.values[i];
      if (timeMs === undefined || value === undefined || Number.isNaN(value)) continue;
      const seen = highest.get(timeMs);
      if (seen === undefined || value > seen) highest.set(timeMs, value);
      if (newest === null || timeMs > newest) newest = timeMs;
    }
  }
  let value: number | null = null;
  let labels: SignalReading['labels'] = null;
  if (newest !== null) {
    for (const one of series) {
      const last = one.times.length - 1;
      const lastValue = one.values[last];
      if (one.times[last] !== newest || lastValue === undefined || Number.isNaN(lastValue))
        continue;
      if (value === null || lastValue > value) {
        value = lastValue;
        labels = one.labels;
      }
    }
  }
  const times = [...highest.keys()].sort((a, b) => a - b);
  return {
    value,
    atMs: newest,
    labels,
    trend: { labels: {}, times, values: times.map((t) => highest.get(t) ?? Number.NaN) },
  };
}
