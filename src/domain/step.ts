import type { AbsoluteRange } from './time-range';

/** Prometheus refuses range queries with more points per series than this. */
export const MAX_POINTS_PER_SERIES = 11_000;

/**
 * Steps we round up to. A small fixed set keeps query keys, Prometheus's results cache and
 * proxies' caches hitting while a relative range slides or the window is resized slightly.
 */
const NICE_STEPS_SECONDS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
];

export interface StepRequest {
  readonly range: AbsoluteRange;
  /** Width of the plot area in CSS pixels: one point per pixel is all a chart can show. */
  readonly widthPx: number;
  readonly scrapeIntervalSeconds: number;
}

export interface AlignedQueryRange {
  readonly startMs: number;
  readonly endMs: number;
  readonly stepSeconds: number;
}

/** The step for a range query: one point per pixel at most, never finer than a scrape. */
export function chooseStepSeconds({ range, widthPx, scrapeIntervalSeconds }: StepRequest): number {
  const spanSeconds = Math.max(1, (range.endMs - range.startMs) / 1000);
  const perPixel = spanSeconds / Math.max(1, Math.floor(widthPx));
  // One point of slack: aligning the start down adds at most one step.
  const wanted = Math.max(
    perPixel,
    scrapeIntervalSeconds,
    spanSeconds / (MAX_POINTS_PER_SERIES - 1),
  );
  const nice = NICE_STEPS_SECONDS.find((step) => step >= wanted);
  return nice ?? Math.ceil(wanted / 86400) * 86400;
}

/**
 * Start and end rounded down to multiples of the step, so repeated queries over a sliding
 * window ask for the same evaluation timestamps and the same cache keys. The end is rounded
 * down, not up: a point evaluated after the newest sample would show a half-empty `rate()`
 * window as a false drop at the right edge of a live chart.
 */
export function alignRange(range: AbsoluteRange, stepSeconds: number): AlignedQueryRange {
  const stepMs = stepSeconds * 1000;
  const startMs = Math.floor(range.startMs / stepMs) * stepMs;
  const endMs = Math.max(startMs, Math.floor(range.endMs / stepMs) * stepMs);
  return { startMs, endMs, stepSeconds };
}
