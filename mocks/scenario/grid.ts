/**
 * The scrape grid: sample times of a scenario. Values are computed against the real (unshifted)
 * time, so a shifted scenario has exactly the same values, only later timestamps.
 */

import { toMs } from './time';

export interface Grid {
  readonly steps: number;
  readonly stepMs: number;
  readonly stepSeconds: number;
  /** First sample time, real (unshifted) epoch ms, a multiple of the step. */
  readonly realStartMs: number;
  readonly shiftMs: number;
  /** Sample times after the shift; shared by every series without gaps. */
  readonly timestamps: Float64Array;
}

export function makeGrid(
  window: { readonly start: string; readonly end: string },
  stepSeconds: number,
  shiftMs: number,
): Grid {
  // Samples are stored at millisecond resolution, as in Prometheus's TSDB.
  if (!(stepSeconds >= 0.001) || !Number.isFinite(stepSeconds)) {
    throw new Error(
      `scrape interval must be at least 1 ms (0.001 s), got ${String(stepSeconds)} s`,
    );
  }
  if (!Number.isFinite(shiftMs)) throw new Error(`shift must be a finite number of ms`);
  const stepMs = Math.round(stepSeconds * 1000);
  // Aligned to multiples of the interval since the epoch, as Prometheus aligns range steps.
  const realStartMs = Math.ceil(toMs(window.start) / stepMs) * stepMs;
  const realEndMs = Math.floor(toMs(window.end) / stepMs) * stepMs;
  if (realEndMs < realStartMs) throw new Error('scenario window ends before it starts');
  const steps = (realEndMs - realStartMs) / stepMs + 1;
  const timestamps = new Float64Array(steps);
  for (let k = 0; k < steps; k++) timestamps[k] = realStartMs + k * stepMs + shiftMs;
  return { steps, stepMs, stepSeconds: stepMs / 1000, realStartMs, shiftMs, timestamps };
}

/** Real time of step k. */
export function realTimeAt(grid: Grid, k: number): number {
  return grid.realStartMs + k * grid.stepMs;
}

/** Index of the first step at or after a real time, clamped to [0, steps]. */
export function stepAtOrAfter(grid: Grid, realMs: number): number {
  const k = Math.ceil((realMs - grid.realStartMs) / grid.stepMs);
  return Math.min(grid.steps, Math.max(0, k));
}

/**
 * Relative traffic over a day: 1 ± amplitude, highest at the peak hour (users' afternoon),
 * lowest twelve hours later.
 */
export function dailyCycle(grid: Grid, peakUtcHour: number, amplitude: number): Float64Array {
  const out = new Float64Array(grid.steps);
  const dayMs = 86_400_000;
  for (let k = 0; k < grid.steps; k++) {
    const hour = (((realTimeAt(grid, k) % dayMs) + dayMs) % dayMs) / 3_600_000;
    out[k] = 1 + amplitude * Math.cos((2 * Math.PI * (hour - peakUtcHour)) / 24);
  }
  return out;
}
