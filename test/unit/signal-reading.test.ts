import { describe, expect, it } from 'vitest';
import { worstReading } from '../../src/domain/signal-reading';

const T = Date.parse('2024-01-30T00:00:00Z');
const S = 30_000;

describe('the worst reading of a signal', () => {
  it('is the highest value at the newest time, with the series that holds it', () => {
    const reading = worstReading([
      { labels: { service: 'api' }, times: [T, T + S, T + 2 * S], values: [0.01, 0.02, 0.03] },
      { labels: { service: 'web' }, times: [T, T + S, T + 2 * S], values: [0.5, 0.4, 0.2] },
    ]);
    expect(reading.value).toBe(0.2);
    expect(reading.atMs).toBe(T + 2 * S);
    expect(reading.labels).toEqual({ service: 'web' });
    expect(reading.trend.times).toEqual([T, T + S, T + 2 * S]);
    expect(reading.trend.values).toEqual([0.5, 0.4, 0.2]);
  });

  it('ignores a series that stopped before the newest time for "now", not for the trend', () => {
    const reading = worstReading([
      { labels: { service: 'gone' }, times: [T], values: [9] },
      { labels: { service: 'api' }, times: [T, T + S], values: [1, 2] },
    ]);
    expect(reading.value).toBe(2);
    expect(reading.labels).toEqual({ service: 'api' });
    expect(reading.trend.values).toEqual([9, 2]);
  });

  it('skips NaN samples and keeps +Inf, the highest of all', () => {
    const reading = worstReading([
      { labels: { a: '1' }, times: [T, T + S], values: [Number.NaN, Infinity] },
      { labels: { a: '2' }, times: [T, T + S], values: [1, 2] },
    ]);
    expect(reading.trend.values).toEqual([1, Infinity]);
    expect(reading.value).toBe(Infinity);
  });

  it('reads nothing from no series', () => {
    expect(worstReading([])).toEqual({
      value: null,
      atMs: null,
      labels: null,
      trend: { labels: {}, times: [], values: [] },
    });
  });
});
