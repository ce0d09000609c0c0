/**
 * Values as the evaluator computes them: every node is evaluated over all steps of the query
 * at once, like Prometheus 2.42's engine, so an instant query is simply a range of one step.
 * Most operations work column-wise (see columns.ts); `stepwise`, the counterpart of the
 * engine's `rangeEval`, serves those whose output series depend on which elements meet at a
 * step (vector matching, topk): it hands a per-step function the instant vectors and scalars of
 * its arguments and collects what it returns, refusing a step with two elements of one label set.
 */

import { executionError } from './errors';
import { labelKey, type LabelSet } from './labels';

export interface EvalRange {
  readonly startMs: number;
  readonly intervalMs: number;
  readonly steps: number;
}

export function stepTime(range: EvalRange, step: number): number {
  return range.startMs + step * range.intervalMs;
}

/** An instant-vector series over the steps; `present[i]` is 0 where it has no point. */
export interface StepSeries {
  readonly labels: LabelSet;
  readonly values: Float64Array;
  readonly present: Uint8Array;
  /** For series straight from a vector selector: the time of the sample picked at each step. */
  readonly sampleTimes?: Float64Array;
}

/** A range-vector series (only an instant query can return one). */
export interface RangeSeries {
  readonly labels: LabelSet;
  readonly timestamps: readonly number[];
  readonly values: readonly number[];
}

export type EvalValue =
  | { readonly kind: 'scalar'; readonly values: Float64Array }
  | { readonly kind: 'vector'; readonly series: readonly StepSeries[] }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'matrix'; readonly series: readonly RangeSeries[] };

export interface Sample {
  readonly labels: LabelSet;
  readonly value: number;
}

/** One argument at one step: an instant vector or a scalar. */
export type StepInput = readonly Sample[] | number;

export function asVector(input: StepInput | undefined): readonly Sample[] {
  return input === undefined || typeof input === 'number' ? [] : input;
}

export function asScalar(input: StepInput | undefined): number {
  return typeof input === 'number' ? input : NaN;
}

export type StepFunction = (
  inputs: readonly StepInput[],
  timeMs: number,
  step: number,
) => readonly Sample[];

export function vectorValue(series: readonly StepSeries[]): EvalValue {
  return { kind: 'vector', series };
}

export function constantScalar(range: EvalRange, value: number): EvalValue {
  return { kind: 'scalar', values: new Float64Array(range.steps).fill(value) };
}

/** The elements of an instant-vector value at one step, in series order. */
function samplesAt(series: readonly StepSeries[], step: number): Sample[] {
  const out: Sample[] = [];
  for (const s of series) {
    if (s.present[step] === 1) out.push({ labels: s.labels, value: s.values[step] ?? NaN });
  }
  return out;
}

function inputAt(value: EvalValue, step: number): StepInput {
  switch (value.kind) {
    case 'scalar':
      return value.values[step] ?? NaN;
    case 'vector':
      return samplesAt(value.series, step);
    default:
      throw new Error(`${value.kind} value cannot be an operand`);
  }
}

interface OutputSeries {
  readonly labels: LabelSet;
  readonly values: Float64Array;
  readonly present: Uint8Array;
  lastStep: number;
}

export const DUPLICATE_LABELSET = 'vector cannot contain metrics with the same labelset';

/** Runs `compute` at every step and gathers its output into series, in order of appearance. */
export function stepwise(
  range: EvalRange,
  args: readonly EvalValue[],
  compute: StepFunction,
): StepSeries[] {
  const outputs = new Map<string, OutputSeries>();
  for (let step = 0; step < range.steps; step++) {
    const inputs = args.map((arg) => inputAt(arg, step));
    for (const sample of compute(inputs, stepTime(range, step), step)) {
      const key = labelKey(sample.labels);
      let out = outputs.get(key);
      if (out === undefined) {
        out = {
          labels: sample.labels,
          values: new Float64Array(range.steps),
          present: new Uint8Array(range.steps),
          lastStep: -1,
        };
        outputs.set(key, out);
      }
      if (out.lastStep === step) throw executionError(DUPLICATE_LABELSET);
      out.lastStep = step;
      out.values[step] = sample.value;
      out.present[step] = 1;
    }
  }
  return [...outputs.values()].map(({ labels, values, present }) => ({ labels, values, present }));
}

/** Fails like Prometheus when a whole result matrix holds two series with one label set. */
export function assertUniqueLabelSets(series: readonly StepSeries[]): void {
  const seen = new Set<string>();
  for (const s of series) {
    const key = labelKey(s.labels);
    if (seen.has(key)) throw executionError(DUPLICATE_LABELSET);
    seen.add(key);
  }
}
