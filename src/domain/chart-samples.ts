import { downsampleMinMax } from './downsample';
import { markGaps } from './gaps';
import type { TimeSeries } from './series';

/** How a series is drawn: its step (for gaps), the range and the plot's width in pixels. */
interface Drawing {
  readonly stepMs: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly widthPx: number;
}

const prepared = new WeakMap<TimeSeries, { drawing: Drawing; samples: TimeSeries }>();

const sameDrawing = (a: Drawing, b: Drawing) =>
  a.stepMs === b.stepMs &&
  a.startMs === b.startMs &&
  a.endMs === b.endMs &&
  a.widthPx === b.widthPx;

/**
 * The samples a chart draws for one answered series: gaps marked as breaks, then min/max per
 * pixel column. Kept per answer, so a render that changes nothing but the clock or the page
 * around the chart does not walk every sample again.
 */
export function chartSamples(series: TimeSeries, drawing: Drawing): TimeSeries {
  const cached = prepared.get(series);
  if (cached && sameDrawing(cached.drawing, drawing)) return cached.samples;
  const samples = downsampleMinMax(
    markGaps(series, drawing.stepMs),
    drawing.startMs,
    drawing.endMs,
    drawing.widthPx,
  );
  prepared.set(series, { drawing, samples });
  return samples;
}
