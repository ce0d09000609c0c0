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

  it('reports a missing series, an extra point and a success against an error', () => {
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
  });

  it('requires the same error message, or the same start where Go’s wording cannot be matched', () => {
    const regexError = (error: string): ApiResponse => ({
      httpStatus: 400,
      body: { status: 'error', errorType: 'bad_data', error },
    });
    const go = regexError('1:4: parse error: error parsing regexp: missing closing ): `^(?:()$`');
    const js = regexError('1:4: parse error: error parsing regexp: Unterminated group');
    expect(firstDisagreement(go, go)).toBeUndefined();
    expect(firstDisagreement(go, js)).toBe(
      'error messages differ: Prometheus "1:4: parse error: error parsing regexp: missing closing ): `^(?:()$`", ' +
        'MSW "1:4: parse error: error parsing regexp: Unterminated group"',
    );
    const upToRegexp = { errorsAgreeUpTo: 'error parsing regexp: ' };
    expect(firstDisagreement(go, js, upToRegexp)).toBeUndefined();
    expect(
      firstDisagreement(go, regexError('1:5: parse error: error parsing regexp: x'), upToRegexp),
    ).toMatch(/^error messages differ/);
    expect(firstDisagreement(regexError('other'), js, upToRegexp)).toBe(
      'Prometheus\'s error "other" lacks "error parsing regexp: "',
    );
  });

  it('compares a body that is not JSON by its status and text', () => {
    const notAllowed: ApiResponse = {
      httpStatus: 405,
      body: { status: 'error', error: 'Method Not Allowed\n' },
    };
    expect(firstDisagreement(notAllowed, notAllowed)).toBeUndefined();
    expect(firstDisagreement(notAllowed, { ...notAllowed, httpStatus: 404 })).toMatch(
      /^Prometheus answered 405 : Method Not Allowed/,
    );
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
