import { describe, expect, it } from 'vitest';
import { evaluateInstant } from '../../mocks/promql/evaluate';
import { PromqlError } from '../../mocks/promql/errors';
import { at, series, store, valueAt, vectorAt } from '../support/promql-test-series';

const data = store(
  series({ __name__: 'errors', service: 'api', code: '500' }, [[0, 6]]),
  series({ __name__: 'errors', service: 'api', code: '503' }, [[0, 2]]),
  series({ __name__: 'errors', service: 'web', code: '500' }, [[0, 1]]),
  series({ __name__: 'requests', service: 'api' }, [[0, 40]]),
  series({ __name__: 'requests', service: 'web' }, [[0, 10]]),
  series({ __name__: 'build_info', service: 'api', version: 'v2' }, [[0, 1]]),
  series({ __name__: 'build_info', service: 'web', version: 'v1' }, [[0, 1]]),
  series({ __name__: 'limit', service: 'api' }, [[0, 30]]),
  series({ __name__: 'faults', service: 'api', code: '500' }, [[0, 3]]),
);

function errorOf(expr: string): PromqlError {
  try {
    evaluateInstant(expr, data, at(0));
  } catch (error) {
    if (error instanceof PromqlError) return error;
    throw error;
  }
  throw new Error(`${expr} did not fail`);
}

describe('arithmetic', () => {
  it('follows precedence and drops the metric name', () => {
    expect(valueAt('(1 + 2) * 3 - 4 / 8', data, 0)).toBe(8.5);
    expect(valueAt('2 ^ 3 ^ 2', data, 0)).toBe(512);
    expect(valueAt('-2 ^ 2', data, 0)).toBe(-4);
    expect(valueAt('7 % 3', data, 0)).toBe(1);
    expect(vectorAt('requests * 2 + 1', data, 0)).toEqual({
      '{service="api"}': 81,
      '{service="web"}': 21,
    });
    expect(vectorAt('-requests', data, 0)).toEqual({
      '{service="api"}': -40,
      '{service="web"}': -10,
    });
  });

  it('matches vectors one-to-one on all labels but the name', () => {
    expect(vectorAt('limit - requests', data, 0)).toEqual({ '{service="api"}': -10 });
  });

  it('divides by zero into Inf and NaN rather than failing', () => {
    expect(valueAt('1 / 0', data, 0)).toBe(Infinity);
    expect(valueAt('0 / 0', data, 0)).toBeNaN();
  });
});

describe('comparisons', () => {
  it('filter and keep the metric name', () => {
    expect(vectorAt('requests > 20', data, 0)).toEqual({ 'requests{service="api"}': 40 });
    expect(vectorAt('20 < requests', data, 0)).toEqual({ 'requests{service="api"}': 40 });
  });

  it('return 0 or 1 with bool, without the metric name', () => {
    expect(vectorAt('requests > bool 20', data, 0)).toEqual({
      '{service="api"}': 1,
      '{service="web"}': 0,
    });
    expect(valueAt('1 < bool 2', data, 0)).toBe(1);
  });

  it('between vectors keep the left-hand value', () => {
    expect(vectorAt('requests > limit', data, 0)).toEqual({ 'requests{service="api"}': 40 });
  });
});

describe('vector matching', () => {
  it('matches on the listed labels only with on()', () => {
    expect(vectorAt('sum by (service) (errors) / on(service) requests', data, 0)).toEqual({
      '{service="api"}': 0.2,
      '{service="web"}': 0.1,
    });
  });

  it('matches many-to-one with group_left and copies labels from the one side', () => {
    expect(vectorAt('errors / on(service) group_left(version) build_info', data, 0)).toEqual({
      '{code="500", service="api", version="v2"}': 6,
      '{code="503", service="api", version="v2"}': 2,
      '{code="500", service="web", version="v1"}': 1,
    });
    expect(vectorAt('errors / ignoring(code) group_left requests', data, 0)).toEqual({
      '{code="500", service="api"}': 0.15,
      '{code="503", service="api"}': 0.05,
      '{code="500", service="web"}': 0.1,
    });
  });

  it('matches one-to-many with group_right, the labels coming from the right', () => {
    expect(vectorAt('requests * on(service) group_right errors', data, 0)).toEqual({
      '{code="500", service="api"}': 240,
      '{code="503", service="api"}': 80,
      '{code="500", service="web"}': 10,
    });
  });

  it('refuses many-to-many matching', () => {
    const error = errorOf('requests + on(service) errors');
    expect(error.kind).toBe('execution');
    expect(error.message).toBe(
      'found duplicate series for the match group {service="api"} on the right hand-side of the operation: ' +
        '[{__name__="errors", code="503", service="api"}, {__name__="errors", code="500", service="api"}]' +
        ';many-to-many matching not allowed: matching labels must be unique on one side',
    );
  });

  it('refuses an implicit many-to-one match', () => {
    const error = errorOf('errors / on(service) requests');
    expect(error.kind).toBe('execution');
    expect(error.message).toBe(
      'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)',
    );
  });

  it('refuses group_left results that are not unique', () => {
    // errors and faults only differ by name, which the division drops.
    const error = errorOf(
      '{__name__=~"errors|faults", code="500"} / on(service) group_left requests',
    );
    expect(error.message).toBe(
      'multiple matches for matching labels in many-to-one matching: grouping labels must ensure unique results',
    );
  });
});

describe('set operators', () => {
  it('and keeps left elements with a match, or adds unmatched right ones, unless removes matches', () => {
    expect(vectorAt('requests and on(service) limit', data, 0)).toEqual({
      'requests{service="api"}': 40,
    });
    expect(vectorAt('limit or requests', data, 0)).toEqual({
      'limit{service="api"}': 30,
      'requests{service="web"}': 10,
    });
    expect(vectorAt('requests unless on(service) limit', data, 0)).toEqual({
      'requests{service="web"}': 10,
    });
  });
});
