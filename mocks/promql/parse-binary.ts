/** Binary expressions of the lezer tree: operator, `bool`, and `on`/`ignoring`/`group_*`. */

import type { SyntaxNode } from '@lezer/common';
import type { BinaryOp, Cardinality, Expr, VectorMatching } from './ast';
import { isSetOp } from './ast';
import { childrenOf, groupingLabels, type ParseContext } from './parse-context';
import { splitSignedNumber, unsignedNumber } from './parse-literals';

const OPERATORS: Readonly<Record<string, BinaryOp>> = {
  Pow: '^',
  Mul: '*',
  Div: '/',
  Mod: '%',
  Add: '+',
  Sub: '-',
  Eql: '==',
  Neq: '!=',
  Gtr: '>',
  Lss: '<',
  Gte: '>=',
  Lte: '<=',
  And: 'and',
  Or: 'or',
  Unless: 'unless',
};

export function parseBinaryExpr(ctx: ParseContext, node: SyntaxNode): Expr {
  const parts = childrenOf(node);
  const lhsNode = parts[0];
  const opNode = parts[1];
  const rhsNode = parts[parts.length - 1];
  if (!lhsNode || !opNode || !rhsNode || parts.length < 3)
    throw ctx.fail(node, 'unexpected end of input');
  const op = OPERATORS[opNode.name];
  if (op === undefined) throw ctx.unsupported(opNode, 'binary operator');
  let returnBool = false;
  let matchingNode: SyntaxNode | undefined;
  for (const modifier of parts.slice(2, -1)) {
    if (modifier.name === 'BoolModifier') returnBool = true;
    else if (modifier.name === 'MatchingModifierClause') matchingNode = modifier;
    else throw ctx.unsupported(modifier, 'binary operator modifier');
  }
  const matching = vectorMatching(ctx, matchingNode, op);
  const span = { from: node.from, to: node.to };
  const rhs = ctx.expr(rhsNode);

  // The lezer grammar reads "-2 ^ 2" as (-2) ^ 2; 2.42's grammar lexes the sign as a unary
  // operator, which binds looser than ^, so the value is -(2 ^ 2).
  if (op === '^' && lhsNode.name === 'NumberDurationLiteral') {
    const { sign, text } = splitSignedNumber(ctx, lhsNode);
    if (sign === -1) {
      const base = unsignedNumber(ctx, lhsNode, text);
      const power: Expr = {
        type: 'binary',
        op,
        opFrom: opNode.from,
        lhs: { type: 'number', value: base, from: lhsNode.from, to: lhsNode.to },
        rhs,
        returnBool,
        matching,
        ...span,
      };
      return { type: 'unary', op: '-', expr: power, ...span };
    }
  }
  return {
    type: 'binary',
    op,
    opFrom: opNode.from,
    lhs: ctx.expr(lhsNode),
    rhs,
    returnBool,
    matching,
    ...span,
  };
}

function vectorMatching(
  ctx: ParseContext,
  node: SyntaxNode | undefined,
  op: BinaryOp,
): VectorMatching {
  let card: Cardinality = 'one-to-one';
  let on = false;
  let labels: string[] = [];
  let include: string[] = [];
  if (node) {
    const parts = childrenOf(node);
    on = parts[0]?.name === 'On';
    labels = groupingLabels(ctx, parts[1]?.name === 'GroupingLabels' ? parts[1] : null);
    const group = parts[2];
    if (group?.name === 'GroupLeft') card = 'many-to-one';
    if (group?.name === 'GroupRight') card = 'one-to-many';
    include = groupingLabels(ctx, parts[3]?.name === 'GroupingLabels' ? parts[3] : null);
  }
  if (isSetOp(op) && card === 'one-to-one') card = 'many-to-many';
  return { card, on, labels, include };
}
