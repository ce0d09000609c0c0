import { describe, expect, it } from 'vitest';
import { bucketQuantile } from '../../mocks/promql/histogram';
import { series, store, valueAt, vectorAt } from '../support/promql-test-series';

const buckets = (counts: Record<string, number>, labels: Record<string, string> = {}) =>
  Object.entries(counts).map(([le, count]) =>
    series({ __name__: 'latency_seconds_bucket', ...labels, le }, [[0, count]]),
  );

describe('histogram_quantile', () => {
  const data = store(...buckets({ '0.1': 10, '0.5': 30, '1': 40, '+Inf': 40 }));

  it('interpolates linearly inside the bucket that holds the rank', () => {
    // Rank 20 falls in (0.1, 0.5], which holds observations 10…30.
    expect(valueAt('histogram_quantile(0.5, latency_seconds_bucket)', data, 0)).toBeCloseTo(
      0.3,
      15,
    );
    expect(valueAt('histogram_quantile(0.99, latency_seconds_bucket)', data, 0)).toBeCloseTo(
      0.98,
      15,
    );
    expect(valueAt('histogram_quantile(0, latency_seconds_bucket)', data, 0)).toBe(0);
  });

  it('answers with the highest finite bound when the rank falls in the +Inf bucket', () => {
    expect(
      bucketQuantile(0.9, [
        { upperBound: 1, count: 40 },
        { upperBound: Infinity, count: 50 },
      ]),
    ).toBe(1);
  });

  it('is NaN without a +Inf bucket, with a single bucket, or without observations', () => {
    expect(
      bucketQuantile(0.5, [
        { upperBound: 0.1, count: 1 },
        { upperBound: 1, count: 2 },
      ]),
    ).toBeNaN();
    expect(bucketQuantile(0.5, [{ upperBound: Infinity, count: 2 }])).toBeNaN();
    expect(
      bucketQuantile(0.5, [
        { upperBound: 1, count: 0 },
        { upperBound: Infinity, count: 0 },
      ]),
    ).toBeNaN();
  });

  it('is -Inf below quantile 0 and +Inf above 1', () => {
    expect(valueAt('histogram_quantile(-1, latency_seconds_bucket)', data, 0)).toBe(-Infinity);
    expect(valueAt('histogram_quantile(2, latency_seconds_bucket)', data, 0)).toBe(Infinity);
  });

  it('raises counts that drop below an earlier bucket (rate noise) before interpolating', () => {
    const dip = [
      { upperBound: 0.1, count: 10 },
      { upperBound: 0.5, count: 8 },
      { upperBound: 1, count: 40 },
      { upperBound: Infinity, count: 40 },
    ];
    // With 0.5 raised to 10, rank 10 ends in the first bucket.
    expect(bucketQuantile(0.25, dip)).toBe(0.1);
  });

  it('computes one quantile per label set without le and drops the metric name', () => {
    const two = store(
      ...buckets({ '0.1': 1, '1': 2, '+Inf': 2 }, { service: 'api' }),
      ...buckets({ '0.1': 0, '1': 4, '+Inf': 4 }, { service: 'web' }),
    );
    expect(vectorAt('histogram_quantile(0.5, latency_seconds_bucket)', two, 0)).toEqual({
      '{service="api"}': 0.1,
      '{service="web"}': 0.55,
    });
  });

  it('skips series without a numeric le', () => {
    const odd = store(...buckets({ '0.1': 1, '+Inf': 2, nonsense: 5 }));
    expect(valueAt('histogram_quantile(0.5, latency_seconds_bucket)', odd, 0)).toBe(0.1);
  });
});
