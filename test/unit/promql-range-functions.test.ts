import { describe, expect, it } from 'vitest';
import { every, series, store, valueAt, vectorAt } from '../support/promql-test-series';

// A counter scraped every 15 s from T0, growing by 10 per scrape: 2/3 per second.
const steady = store(
  series(
    { __name__: 'requests_total', job: 'api' },
    every(15, 0, [0, 10, 20, 30, 40, 50, 60, 70, 80, 90]),
  ),
);

describe('rate, increase and delta', () => {
  it('counts a sample exactly at the start of the range, as Prometheus 2.42 does', () => {
    // [60 s, 120 s] holds the samples at 60, 75, 90, 105 and 120 s: 40 → 80.
    expect(valueAt('increase(requests_total[1m])', steady, 120)).toBe(40);
    expect(valueAt('rate(requests_total[1m])', steady, 120)).toBeCloseTo(40 / 60, 15);
  });

  it('extrapolates to the range edges when the samples come close to them', () => {
    // [70 s, 130 s]: samples at 75…120 (50 → 80), 5 s from the start, 10 s from the end,
    // both under 1.1 × the 15 s spacing, so 30 over 45 s extrapolates to 60 s.
    expect(valueAt('increase(requests_total[1m])', steady, 130)).toBeCloseTo(40, 12);
    expect(valueAt('rate(requests_total[1m])', steady, 130)).toBeCloseTo(2 / 3, 15);
  });

  it('adds the value before a counter reset', () => {
    const reset = store(series({ __name__: 'c_total' }, every(15, 0, [0, 10, 20, 30, 5, 15])));
    // 0 → 30, reset, 5 → 15: 30 + 15 = 45 over exactly the range.
    expect(valueAt('increase(c_total[75s])', reset, 75)).toBe(45);
    expect(valueAt('resets(c_total[75s])', reset, 75)).toBe(1);
  });

  it('extrapolates only half a scrape interval before a series that starts inside the range', () => {
    const late = store(series({ __name__: 'c_total' }, every(15, 100, [50, 60, 70, 80, 90])));
    // [40 s, 160 s]: 40 over 60 s of samples; 60 s before the first sample is too far, so
    // 7.5 s (half the spacing) is added: 40 × 67.5 / 60.
    expect(valueAt('increase(c_total[2m])', late, 160)).toBe(45);
  });

  it('does not extrapolate a counter below zero', () => {
    const fresh = store(series({ __name__: 'c_total' }, every(15, 100, [2, 12, 22, 32, 42])));
    // The counter would reach 0 3 s before its first sample: 40 × 63 / 60.
    expect(valueAt('increase(c_total[2m])', fresh, 160)).toBe(42);
  });

  it('has no value with fewer than two samples in the range', () => {
    expect(vectorAt('rate(requests_total[10s])', steady, 130)).toEqual({});
  });

  it('extrapolates gauges without counter handling in delta', () => {
    const gauge = store(series({ __name__: 'queue' }, every(15, 0, [10, 4, 6, 1, 3])));
    // -7 between the samples at 0 and 60 s, exactly the range.
    expect(valueAt('delta(queue[1m])', gauge, 60)).toBe(-7);
  });

  it('drops the metric name', () => {
    expect(vectorAt('rate(requests_total[1m])', steady, 120)).toEqual({ '{job="api"}': 40 / 60 });
  });
});

describe('irate, changes and resets', () => {
  const counter = store(
    series({ __name__: 'c_total' }, [
      [0, 5],
      [15, 8],
      [20, 2],
      [30, 2],
      [45, 7],
    ]),
  );

  it('irate uses the last two samples, and the last value alone after a reset', () => {
    expect(valueAt('irate(c_total[1m])', counter, 45)).toBeCloseTo(5 / 15, 15);
    expect(valueAt('irate(c_total[1m])', counter, 25)).toBeCloseTo(2 / 5, 15);
  });

  it('changes counts value changes and resets counts decreases', () => {
    expect(valueAt('changes(c_total[1m])', counter, 45)).toBe(3);
    expect(valueAt('resets(c_total[1m])', counter, 45)).toBe(1);
  });
});

describe('*_over_time', () => {
  const gauge = store(series({ __name__: 'depth', queue: 'q1' }, every(15, 0, [4, 8, 1, 7])));

  it('aggregates every sample in the range', () => {
    expect(valueAt('avg_over_time(depth[1m])', gauge, 45)).toBe(5);
    expect(valueAt('sum_over_time(depth[1m])', gauge, 45)).toBe(20);
    expect(valueAt('min_over_time(depth[1m])', gauge, 45)).toBe(1);
    expect(valueAt('max_over_time(depth[1m])', gauge, 45)).toBe(8);
    expect(valueAt('count_over_time(depth[1m])', gauge, 45)).toBe(4);
    expect(valueAt('last_over_time(depth[1m])', gauge, 45)).toBe(7);
  });

  it('keeps the metric name only for last_over_time', () => {
    expect(Object.keys(vectorAt('last_over_time(depth[1m])', gauge, 45))).toEqual([
      'depth{queue="q1"}',
    ]);
    expect(Object.keys(vectorAt('max_over_time(depth[1m])', gauge, 45))).toEqual(['{queue="q1"}']);
  });

  it('sums with compensation like 2.42, so small values are not lost next to large ones', () => {
    const mixed = store(series({ __name__: 'g' }, every(15, 0, [1e16, 1, 1, -1e16])));
    expect(valueAt('sum_over_time(g[1m])', mixed, 45)).toBe(2);
  });

  it('uses the offset window', () => {
    expect(valueAt('max_over_time(depth[20s] offset 30s)', gauge, 45)).toBe(8);
  });
});
