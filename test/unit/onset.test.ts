import { describe, expect, it } from 'vitest';
import { DEFAULT_ONSET_OPTIONS, detectOnset, type OnsetOptions } from '../../src/domain/onset';
import { excursion, HOUR, MIN, synthetic, T0 } from '../support/synthetic-series';

const options: OnsetOptions = { ...DEFAULT_ONSET_OPTIONS, fromMs: T0 - 2 * HOUR, absoluteFloor: 0 };

describe('detectOnset', () => {
  it('dates a jump at the first sample that shows it', () => {
    const series = synthetic({ level: excursion(100, 400, T0 + 19 * MIN + 10_000) });
    const onset = detectOnset(series, options);
    expect(onset?.onsetMs).toBe(T0 + 19 * MIN + 30_000);
    expect(onset?.direction).toBe('up');
    expect(onset?.baseline).toBeCloseTo(100, -1);
    expect(onset?.peak).toBeGreaterThan(380);
  });

  it('dates a slow ramp where it starts, not where it crosses the threshold', () => {
    // +25 % of the level is only reached after 10 of the ramp's 40 minutes.
    const series = synthetic({ level: excursion(100, 200, T0, 40 * MIN) });
    const onset = detectOnset(series, options);
    expect(onset).not.toBeNull();
    expect(onset?.detectedMs).toBeGreaterThan(T0 + 8 * MIN);
    expect(Math.abs((onset?.onsetMs ?? 0) - T0)).toBeLessThanOrEqual(2 * MIN);
  });

  it('finds no onset in noise alone', () => {
    for (const seed of ['a', 'b', 'c', 'd', 'e']) {
      expect(detectOnset(synthetic({ level: () => 50, noise: 0.08, seed }), options)).toBeNull();
    }
  });

  it('finds no onset in a daily traffic cycle', () => {
    // ±35 % over the day, peaking at 22:00 UTC, sampled for two days.
    const daily = (t: number) => 100 * (1 + 0.35 * Math.cos((2 * Math.PI * (t / HOUR - 22)) / 24));
    const series = synthetic({ level: daily, fromMs: T0 - 24 * HOUR, toMs: T0 + 24 * HOUR });
    expect(detectOnset(series, { ...options, fromMs: T0 - 23 * HOUR })).toBeNull();
  });

  it('needs an excursion to last: a spike of a few minutes is no onset', () => {
    const series = synthetic({ level: excursion(100, 500, T0, 0, T0 + 3 * MIN) });
    expect(detectOnset(series, options)).toBeNull();
  });

  it('counts an excursion that lasts just over the persistence time', () => {
    const series = synthetic({ level: excursion(100, 500, T0, 0, T0 + 7 * MIN) });
    expect(detectOnset(series, options)?.onsetMs).toBe(T0);
  });

  it('dates the recovery where the series is back and stays back', () => {
    const series = synthetic({ level: excursion(100, 500, T0, 0, T0 + 30 * MIN) });
    const onset = detectOnset(series, options);
    expect(onset?.recoveryMs).toBe(T0 + 30 * MIN);
  });

  it('has no recovery while the series is still out at the end of the data', () => {
    const series = synthetic({ level: excursion(100, 500, T0) });
    expect(detectOnset(series, options)?.recoveryMs).toBeNull();
  });

  it('finds drops as well as rises', () => {
    const onset = detectOnset(synthetic({ level: excursion(100, 20, T0) }), options);
    expect(onset?.direction).toBe('down');
    expect(onset?.onsetMs).toBe(T0);
  });

  it('does not count a change smaller than the floor, however quiet the series', () => {
    // 0.1 % of errors going to 0.3 %: many spreads of a quiet series, but under half a point.
    const series = synthetic({ level: excursion(0.001, 0.003, T0), noise: 0.01 });
    expect(detectOnset(series, { ...options, absoluteFloor: 0.005 })).toBeNull();
    expect(detectOnset(series, { ...options, absoluteFloor: 0 })?.onsetMs).toBe(T0);
  });

  it('sees a series that sits at zero leave it', () => {
    const series = synthetic({ level: excursion(0, 3, T0) });
    expect(detectOnset(series, { ...options, absoluteFloor: 0.05 })?.onsetMs).toBe(T0);
  });

  it('looks for onsets from fromMs on: the samples before it only make the baseline', () => {
    const series = synthetic({ level: excursion(100, 500, T0 - 3 * HOUR + 70 * MIN) });
    expect(detectOnset(series, { ...options, fromMs: T0 })).toBeNull();
  });

  it('needs a baseline: a series that starts with the excursion has no onset', () => {
    const series = synthetic({ level: excursion(100, 500, T0), fromMs: T0 - 10 * MIN });
    expect(detectOnset(series, { ...options, fromMs: T0 - 10 * MIN })).toBeNull();
  });

  it('reads across a hole in the data', () => {
    const series = synthetic({
      level: excursion(100, 500, T0),
      holes: [[T0 + 2 * MIN, T0 + 4 * MIN]],
    });
    expect(detectOnset(series, options)?.onsetMs).toBe(T0);
  });

  it('skips values that are not numbers (0/0 with no traffic)', () => {
    const series = synthetic({ level: excursion(100, 500, T0) });
    const values = series.values.map((v, i) => (i % 7 === 0 ? Number.NaN : v));
    expect(detectOnset({ ...series, values }, options)?.onsetMs).toBe(T0);
  });
});
