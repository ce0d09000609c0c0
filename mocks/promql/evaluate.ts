/**
 * The mock Prometheus's query engine: `evaluateInstant` and `evaluateRange` answer PromQL from a
 * SeriesStore with Prometheus 2.42's semantics and its JSON result shapes. A range query is
 * evaluated at start + k·step for every k with start + k·step <= end (no alignment of its own);
 * an instant query is a range of one step whose result keeps the evaluation order.
 * Errors are thrown as PromqlError (`bad_data` or `execution`).
 */

import { aggregateColumns, createGrouping } from './aggregations';
import type { AggregateExpr, Expr } from './ast';
import { evalBinary } from './binary-ops';
import { typeOf } from './check';
import { PromqlError } from './errors';
import {
  formatScalarValue,
  matrixResult,
  rawMatrixResult,
  timestampSeconds,
  vectorResult,
  type PromResult,
} from './format';
import { evalCall, type Evaluator } from './functions';
import { dropMetricName } from './labels';
import { parsePromql } from './parse';
import { selectK } from './topk';
import { evalMatrixSelector, evalVectorSelector } from './selectors';
import type { SeriesStore } from './series-store';
import {
  asScalar,
  assertUniqueLabelSets,
  asVector,
  constantScalar,
  stepwise,
  vectorValue,
  type EvalRange,
  type EvalValue,
} from './steps';

export type { PromResult } from './format';

function evalAggregate(ev: Evaluator, expr: AggregateExpr): EvalValue {
  const grouping = createGrouping(expr.without, expr.grouping);
  const { op } = expr;
  if (op === 'topk' || op === 'bottomk') {
    const param = expr.param ? ev.evaluate(expr.param) : constantScalar(ev.range, NaN);
    const input = ev.evaluate(expr.expr);
    return vectorValue(
      stepwise(ev.range, [param, input], ([k, samples]) =>
        selectK(op, asVector(samples), grouping, asScalar(k)),
      ),
    );
  }
  const input = ev.evaluate(expr.expr);
  if (input.kind !== 'vector') throw new Error(`cannot aggregate a ${input.kind}`);
  return vectorValue(aggregateColumns(op, ev.range, input.series, grouping));
}

function evalUnary(ev: Evaluator, op: '-' | '+', operand: Expr): EvalValue {
  const value = ev.evaluate(operand);
  if (op === '+') return value;
  if (value.kind === 'scalar') return { kind: 'scalar', values: value.values.map((v) => -v) };
  if (value.kind !== 'vector') throw new Error(`cannot negate a ${value.kind}`);
  const series = value.series.map((s) => ({
    labels: dropMetricName(s.labels),
    values: s.values.map((v) => -v),
    present: s.present,
  }));
  assertUniqueLabelSets(series);
  return vectorValue(series);
}

function createEvaluator(store: SeriesStore, range: EvalRange): Evaluator {
  const ev: Evaluator = {
    store,
    range,
    evaluate(expr: Expr): EvalValue {
      switch (expr.type) {
        case 'number':
          return constantScalar(range, expr.value);
        case 'string':
          return { kind: 'string', value: expr.value };
        case 'paren':
          return ev.evaluate(expr.expr);
        case 'unary':
          return evalUnary(ev, expr.op, expr.expr);
        case 'vectorSelector':
          return vectorValue(evalVectorSelector(store, expr, range));
        case 'matrixSelector':
          return { kind: 'matrix', series: evalMatrixSelector(store, expr, range.startMs) };
        case 'binary':
          return evalBinary(expr, ev.evaluate(expr.lhs), ev.evaluate(expr.rhs), range);
        case 'call':
          return evalCall(ev, expr);
        case 'aggregate':
          return evalAggregate(ev, expr);
      }
    },
  };
  return ev;
}

function requireWholeMs(name: string, value: number): number {
  if (!Number.isFinite(value))
    throw new PromqlError('bad_data', `${name} must be a finite number of milliseconds`);
  return Math.trunc(value);
}

/** An instant query at `timeMs` (epoch milliseconds). */
export function evaluateInstant(expr: string, store: SeriesStore, timeMs: number): PromResult {
  const time = requireWholeMs('time', timeMs);
  const ast = parsePromql(expr);
  const value = createEvaluator(store, { startMs: time, intervalMs: 1, steps: 1 }).evaluate(ast);
  switch (value.kind) {
    case 'scalar':
      return {
        resultType: 'scalar',
        result: [timestampSeconds(time), formatScalarValue(value.values[0] ?? NaN)],
      };
    case 'string':
      return { resultType: 'string', result: [time / 1000, value.value] };
    case 'vector':
      return vectorResult(value.series, time);
    case 'matrix':
      return rawMatrixResult(value.series);
  }
}

/** A range query evaluated at startMs + k·stepMs for every k that stays <= endMs. */
export function evaluateRange(
  expr: string,
  store: SeriesStore,
  startMs: number,
  endMs: number,
  stepMs: number,
): PromResult {
  const start = requireWholeMs('start', startMs);
  const end = requireWholeMs('end', endMs);
  const step = requireWholeMs('step', stepMs);
  if (end < start) throw new PromqlError('bad_data', 'end timestamp must not be before start time');
  if (step <= 0) {
    throw new PromqlError(
      'bad_data',
      'zero or negative query resolution step widths are not accepted. Try a positive integer',
    );
  }
  const ast = parsePromql(expr);
  const type = typeOf(ast);
  if (type !== 'scalar' && type !== 'vector') {
    const documented = type === 'matrix' ? 'range vector' : type;
    throw new PromqlError(
      'bad_data',
      `invalid expression type ${JSON.stringify(documented)} for range query, must be Scalar or instant Vector`,
    );
  }
  const range: EvalRange = {
    startMs: start,
    intervalMs: step,
    steps: Math.floor((end - start) / step) + 1,
  };
  const value = createEvaluator(store, range).evaluate(ast);
  if (value.kind === 'scalar') {
    const present = new Uint8Array(range.steps).fill(1);
    return matrixResult([{ labels: {}, values: value.values, present }], start, step);
  }
  if (value.kind !== 'vector') throw new Error(`range query produced a ${value.kind}`);
  return matrixResult(value.series, start, step);
}
