import type { PanelUnit } from '../dashboard/default-dashboard';

const DECIMAL_STEPS = [1, 2, 2.5, 5, 10];
/** Durations read best on clock steps once they pass a couple of minutes. */
const SECOND_STEPS = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

function decimalStep(rough: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = DECIMAL_STEPS.find((candidate) => candidate * magnitude >= rough) ?? 10;
  return step * magnitude;
}

export interface ValueAxis {
  readonly domain: readonly [number, number];
  readonly ticks: readonly number[];
}

/**
 * Y-axis ticks on round values (1, 2, 2.5, 5 × 10ⁿ; whole minutes and hours for durations),
 * about `count` of them, from 0 unless the data goes negative.
 */
export function valueAxis(min: number, max: number, count: number, unit: PanelUnit): ValueAxis {
  const low = Math.min(0, Number.isFinite(min) ? min : 0);
  const high = Math.max(low, Number.isFinite(max) ? max : 0);
  const span = high - low || (high === 0 ? 1 : Math.abs(high));
  const rough = span / Math.max(1, count - 1);
  const step =
    unit === 'seconds' && rough > 60
      ? (SECOND_STEPS.find((candidate) => candidate >= rough) ?? decimalStep(rough / 86400) * 86400)
      : decimalStep(rough);
  const first = Math.floor(low / step) * step;
  const last = Math.max(first + step, Math.ceil(high / step) * step);
  const ticks: number[] = [];
  // Rounding each tick keeps 0.1 + 0.2 from printing as 0.30000000000000004.
  for (let i = 0; first + i * step <= last + step / 1e6; i++) {
    ticks.push(Number((first + i * step).toPrecision(12)));
  }
  return { domain: [first, ticks[ticks.length - 1] ?? last], ticks };
}
