/**
 * The evaluator's syntax tree: what the lezer tree of `@prometheus-io/lezer-promql` is turned
 * into once checked against Prometheus 2.42's grammar and this evaluator's supported subset.
 */

import type { LabelMatcher } from './matchers';

export type ValueType = 'scalar' | 'vector' | 'matrix' | 'string';

/** Character offsets in the query, for error messages. */
export interface Span {
  readonly from: number;
  readonly to: number;
}

export interface NumberLiteral extends Span {
  readonly type: 'number';
  readonly value: number;
}

export interface StringLiteral extends Span {
  readonly type: 'string';
  readonly value: string;
}

export interface VectorSelector extends Span {
  readonly type: 'vectorSelector';
  readonly matchers: readonly LabelMatcher[];
  readonly offsetMs: number;
}

export interface MatrixSelector extends Span {
  readonly type: 'matrixSelector';
  readonly selector: VectorSelector;
  readonly rangeMs: number;
}

export interface ParenExpr extends Span {
  readonly type: 'paren';
  readonly expr: Expr;
}

export interface UnaryExpr extends Span {
  readonly type: 'unary';
  readonly op: '-' | '+';
  readonly expr: Expr;
}

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%' | '^';
export type ComparisonOp = '==' | '!=' | '>' | '<' | '>=' | '<=';
export type SetOp = 'and' | 'or' | 'unless';
export type BinaryOp = ArithmeticOp | ComparisonOp | SetOp;

export type Cardinality = 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many';

export interface VectorMatching {
  readonly card: Cardinality;
  /** True for `on(...)`, false for `ignoring(...)` or no clause. */
  readonly on: boolean;
  readonly labels: readonly string[];
  /** Labels of `group_left(...)` / `group_right(...)`, copied from the "one" side. */
  readonly include: readonly string[];
}

export interface BinaryExpr extends Span {
  readonly type: 'binary';
  readonly op: BinaryOp;
  /** Offset of the operator token, where Prometheus reports operator errors. */
  readonly opFrom: number;
  readonly lhs: Expr;
  readonly rhs: Expr;
  readonly returnBool: boolean;
  readonly matching: VectorMatching;
}

export type FunctionName =
  | 'abs'
  | 'avg_over_time'
  | 'changes'
  | 'clamp_max'
  | 'clamp_min'
  | 'count_over_time'
  | 'delta'
  | 'histogram_quantile'
  | 'increase'
  | 'irate'
  | 'last_over_time'
  | 'max_over_time'
  | 'min_over_time'
  | 'rate'
  | 'resets'
  | 'scalar'
  | 'sum_over_time'
  | 'time'
  | 'timestamp'
  | 'vector';

export interface Call extends Span {
  readonly type: 'call';
  readonly func: FunctionName;
  readonly args: readonly Expr[];
}

export type AggregateOp = 'sum' | 'avg' | 'max' | 'min' | 'count' | 'topk' | 'bottomk';

export interface AggregateExpr extends Span {
  readonly type: 'aggregate';
  readonly op: AggregateOp;
  readonly param: Expr | undefined;
  readonly expr: Expr;
  readonly grouping: readonly string[];
  readonly without: boolean;
}

export type Expr =
  | NumberLiteral
  | StringLiteral
  | VectorSelector
  | MatrixSelector
  | ParenExpr
  | UnaryExpr
  | BinaryExpr
  | Call
  | AggregateExpr;

export interface FunctionSignature {
  readonly argTypes: readonly ValueType[];
  readonly returnType: ValueType;
}

const RANGE_FUNCTION: FunctionSignature = { argTypes: ['matrix'], returnType: 'vector' };

/** The functions this evaluator supports, typed as in Prometheus 2.42's `parser/functions.go`. */
export const FUNCTIONS: Readonly<Record<FunctionName, FunctionSignature>> = {
  abs: { argTypes: ['vector'], returnType: 'vector' },
  avg_over_time: RANGE_FUNCTION,
  changes: RANGE_FUNCTION,
  clamp_max: { argTypes: ['vector', 'scalar'], returnType: 'vector' },
  clamp_min: { argTypes: ['vector', 'scalar'], returnType: 'vector' },
  count_over_time: RANGE_FUNCTION,
  delta: RANGE_FUNCTION,
  histogram_quantile: { argTypes: ['scalar', 'vector'], returnType: 'vector' },
  increase: RANGE_FUNCTION,
  irate: RANGE_FUNCTION,
  last_over_time: RANGE_FUNCTION,
  max_over_time: RANGE_FUNCTION,
  min_over_time: RANGE_FUNCTION,
  rate: RANGE_FUNCTION,
  resets: RANGE_FUNCTION,
  scalar: { argTypes: ['vector'], returnType: 'scalar' },
  sum_over_time: RANGE_FUNCTION,
  time: { argTypes: [], returnType: 'scalar' },
  timestamp: { argTypes: ['vector'], returnType: 'vector' },
  vector: { argTypes: ['scalar'], returnType: 'vector' },
};

export function isSupportedFunction(name: string): name is FunctionName {
  return Object.hasOwn(FUNCTIONS, name);
}

export const AGGREGATE_OPS: readonly AggregateOp[] = [
  'sum',
  'avg',
  'max',
  'min',
  'count',
  'topk',
  'bottomk',
];

export function isComparisonOp(op: BinaryOp): op is ComparisonOp {
  return op === '==' || op === '!=' || op === '>' || op === '<' || op === '>=' || op === '<=';
}

export function isSetOp(op: BinaryOp): op is SetOp {
  return op === 'and' || op === 'or' || op === 'unless';
}

/** Go's `DocumentedType`, used in Prometheus's type error messages. */
export function documentedType(type: ValueType): string {
  switch (type) {
    case 'vector':
      return 'instant vector';
    case 'matrix':
      return 'range vector';
    default:
      return type;
  }
}
