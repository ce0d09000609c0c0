/**
 * Function calls. Range-vector functions read raw samples per series (see selectors.ts); the
 * others map each input series to one output series without its metric name, as Prometheus
 * 2.42 does. `timestamp(selector)` reports when the picked sample was scraped, not the
 * evaluation time, because 2.42 special-cases a selector argument.
 */

import type { Call, Expr } from './ast';
import { mapColumns, mergeByLabels } from './columns';
import { histogramQuantile } from './histogram';
import { dropMetricName, EMPTY_LABELS } from './labels';
import { isRangeFunction, RANGE_FUNCTIONS } from './range-functions';
import { evalRangeFunction, evalVectorSelector } from './selectors';
import type { SeriesStore } from './series-store';
import { stepTime, vectorValue, type EvalRange, type EvalValue, type StepSeries } from './steps';

export interface Evaluator {
  readonly store: SeriesStore;
  readonly range: EvalRange;
  evaluate(expr: Expr): EvalValue;
}

export function unwrapParens(expr: Expr): Expr {
  let inner = expr;
  while (inner.type === 'paren') inner = inner.expr;
  return inner;
}

function timestampOfSelector(ev: Evaluator, arg: Expr): EvalValue | undefined {
  const inner = unwrapParens(arg);
  if (inner.type !== 'vectorSelector') return undefined;
  const picked: StepSeries[] = evalVectorSelector(ev.store, inner, ev.range).map((s) => ({
    labels: dropMetricName(s.labels),
    values: (s.sampleTimes ?? new Float64Array(ev.range.steps)).map((ms) => ms / 1000),
    present: s.present,
  }));
  return vectorValue(mergeByLabels(ev.range, picked));
}

function scalarArg(args: readonly EvalValue[], index: number): Float64Array {
  const arg = args[index];
  if (arg?.kind !== 'scalar') throw new Error(`argument ${String(index + 1)} must be a scalar`);
  return arg.values;
}

function vectorArg(args: readonly EvalValue[], index: number): readonly StepSeries[] {
  const arg = args[index];
  if (arg?.kind !== 'vector')
    throw new Error(`argument ${String(index + 1)} must be an instant vector`);
  return arg.series;
}

/** `scalar(v)`: the only element's value, NaN when there is not exactly one. */
function scalarOf(range: EvalRange, series: readonly StepSeries[]): EvalValue {
  const values = new Float64Array(range.steps);
  for (let step = 0; step < range.steps; step++) {
    let count = 0;
    let value = NaN;
    for (const s of series) {
      if (s.present[step] !== 1) continue;
      count++;
      value = s.values[step] ?? NaN;
    }
    values[step] = count === 1 ? value : NaN;
  }
  return { kind: 'scalar', values };
}

export function evalCall(ev: Evaluator, call: Call): EvalValue {
  const { func } = call;
  const { range } = ev;
  if (isRangeFunction(func)) {
    const arg = unwrapParens(call.args[0] as Expr);
    if (arg.type !== 'matrixSelector') throw new Error(`${func} needs a range selector`);
    return vectorValue(
      evalRangeFunction(ev.store, arg, range, RANGE_FUNCTIONS[func], func === 'last_over_time'),
    );
  }
  if (func === 'timestamp') {
    const bySelector = timestampOfSelector(ev, call.args[0] as Expr);
    if (bySelector) return bySelector;
  }
  const args = call.args.map((arg) => ev.evaluate(arg));
  const map = (f: (value: number, step: number) => number): EvalValue =>
    vectorValue(mapColumns(range, vectorArg(args, 0), dropMetricName, f));
  switch (func) {
    case 'time':
      return {
        kind: 'scalar',
        values: Float64Array.from(
          { length: range.steps },
          (_, step) => stepTime(range, step) / 1000,
        ),
      };
    case 'scalar':
      return scalarOf(range, vectorArg(args, 0));
    case 'vector':
      return vectorValue([
        {
          labels: EMPTY_LABELS,
          values: scalarArg(args, 0),
          present: new Uint8Array(range.steps).fill(1),
        },
      ]);
    case 'histogram_quantile':
      return vectorValue(histogramQuantile(range, scalarArg(args, 0), vectorArg(args, 1)));
    case 'abs':
      return map(Math.abs);
    case 'clamp_min': {
      const min = scalarArg(args, 1);
      return map((v, step) => Math.max(min[step] ?? NaN, v));
    }
    case 'clamp_max': {
      const max = scalarArg(args, 1);
      return map((v, step) => Math.min(max[step] ?? NaN, v));
    }
    case 'timestamp':
      return map((_, step) => stepTime(range, step) / 1000);
    default:
      throw new Error(`no evaluation for ${call.func}`);
  }
}
