import { describe, expect, it } from 'vitest';
import { valueAxis } from '../../src/domain/value-ticks';

describe('valueAxis', () => {
  it('puts ticks on round values from zero to just above the maximum', () => {
    expect(valueAxis(0.0001, 0.034, 5, 'percentunit')).toEqual({
      domain: [0, 0.04],
      ticks: [0, 0.01, 0.02, 0.03, 0.04],
    });
    expect(valueAxis(0, 183, 5, 'reqps').ticks).toEqual([0, 50, 100, 150, 200]);
  });

  it('uses whole minutes and hours for long durations', () => {
    expect(valueAxis(0, 14_000, 5, 'seconds').ticks).toEqual([0, 3600, 7200, 10800, 14400]);
    expect(valueAxis(0, 2.2, 5, 'seconds').ticks).toEqual([0, 1, 2, 3]);
  });

  it('goes below zero only when the data does', () => {
    expect(valueAxis(-3, 7, 5, 'count').domain).toEqual([-5, 7.5]);
  });

  it('gives a usable axis for flat or missing data', () => {
    expect(valueAxis(0, 0, 5, 'count').ticks.length).toBeGreaterThan(1);
    expect(valueAxis(Number.NaN, Number.NaN, 5, 'count').ticks.length).toBeGreaterThan(1);
  });
});
