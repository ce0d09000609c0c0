import { describe, expect, it } from 'vitest';
import { chartSamples } from '../../src/domain/chart-samples';
import { downsampleMinMax } from '../../src/domain/downsample';
import { markGaps } from '../../src/domain/gaps';
import type { TimeSeries } from '../../src/domain/series';

const times = Array.from({ length: 1000 }, (_, i) => i * 1000).filter(
  (t) => t < 400_000 || t > 420_000,
);
const answer: TimeSeries = {
  labels: { service: 'api' },
  times,
  values: times.map((t) => Math.sin(t)),
};
const drawing = { stepMs: 1000, startMs: 0, endMs: 999_000, widthPx: 100 };

describe('chartSamples', () => {
  it('is the answer with its gaps marked, reduced to min/max per pixel column', () => {
    expect(chartSamples(answer, drawing)).toEqual(
      downsampleMinMax(markGaps(answer, 1000), 0, 999_000, 100),
    );
  });

  it('gives the same samples again for the same answer drawn the same way', () => {
    expect(chartSamples(answer, drawing)).toBe(chartSamples(answer, { ...drawing }));
  });

  it('works them out again when the drawing changes', () => {
    const narrow = chartSamples(answer, drawing);
    const wide = chartSamples(answer, { ...drawing, widthPx: 300 });
    expect(wide).not.toBe(narrow);
    expect(wide.times.length).toBeGreaterThan(narrow.times.length);
  });
});
