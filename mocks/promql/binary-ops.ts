/**
 * Binary operators, ported from Prometheus 2.42's `VectorBinop`, `VectorscalarBinop`,
 * `VectorAnd`/`VectorOr`/`VectorUnless` and `scalarBinop`: one-to-one matching by default,
 * `on`/`ignoring` to choose the matching labels, `group_left`/`group_right` for many-to-one,
 * comparisons that filter (or return 0/1 with `bool`), arithmetic that drops the metric name,
 * and the same errors for ambiguous matches.
 */

import type { BinaryExpr, BinaryOp, VectorMatching } from './ast';
import { isComparisonOp, isSetOp } from './ast';
import { mapColumns } from './columns';
import { executionError } from './errors';
import { goPow } from './go-math';
import {
  deleteLabels,
  dropMetricName,
  formatLabels,
  keepLabels,
  labelKey,
  matchingLabels,
  METRIC_NAME,
  setLabel,
  type LabelSet,
} from './labels';
import {
  asVector,
  stepwise,
  vectorValue,
  type EvalRange,
  type EvalValue,
  type Sample,
  type StepSeries,
} from './steps';

/** `vectorElemBinop`: the value, and whether a comparison keeps the element. */
function elemBinop(op: BinaryOp, lhs: number, rhs: number): [number, boolean] {
  switch (op) {
    case '+':
      return [lhs + rhs, true];
    case '-':
      return [lhs - rhs, true];
    case '*':
      return [lhs * rhs, true];
    case '/':
      return [lhs / rhs, true];
    case '%':
      return [lhs % rhs, true];
    case '^':
      return [goPow(lhs, rhs), true];
    case '==':
      return [lhs, lhs === rhs];
    case '!=':
      return [lhs, lhs !== rhs];
    case '>':
      return [lhs, lhs > rhs];
    case '<':
      return [lhs, lhs < rhs];
    case '>=':
      return [lhs, lhs >= rhs];
    case '<=':
      return [lhs, lhs <= rhs];
    default:
      throw new Error(`${op} is not an arithmetic or comparison operator`);
  }
}

function scalarBinop(op: BinaryOp, lhs: number, rhs: number): number {
  const [value, keep] = elemBinop(op, lhs, rhs);
  return isComparisonOp(op) ? Number(keep) : value;
}

const dropsMetricName = (op: BinaryOp): boolean => !isComparisonOp(op);

/** Per-expression caches: label sets are stable across steps, so their derivations are too. */
interface BinopCaches {
  readonly signatures: WeakMap<LabelSet, string>;
  readonly results: Map<string, LabelSet>;
}

function signatureOf(matching: VectorMatching, caches: BinopCaches, labels: LabelSet): string {
  let signature = caches.signatures.get(labels);
  if (signature === undefined) {
    const matched = matching.on
      ? keepLabels(labels, matching.labels)
      : deleteLabels(labels, [...matching.labels, METRIC_NAME]);
    signature = labelKey(matched);
    caches.signatures.set(labels, signature);
  }
  return signature;
}

/** `resultMetric`: the labels of a matched pair's result (lhs is the "many" side). */
function resultMetric(
  expr: BinaryExpr,
  caches: BinopCaches,
  lhs: LabelSet,
  rhs: LabelSet,
): LabelSet {
  const cacheKey = `${labelKey(lhs)}\u0002${labelKey(rhs)}`;
  let labels = caches.results.get(cacheKey);
  if (labels === undefined) {
    const { matching } = expr;
    labels = dropsMetricName(expr.op) ? dropMetricName(lhs) : lhs;
    if (matching.card === 'one-to-one') {
      labels = matching.on
        ? keepLabels(labels, matching.labels)
        : deleteLabels(labels, matching.labels);
    }
    for (const name of matching.include) labels = setLabel(labels, name, rhs[name] ?? '');
    caches.results.set(cacheKey, labels);
  }
  return labels;
}

