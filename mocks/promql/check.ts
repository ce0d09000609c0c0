/**
 * Type checking with the rules and messages of Prometheus 2.42's `checkAST`: argument counts
 * and types of functions and aggregations, operand types of unary and binary expressions,
 * `bool` only on comparisons, no vector matching or set operators with scalars.
 */

import type { BinaryExpr, Expr, Span, ValueType } from './ast';
import { documentedType, FUNCTIONS, isComparisonOp, isSetOp } from './ast';
import type { ParseContext } from './parse-context';

type Checker = Pick<ParseContext, 'fail'>;

/** The static type of an expression (checked or not). */
export function typeOf(expr: Expr): ValueType {
  switch (expr.type) {
    case 'number':
      return 'scalar';
    case 'string':
      return 'string';
    case 'vectorSelector':
      return 'vector';
    case 'matrixSelector':
      return 'matrix';
    case 'paren':
    case 'unary':
      return typeOf(expr.expr);
    case 'binary':
      return typeOf(expr.lhs) === 'scalar' && typeOf(expr.rhs) === 'scalar' ? 'scalar' : 'vector';
    case 'call':
      return FUNCTIONS[expr.func].returnType;
    case 'aggregate':
      return 'vector';
  }
}

/** Checks the whole tree; throws the first error a 2.42 parser would report. */
export function checkExpr(ctx: Checker, expr: Expr): ValueType {
  switch (expr.type) {
    case 'paren':
      return checkExpr(ctx, expr.expr);
    case 'unary': {
      const type = checkExpr(ctx, expr.expr);
      if (type !== 'scalar' && type !== 'vector') {
        throw ctx.fail(
          expr,
          `unary expression only allowed on expressions of type scalar or instant vector, got ${JSON.stringify(documentedType(type))}`,
        );
      }
      return type;
    }
    case 'binary':
      return checkBinary(ctx, expr);
    case 'call': {
      const signature = FUNCTIONS[expr.func];
      if (signature.argTypes.length !== expr.args.length) {
        throw ctx.fail(
          expr,
          `expected ${String(signature.argTypes.length)} argument(s) in call to ${JSON.stringify(expr.func)}, got ${String(expr.args.length)}`,
        );
      }
      expr.args.forEach((arg, i) => {
        expectType(
          ctx,
          arg,
          signature.argTypes[i] ?? 'vector',
          `call to function ${JSON.stringify(expr.func)}`,
        );
      });
      return signature.returnType;
    }
    case 'aggregate':
      expectType(ctx, expr.expr, 'vector', 'aggregation expression');
      if (expr.param) expectType(ctx, expr.param, 'scalar', 'aggregation parameter');
      return 'vector';
    default:
      return typeOf(expr);
  }
}

function expectType(ctx: Checker, expr: Expr, want: ValueType, context: string): void {
  const type = checkExpr(ctx, expr);
  if (type !== want) {
    throw ctx.fail(
      expr,
      `expected type ${documentedType(want)} in ${context}, got ${documentedType(type)}`,
    );
  }
}

function checkBinary(ctx: Checker, expr: BinaryExpr): ValueType {
  const lt = checkExpr(ctx, expr.lhs);
  const rt = checkExpr(ctx, expr.rhs);
  const opSpan: Span = { from: expr.opFrom, to: expr.rhs.from };
  if (expr.returnBool && !isComparisonOp(expr.op)) {
    throw ctx.fail(opSpan, 'bool modifier can only be used on comparison operators');
  }
  if (isComparisonOp(expr.op) && !expr.returnBool && lt === 'scalar' && rt === 'scalar') {
    throw ctx.fail(opSpan, 'comparisons between scalars must use BOOL modifier');
  }
  const { matching } = expr;
  if (matching.on) {
    const both = matching.labels.find((label) => matching.include.includes(label));
    if (both !== undefined) {
      throw ctx.fail(
        opSpan,
        `label ${JSON.stringify(both)} must not occur in ON and GROUP clause at once`,
      );
    }
  }
  if (lt !== 'scalar' && lt !== 'vector') {
    throw ctx.fail(expr.lhs, 'binary expression must contain only scalar and instant vector types');
  }
  if (rt !== 'scalar' && rt !== 'vector') {
    throw ctx.fail(expr.rhs, 'binary expression must contain only scalar and instant vector types');
  }
  const bothVectors = lt === 'vector' && rt === 'vector';
  if (!bothVectors && matching.labels.length > 0) {
    throw ctx.fail(expr, 'vector matching only allowed between instant vectors');
  }
  if (bothVectors && isSetOp(expr.op) && matching.card !== 'many-to-many') {
    throw ctx.fail(expr, `no grouping allowed for ${JSON.stringify(expr.op)} operation`);
  }
  if (!bothVectors && isSetOp(expr.op)) {
    throw ctx.fail(
      expr,
      `set operator ${JSON.stringify(expr.op)} not allowed in binary scalar expression`,
    );
  }
  return lt === 'scalar' && rt === 'scalar' ? 'scalar' : 'vector';
}
