import { describe, expect, it } from 'vitest';
import { MAX_POINTS_PER_SERIES, alignRange, chooseStepSeconds } from '../../src/domain/step';

const HOUR = 3_600_000;
const start = Date.UTC(2024, 0, 29, 18, 0, 7);

function points(startMs: number, endMs: number, stepSeconds: number): number {
  return Math.floor((endMs - startMs) / (stepSeconds * 1000)) + 1;
}

describe('chooseStepSeconds', () => {
  it('asks for no more points than the plot has pixels', () => {
    const range = { startMs: start, endMs: start + 6 * HOUR };
    const step = chooseStepSeconds({ range, widthPx: 800, scrapeIntervalSeconds: 15 });
    expect((6 * 3600) / step).toBeLessThanOrEqual(800);
    expect(step).toBe(30);
  });

  it('never goes below the scrape interval', () => {
    const range = { startMs: start, endMs: start + 10 * 60_000 };
    expect(chooseStepSeconds({ range, widthPx: 2000, scrapeIntervalSeconds: 15 })).toBe(15);
    expect(chooseStepSeconds({ range, widthPx: 2000, scrapeIntervalSeconds: 30 })).toBe(30);
  });

  it('stays under the 11,000-point limit even for a very wide plot', () => {
    const range = { startMs: start, endMs: start + 90 * 24 * HOUR };
    const step = chooseStepSeconds({ range, widthPx: 100_000, scrapeIntervalSeconds: 1 });
    const aligned = alignRange(range, step);
    expect(points(aligned.startMs, aligned.endMs, step)).toBeLessThanOrEqual(MAX_POINTS_PER_SERIES);
  });
});

describe('alignRange', () => {
  it('rounds start and end down to multiples of the step, never past the end asked for', () => {
    const aligned = alignRange({ startMs: start, endMs: start + HOUR }, 60);
    expect(aligned.startMs % 60_000).toBe(0);
    expect(aligned.endMs % 60_000).toBe(0);
    expect(aligned.startMs).toBeLessThanOrEqual(start);
    expect(aligned.endMs).toBeLessThanOrEqual(start + HOUR);
    expect(aligned.endMs).toBeGreaterThan(start + HOUR - 60_000);
  });

  it('gives the same range for clocks a few seconds apart, so the cache hits', () => {
    const a = alignRange({ startMs: start, endMs: start + HOUR }, 60);
    const b = alignRange({ startMs: start + 20_000, endMs: start + HOUR + 20_000 }, 60);
    expect(b).toEqual(a);
  });
});
