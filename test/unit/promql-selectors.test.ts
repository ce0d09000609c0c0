import { describe, expect, it } from 'vitest';
import { evaluateInstant } from '../../mocks/promql/evaluate';
import {
  at,
  every,
  matrixOver,
  series,
  store,
  T0,
  valueAt,
  vectorAt,
} from '../support/promql-test-series';

const data = store(
  series({ __name__: 'http_requests_total', service: 'api', code: '200' }, every(15, 0, [1, 2, 3])),
  series({ __name__: 'http_requests_total', service: 'api', code: '500' }, every(15, 0, [4, 5, 6])),
  series({ __name__: 'http_requests_total', service: 'web', code: '503' }, every(15, 0, [7, 8, 9])),
  series({ __name__: 'up', job: 'node' }, every(15, 0, [1, 1, 1])),
);

describe('vector selectors', () => {
  it('selects by metric name and every kind of matcher', () => {
    expect(vectorAt('http_requests_total{code="500"}', data, 30)).toEqual({
      'http_requests_total{code="500", service="api"}': 6,
    });
    expect(Object.keys(vectorAt('http_requests_total{code!="500"}', data, 30))).toHaveLength(2);
    expect(Object.keys(vectorAt('http_requests_total{code=~"5.."}', data, 30))).toEqual([
      'http_requests_total{code="500", service="api"}',
      'http_requests_total{code="503", service="web"}',
    ]);
    expect(
      Object.keys(vectorAt('http_requests_total{code!~"5.*",service=~"a.*"}', data, 30)),
    ).toEqual(['http_requests_total{code="200", service="api"}']);
  });

  it('anchors regexes at both ends', () => {
    expect(vectorAt('http_requests_total{code=~"50"}', data, 30)).toEqual({});
    expect(
      Object.keys(vectorAt('{__name__=~"up|http_requests_total", service=~"web|"}', data, 30)),
    ).toEqual(['http_requests_total{code="503", service="web"}', 'up{job="node"}']);
  });

  it('treats a missing label as empty', () => {
    expect(Object.keys(vectorAt('{__name__=~".+", job=""}', data, 30))).toHaveLength(3);
  });

  it('returns the newest sample at or before the evaluation time, stamped with that time', () => {
    const result = evaluateInstant('up', data, at(20));
    expect(result).toEqual({
      resultType: 'vector',
      result: [{ metric: { __name__: 'up', job: 'node' }, value: [(T0 + 20_000) / 1000, '1'] }],
    });
  });

  it('keeps an absent series at its last value for exactly 5 minutes (no staleness markers)', () => {
    // The last sample is at 30 s.
    expect(valueAt('up', data, 30 + 300)).toBe(1);
    expect(evaluateInstant('up', data, at(30 + 300) + 1)).toEqual({
      resultType: 'vector',
      result: [],
    });
  });

  it('shifts the evaluation time back with offset, and forward with a negative offset', () => {
    expect(valueAt('up offset 1m', data, 60)).toBe(1);
    expect(valueAt('http_requests_total{code="200"} offset 15s', data, 30)).toBe(2);
    expect(valueAt('http_requests_total{code="200"} offset -15s', data, 0)).toBe(2);
    expect(vectorAt('up offset 1m', data, 59)).toEqual({});
  });
});

describe('range selectors', () => {
  it('return the raw samples of the range, its start included', () => {
    const result = evaluateInstant('http_requests_total{code="200"}[15s]', data, at(30));
    expect(result).toEqual({
      resultType: 'matrix',
      result: [
        {
          metric: { __name__: 'http_requests_total', code: '200', service: 'api' },
          values: [
            [(T0 + 15_000) / 1000, '2'],
            [(T0 + 30_000) / 1000, '3'],
          ],
        },
      ],
    });
  });
});

describe('range queries', () => {
  it('evaluate at start + k·step up to end, without aligning the start', () => {
    expect(matrixOver('up', data, 7, 67, 30)).toEqual({
      'up{job="node"}': [
        [7, 1],
        [37, 1],
        [67, 1],
      ],
    });
    expect(matrixOver('up', data, 7, 66, 30)).toEqual({
      'up{job="node"}': [
        [7, 1],
        [37, 1],
      ],
    });
  });

  it('leave out the steps where a series has no sample in the lookback window', () => {
    expect(matrixOver('up', data, -60, 400, 100)).toEqual({
      'up{job="node"}': [
        [40, 1],
        [140, 1],
        [240, 1],
      ],
    });
  });

  it('return a scalar as one series without labels', () => {
    expect(matrixOver('time() - 1706572800', data, 0, 20, 10)).toEqual({
      '{}': [
        [0, 0],
        [10, 10],
        [20, 20],
      ],
    });
  });

  it('sort the series by their labels', () => {
    expect(Object.keys(matrixOver('http_requests_total', data, 0, 30, 15))).toEqual([
      'http_requests_total{code="200", service="api"}',
      'http_requests_total{code="500", service="api"}',
      'http_requests_total{code="503", service="web"}',
    ]);
  });
});