function vectorBinop(
  expr: BinaryExpr,
  caches: BinopCaches,
  lhs: readonly Sample[],
  rhs: readonly Sample[],
): Sample[] {
  const { matching, op, returnBool } = expr;
  const swapped = matching.card === 'one-to-many';
  const [many, one] = swapped ? [rhs, lhs] : [lhs, rhs];
  const oneBySignature = new Map<string, Sample>();
  for (const sample of one) {
    const signature = signatureOf(matching, caches, sample.labels);
    const duplicate = oneBySignature.get(signature);
    if (duplicate !== undefined) {
      const group = formatLabels(matchingLabels(sample.labels, matching.on, matching.labels));
      throw executionError(
        `found duplicate series for the match group ${group} on the ${swapped ? 'left' : 'right'} hand-side of the operation: ` +
          `[${formatLabels(sample.labels)}, ${formatLabels(duplicate.labels)}];many-to-many matching not allowed: matching labels must be unique on one side`,
      );
    }
    oneBySignature.set(signature, sample);
  }
  const matched = new Map<string, Set<string> | null>();
  const out: Sample[] = [];
  for (const sample of many) {
    const signature = signatureOf(matching, caches, sample.labels);
    const partner = oneBySignature.get(signature);
    if (partner === undefined) continue;
    const [left, right] = swapped ? [partner.value, sample.value] : [sample.value, partner.value];
    const [result, keep] = elemBinop(op, left, right);
    if (!returnBool && !keep) continue;
    const value = returnBool ? Number(keep) : result;
    let labels = resultMetric(expr, caches, sample.labels, partner.labels);
    if (returnBool) labels = dropMetricName(labels);
    if (matching.card === 'one-to-one') {
      if (matched.has(signature)) {
        throw executionError(
          'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)',
        );
      }
      matched.set(signature, null);
    } else {
      let inserted = matched.get(signature);
      if (!inserted) {
        inserted = new Set();
        matched.set(signature, inserted);
      } else if (inserted.has(labelKey(labels))) {
        throw executionError(
          'multiple matches for matching labels in many-to-one matching: grouping labels must ensure unique results',
        );
      }
      inserted.add(labelKey(labels));
    }
    out.push({ labels, value });
  }
  return out;
}

function setOperation(
  expr: BinaryExpr,
  caches: BinopCaches,
  lhs: readonly Sample[],
  rhs: readonly Sample[],
): Sample[] {
  const signature = (sample: Sample): string => signatureOf(expr.matching, caches, sample.labels);
  switch (expr.op) {
    case 'and': {
      if (lhs.length === 0 || rhs.length === 0) return [];
      const right = new Set(rhs.map(signature));
      return lhs.filter((sample) => right.has(signature(sample)));
    }
    case 'or': {
      if (lhs.length === 0) return [...rhs];
      if (rhs.length === 0) return [...lhs];
      const left = new Set(lhs.map(signature));
      return [...lhs, ...rhs.filter((sample) => !left.has(signature(sample)))];
    }
    default: {
      if (lhs.length === 0 || rhs.length === 0) return [...lhs];
      const right = new Set(rhs.map(signature));
      return lhs.filter((sample) => !right.has(signature(sample)));
    }
  }
}

/** Vector ⊕ scalar, column-wise: each series keeps one output series. */
function vectorScalarBinop(
  expr: BinaryExpr,
  range: EvalRange,
  vector: readonly StepSeries[],
  scalar: Float64Array,
  scalarOnLeft: boolean,
): StepSeries[] {
  const { op, returnBool } = expr;
  const labelsOf =
    dropsMetricName(op) || returnBool ? dropMetricName : (labels: LabelSet) => labels;
  return mapColumns(range, vector, labelsOf, (sampleValue, step) => {
    const scalarValue = scalar[step] ?? NaN;
    const [left, right] = scalarOnLeft ? [scalarValue, sampleValue] : [sampleValue, scalarValue];
    const [value, keep] = elemBinop(op, left, right);
    if (returnBool) return Number(keep);
    if (!keep) return undefined;
    // A comparison keeps the vector's value even when the scalar is on the left.
    return isComparisonOp(op) ? sampleValue : value;
  });
}

export function evalBinary(
  expr: BinaryExpr,
  lhs: EvalValue,
  rhs: EvalValue,
  range: EvalRange,
): EvalValue {
  if (lhs.kind === 'scalar' && rhs.kind === 'scalar') {
    const values = lhs.values.map((left, step) =>
      scalarBinop(expr.op, left, rhs.values[step] ?? NaN),
    );
    return { kind: 'scalar', values };
  }
  if (lhs.kind === 'vector' && rhs.kind === 'scalar') {
    return vectorValue(vectorScalarBinop(expr, range, lhs.series, rhs.values, false));
  }
  if (lhs.kind === 'scalar' && rhs.kind === 'vector') {
    return vectorValue(vectorScalarBinop(expr, range, rhs.series, lhs.values, true));
  }
  const caches: BinopCaches = { signatures: new WeakMap(), results: new Map() };
  const series = stepwise(range, [lhs, rhs], ([left, right]) =>
    isSetOp(expr.op)
      ? setOperation(expr, caches, asVector(left), asVector(right))
      : vectorBinop(expr, caches, asVector(left), asVector(right)),
  );
  return vectorValue(series);
}
