import { randomFor } from '../../mocks/scenario/random';
import type { TimeSeries } from '../../src/domain/series';

/** Minutes and hours in ms, for test timelines. */
export const MIN = 60_000;
export const HOUR = 3_600_000;

/** 2024-01-30T00:00:00Z: every synthetic series starts some hours before it. */
export const T0 = Date.UTC(2024, 0, 30);

export interface SyntheticSeries {
  readonly fromMs?: number;
  readonly toMs?: number;
  readonly stepMs?: number;
  readonly labels?: Readonly<Record<string, string>>;
  /** The level at a time, before noise. */
  readonly level: (t: number) => number;
  /** Normal noise, as a share of the level (default 3 %). */
  readonly noise?: number;
  readonly seed?: string;
  /** Times with no sample, as [from, to) pairs. */
  readonly holes?: readonly (readonly [number, number])[];
}

/** A series at a 30 s step from 4 h before T0 to 4 h after it, with seeded normal noise. */
export function synthetic(spec: SyntheticSeries): TimeSeries {
  const { fromMs = T0 - 4 * HOUR, toMs = T0 + 4 * HOUR, stepMs = 30_000, noise = 0.03 } = spec;
  const random = randomFor(7, spec.seed ?? 'series');
  const times: number[] = [];
  const values: number[] = [];
  for (let t = fromMs; t <= toMs; t += stepMs) {
    if (spec.holes?.some(([a, b]) => t >= a && t < b)) continue;
    const level = spec.level(t);
    times.push(t);
    values.push(level * (1 + noise * random.gauss()));
  }
  return { labels: spec.labels ?? {}, times, values };
}

/** Level `base` until `atMs`, then a ramp of `rampMs` to `peak`, held until `untilMs`. */
export function excursion(
  base: number,
  peak: number,
  atMs: number,
  rampMs = 0,
  untilMs = Infinity,
): (t: number) => number {
  return (t) => {
    if (t < atMs || t >= untilMs) return base;
    if (rampMs === 0 || t >= atMs + rampMs) return peak;
    return base + ((peak - base) * (t - atMs)) / rampMs;
  };
}
