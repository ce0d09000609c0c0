import { mulberry32 } from '../../../mocks/scenario/random';
import { plotWidthOf } from '../../../src/ui/TimeSeriesChart';
import { alignRange, chooseStepSeconds } from '../../../src/domain/step';
import type { TimeSeries } from '../../../src/domain/series';

export interface BenchShape {
  readonly panels: number;
  readonly seriesPerPanel: number;
  readonly chartWidth: number;
  /** The range shown, ending at `endMs`. */
  readonly rangeMs: number;
  readonly endMs: number;
  readonly scrapeSeconds: number;
  readonly seed: number;
}

export interface BenchPanelData {
  readonly startMs: number;
  readonly endMs: number;
  readonly stepMs: number;
  readonly series: readonly TimeSeries[];
}

/**
 * What a dashboard would be answered for this shape: the step the app picks for the chart's
 * width, and per series a random walk on that grid with a hole now and then (Prometheus leaves
 * out the steps a series has no data for).
 */
export function benchData(shape: BenchShape): BenchPanelData[] {
  const random = mulberry32(shape.seed);
  const range = { startMs: shape.endMs - shape.rangeMs, endMs: shape.endMs };
  const stepSeconds = chooseStepSeconds({
    range,
    widthPx: plotWidthOf(shape.chartWidth),
    scrapeIntervalSeconds: shape.scrapeSeconds,
  });
  const aligned = alignRange(range, stepSeconds);
  const stepMs = stepSeconds * 1000;
  return Array.from({ length: shape.panels }, () => ({
    startMs: aligned.startMs,
    endMs: aligned.endMs,
    stepMs,
    series: Array.from({ length: shape.seriesPerPanel }, (_, index) => {
      const times: number[] = [];
      const values: number[] = [];
      let value = 10 + index * 5;
      let holeLeft = 0;
      for (let t = aligned.startMs; t <= aligned.endMs; t += stepMs) {
        if (holeLeft > 0) {
          holeLeft--;
          continue;
        }
        if (random() < 0.002) holeLeft = 5 + Math.floor(random() * 20);
        value = Math.max(0, value + (random() - 0.5) * 2 + (random() < 0.003 ? 30 : 0));
        times.push(t);
        values.push(value);
      }
      return { labels: { instance: `node-${String(index)}` }, times, values };
    }),
  }));
}

/** The same panels a refresh later: the range slid by `steps` steps, new samples at the end. */
export function slid(panels: readonly BenchPanelData[], steps: number, seed: number) {
  const random = mulberry32(seed);
  return panels.map((panel) => {
    const shiftMs = steps * panel.stepMs;
    const startMs = panel.startMs + shiftMs;
    const endMs = panel.endMs + shiftMs;
    return {
      ...panel,
      startMs,
      endMs,
      series: panel.series.map((one) => {
        const keep = one.times.findIndex((t) => t >= startMs);
        const times = one.times.slice(keep < 0 ? one.times.length : keep);
        const values = one.values.slice(keep < 0 ? one.values.length : keep);
        let value = values[values.length - 1] ?? 10;
        for (let t = panel.endMs + panel.stepMs; t <= endMs; t += panel.stepMs) {
          value = Math.max(0, value + (random() - 0.5) * 2);
          times.push(t);
          values.push(value);
        }
        return { labels: one.labels, times, values };
      }),
    };
  });
}
