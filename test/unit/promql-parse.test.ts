import { describe, expect, it } from 'vitest';
import { evaluateInstant, evaluateRange } from '../../mocks/promql/evaluate';
import { PromqlError } from '../../mocks/promql/errors';
import { at, series, store, valueAt, vectorAt } from '../support/promql-test-series';

const data = store(series({ __name__: 'up', job: 'node' }, [[0, 1]]));

function failure(run: () => unknown): { kind: string; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof PromqlError) return { kind: error.kind, message: error.message };
    throw error;
  }
  throw new Error('the query did not fail');
}

const instantFailure = (expr: string) => failure(() => evaluateInstant(expr, data, at(0)));

describe('literals', () => {
  it('reads numbers the way Prometheus 2.42 does', () => {
    expect(valueAt('0x10', data, 0)).toBe(16);
    expect(valueAt('010', data, 0)).toBe(8);
    expect(valueAt('1e3 + .5', data, 0)).toBe(1000.5);
    expect(valueAt('Inf', data, 0)).toBe(Infinity);
    expect(valueAt('-inf', data, 0)).toBe(-Infinity);
    expect(valueAt('NaN', data, 0)).toBeNaN();
  });

  it('unquotes strings with Go escapes in all three quote styles', () => {
    expect(evaluateInstant('"a\\tb\\u00e9"', data, at(0))).toEqual({
      resultType: 'string',
      result: [at(0) / 1000, 'a\tbé'],
    });
    expect(vectorAt("up{job='node'}", data, 0)).toEqual({ 'up{job="node"}': 1 });
    expect(vectorAt('up{job=`no.e`}', data, 0)).toEqual({});
    expect(vectorAt('up{job=~`no.e`}', data, 0)).toEqual({ 'up{job="node"}': 1 });
  });

  it('ignores comments and is case-insensitive for keywords', () => {
    expect(vectorAt('SUM BY (job) (up) # total', data, 0)).toEqual({ '{job="node"}': 1 });
  });
});

describe('queries Prometheus 2.42 rejects', () => {
  it.each([
    ['sum(up', '1:7: parse error: unclosed left parenthesis'],
    ['nope(up)', '1:1: parse error: unknown function with name "nope"'],
    ['1 == 1', '1:3: parse error: comparisons between scalars must use BOOL modifier'],
    ['up + bool up', '1:4: parse error: bool modifier can only be used on comparison operators'],
    [
      'rate(up)',
      '1:6: parse error: expected type range vector in call to function "rate", got instant vector',
    ],
    ['abs(up, up)', '1:1: parse error: expected 1 argument(s) in call to "abs", got 2'],
    [
      'sum(up, up)',
      '1:1: parse error: wrong number of arguments for aggregate expression provided, expected 1, got 2',
    ],
    ['up + 1h', '1:6: parse error: unexpected duration "1h"'],
    ['up[5]', '1:4: parse error: missing unit character in duration'],
    ['up[0s]', '1:4: parse error: duration must be greater than 0'],
    ['up offset 1m offset 2m', '1:1: parse error: offset may not be set multiple times'],
    [
      'rate(up[5m]) offset 1m',
      '1:1: parse error: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery',
    ],
    ['{job=""}', '1:1: parse error: vector selector must contain at least one non-empty matcher'],
    ['up{__name__="x"}', '1:1: parse error: metric name must not be set twice: "up" or "x"'],
    ['up and 1', '1:1: parse error: set operator "and" not allowed in binary scalar expression'],
    [
      'up + on(job) group_left(job) up',
      '1:4: parse error: label "job" must not occur in ON and GROUP clause at once',
    ],
    ['', '1:1: parse error: no expression found in input'],
  ])('%s → %s', (expr, message) => {
    expect(instantFailure(expr)).toEqual({ kind: 'bad_data', message });
  });

  it('refuses a range query of a range vector or a string', () => {
    expect(failure(() => evaluateRange('up[5m]', data, at(0), at(60), 15000))).toEqual({
      kind: 'bad_data',
      message:
        'invalid expression type "range vector" for range query, must be Scalar or instant Vector',
    });
    expect(failure(() => evaluateRange('"x"', data, at(0), at(60), 15000)).message).toContain(
      '"string"',
    );
  });
});

describe('valid PromQL this evaluator does not support', () => {
  it.each([
    ['max_over_time(up[10m:1m])', 'subquery "up[10m:1m]"'],
    ['up @ 1706572800', '@ modifier "up @ 1706572800"'],
    ['label_replace(up, "a", "$1", "job", "(.*)")', 'function "label_replace"'],
    ['quantile(0.9, up)', 'aggregation "quantile"'],
    ['absent(up)', 'function "absent"'],
  ])('%s is refused as bad_data naming %s', (expr, named) => {
    const error = instantFailure(expr);
    expect(error.kind).toBe('bad_data');
    expect(error.message).toContain(`unsupported by the mock Prometheus: ${named}`);
  });
});
