import { describe, expect, it } from 'vitest';
import { firstDisagreement, valuesAgree } from '../support/api-agreement';
import type { ApiResponse } from '../support/prometheus-api';

function matrix(
  ...series: { metric: Record<string, string>; values: [number, string][] }[]
): ApiResponse {
  return {
    httpStatus: 200,
    body: { status: 'success', data: { resultType: 'matrix', result: series } },
  };
}

const up = { __name__: 'up', job: 'api' };

describe('comparing Prometheus and MSW answers', () => {
  it('treats NaN as equal to NaN and infinities only as themselves', () => {
    expect(valuesAgree(NaN, NaN)).toBe(true);
    expect(valuesAgree(NaN, 0)).toBe(false);
    expect(valuesAgree(Infinity, Infinity)).toBe(true);
    expect(valuesAgree(Infinity, Number.MAX_VALUE)).toBe(false);
  });

  it('accepts a relative difference of 1e-9 and an absolute one of 1e-12, nothing more', () => {
    expect(valuesAgree(1000, 1000 * (1 + 5e-10))).toBe(true);
    expect(valuesAgree(1000, 1000 * (1 + 5e-9))).toBe(false);
    expect(valuesAgree(0, 5e-13)).toBe(true);
    expect(valuesAgree(0, 5e-12)).toBe(false);
  });

  it('agrees on the same series in another order', () => {
    const a = { metric: up, values: [[1, '1']] as [number, string][] };
    const b = { metric: { ...up, job: 'web' }, values: [[1, '+Inf']] as [number, string][] };
    expect(firstDisagreement(matrix(a, b), matrix(b, a))).toBeUndefined();
  });

  it('names the series, time and both values of the first differing point', () => {
    const want = matrix({
      metric: up,
      values: [
        [1706572800, '1'],
        [1706572815, '0.5'],
      ],
    });
    const got = matrix({
      metric: up,
      values: [
        [1706572800, '1'],
        [1706572815, '0.25'],
      ],
    });
    expect(firstDisagreement(want, got)).toBe(
      'series {__name__="up", job="api"}: at 2024-01-30T00:00:15.000Z (1706572815): Prometheus 0.5, MSW 0.25',
    );
  });

  it('reports a missing series, an extra point and a different error', () => {
    expect(firstDisagreement(matrix({ metric: up, values: [] }), matrix())).toMatch(
      /^MSW lacks series \{__name__="up", job="api"\}/,
    );
    expect(
      firstDisagreement(
        matrix({ metric: up, values: [] }),
        matrix({ metric: up, values: [[1, '2']] }),
      ),
    ).toMatch(/MSW has an extra point at 1970-01-01T00:00:01.000Z/);
    const badData: ApiResponse = {
      httpStatus: 400,
      body: { status: 'error', errorType: 'bad_data', error: 'unsupported' },
    };
    expect(firstDisagreement(matrix(), badData)).toBe(
      'Prometheus answered success (200), MSW 400 bad_data: unsupported',
    );
    expect(
      firstDisagreement(badData, { ...badData, body: { ...badData.body, error: 'other words' } }),
    ).toBeUndefined();
  });

  it('requires label names in the same order but series in any order', () => {
    const list = (data: unknown): ApiResponse => ({
      httpStatus: 200,
      body: { status: 'success', data },
    });
    expect(firstDisagreement(list(['a', 'b']), list(['b', 'a']))).toMatch(/another order/);
    expect(firstDisagreement(list([up, { job: 'x' }]), list([{ job: 'x' }, up]))).toBeUndefined();
    expect(firstDisagreement(list(['a', 'b']), list(['a']))).toBe(
      'MSW lacks "b" (Prometheus has 2 entries, MSW 1)',
    );
  });
});
