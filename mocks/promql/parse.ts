/**
 * Turns PromQL text into the evaluator's syntax tree by walking the tree of the official lezer
 * grammar (`@prometheus-io/lezer-promql`), applying the rules Prometheus 2.42's own parser adds
 * on top of its grammar (offset placement, duration syntax, metric name set twice, non-empty
 * selectors, aggregation arity) and rejecting, by name, everything this evaluator does not
 * support. The lezer grammar is newer than 2.42, so some of what it accepts is refused here.
 */

import type { SyntaxNode } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';
import type { AggregateExpr, AggregateOp, Expr, MatrixSelector, VectorSelector } from './ast';
import { AGGREGATE_OPS, isSupportedFunction } from './ast';
import { checkExpr } from './check';
import { parseError, unsupportedError } from './errors';
import { METRIC_NAME } from './labels';
import { parseBinaryExpr } from './parse-binary';
import { childrenOf, groupingLabels, type ParseContext } from './parse-context';
import { durationAt, offsetDurationAt, parseNumberNode, stringAt } from './parse-literals';
import { createMatcher, RegexSyntaxError, type LabelMatcher, type MatchType } from './matchers';

/** Parses and type-checks a query; throws a `bad_data` PromqlError when it is not accepted. */
export function parsePromql(query: string): Expr {
  const ctx = createContext(query);
  const top = topExpression(ctx);
  const expr = ctx.expr(top);
  checkExpr(ctx, expr);
  return expr;
}

/** Parses a series selector such as a `match[]` parameter (Prometheus's `ParseMetricSelector`). */
export function parseSeriesSelector(text: string): LabelMatcher[] {
  const ctx = createContext(text);
  const top = topExpression(ctx);
  if (top.name !== 'VectorSelector') throw ctx.fail(top, `unexpected ${describe(text, top)}`);
  // Emptiness is the caller's check here: the API words that error differently.
  return vectorSelector(ctx, top, false).matchers.slice();
}

function createContext(query: string): ParseContext {
  const ctx: ParseContext = {
    query,
    fail: (node, message) => parseError(query, node.from, message),
    unsupported: (node, what) => unsupportedError(query, node.from, node.to, what),
    expr: (node) => expression(ctx, node),
  };
  return ctx;
}

function topExpression(ctx: ParseContext): SyntaxNode {
  const tree = parser.parse(ctx.query);
  if (ctx.query.trim() === '') throw ctx.fail({ from: 0 }, 'no expression found in input');
  reportSyntaxError(ctx, tree.topNode);
  const [top, extra] = childrenOf(tree.topNode);
  if (!top) throw ctx.fail({ from: 0 }, 'no expression found in input');
  if (extra) throw ctx.fail(extra, `unexpected ${describe(ctx.query, extra)}`);
  return top;
}

function describe(query: string, node: { from: number; to: number }): string {
  const text = query.slice(node.from, Math.max(node.to, node.from + 1)).trim();
  return text === '' ? 'end of input' : JSON.stringify(text);
}

function reportSyntaxError(ctx: ParseContext, top: SyntaxNode): void {
  const cursor = top.cursor();
  do {
    if (!cursor.type.isError) continue;
    const node = cursor.node;
    const previous = node.prevSibling;
    if (previous?.name === 'Identifier' && ctx.query.startsWith('(', node.from)) {
      const name = ctx.query.slice(previous.from, previous.to);
      throw ctx.fail(previous, `unknown function with name ${JSON.stringify(name)}`);
    }
    if (node.from >= ctx.query.trimEnd().length) throw ctx.fail(node, endOfInputMessage(ctx.query));
    throw ctx.fail(node, `unexpected ${describe(ctx.query, node)}`);
  } while (cursor.next());
}

/** 2.42's wording when the input ends early: which delimiter is still open. */
function endOfInputMessage(query: string): string {
  const open: string[] = [];
  for (let i = 0; i < query.length; i++) {
    const c = query[i] ?? '';
    if (c === '"' || c === "'" || c === '`') {
      const close = query.indexOf(c, i + 1);
      if (close < 0) return 'unterminated quoted string';
      i = close;
    } else if (c === '#') {
      const newline = query.indexOf('\n', i);
      i = newline < 0 ? query.length : newline;
    } else if ('([{'.includes(c)) {
      open.push(c);
    } else if (')]}'.includes(c)) {
      open.pop();
    }
  }
  const last = open[open.length - 1];
  if (last === '(') return 'unclosed left parenthesis';
  if (last === '{') return 'unexpected end of input inside braces';
  if (last === '[') return 'unclosed left bracket';
  return 'unexpected end of input';
}

function expression(ctx: ParseContext, node: SyntaxNode): Expr {
  const { from, to } = node;
  switch (node.name) {
    case 'ParenExpr': {
      const [inner] = childrenOf(node);
      if (!inner) throw ctx.fail(node, 'unexpected ")"');
      return { type: 'paren', expr: ctx.expr(inner), from, to };
    }
    case 'NumberDurationLiteral':
      return parseNumberNode(ctx, node);
    case 'StringLiteral':
      return { type: 'string', value: stringAt(ctx, node), from, to };
    case 'VectorSelector':
      return vectorSelector(ctx, node);
    case 'MatrixSelector':
      return matrixSelector(ctx, node);
    case 'OffsetExpr':
      return offsetExpr(ctx, node);
    case 'UnaryExpr':
      return unaryExpr(ctx, node);
    case 'BinaryExpr':
      return parseBinaryExpr(ctx, node);
    case 'FunctionCall':
      return functionCall(ctx, node);
    case 'AggregateExpr':
      return aggregateExpr(ctx, node);
    case 'SubqueryExpr':
      throw ctx.unsupported(node, 'subquery');
    case 'StepInvariantExpr':
      throw ctx.unsupported(node, '@ modifier');
    default:
      throw ctx.unsupported(node, `syntax (${node.name})`);
  }
}

function unaryExpr(ctx: ParseContext, node: SyntaxNode): Expr {
  const [opNode, operand] = childrenOf(node);
  if (!opNode || !operand) throw ctx.fail(node, 'unexpected end of input');
  const op = ctx.query.slice(opNode.from, opNode.to) === '-' ? '-' : '+';
  const expr = ctx.expr(operand);
  // Like 2.42's grammar, a sign in front of a number literal folds into the literal.
  if (expr.type === 'number') {
    return { ...expr, value: op === '-' ? -expr.value : expr.value, from: node.from };
  }
  return { type: 'unary', op, expr, from: node.from, to: node.to };
}

function vectorSelector(
  ctx: ParseContext,
  node: SyntaxNode,
  requireNonEmpty = true,
): VectorSelector {
  const matchers: LabelMatcher[] = [];
  const nameNode = node.getChild('Identifier');
  const list = node.getChild('LabelMatchers');
  for (const item of list ? childrenOf(list) : []) {
    if (item.name !== 'UnquotedLabelMatcher') throw ctx.unsupported(item, 'quoted label name');
    const [labelNode, opNode, valueNode] = childrenOf(item);
    if (!labelNode || !opNode || !valueNode) throw ctx.fail(item, 'unexpected end of input');
    const name = ctx.query.slice(labelNode.from, labelNode.to);
    const op = ctx.query.slice(opNode.from, opNode.to) as MatchType;
    matchers.push(matcherAt(ctx, item, op, name, stringAt(ctx, valueNode)));
  }
  if (nameNode) {
    const name = ctx.query.slice(nameNode.from, nameNode.to);
    const twice = matchers.find((m) => m.name === METRIC_NAME);
    if (twice) {
      throw ctx.fail(
        node,
        `metric name must not be set twice: ${JSON.stringify(name)} or ${JSON.stringify(twice.value)}`,
      );
    }
    // 2.42 appends the name matcher after the braces' matchers.
    matchers.push(createMatcher('=', METRIC_NAME, name));
  }
  if (requireNonEmpty && !matchers.some((m) => !m.matches(''))) {
    throw ctx.fail(node, 'vector selector must contain at least one non-empty matcher');
  }
  return { type: 'vectorSelector', matchers, offsetMs: 0, from: node.from, to: node.to };
}

function matcherAt(
  ctx: ParseContext,
  node: SyntaxNode,
  op: MatchType,
  name: string,
  value: string,
): LabelMatcher {
  try {
    return createMatcher(op, name, value);
  } catch (error) {
    if (error instanceof RegexSyntaxError) throw ctx.fail(node, error.message);
    throw error;
  }
}

function matrixSelector(ctx: ParseContext, node: SyntaxNode): MatrixSelector {
  const [inner, durationNode] = childrenOf(node);
  if (!inner || !durationNode) throw ctx.fail(node, 'unexpected end of input');
  if (inner.name === 'OffsetExpr') throw ctx.fail(node, 'no offset modifiers allowed before range');
  if (inner.name !== 'VectorSelector')
    throw ctx.fail(node, 'ranges only allowed for vector selectors');
  const selector = vectorSelector(ctx, inner);
  return {
    type: 'matrixSelector',
    selector,
    rangeMs: durationAt(ctx, durationNode),
    from: node.from,
    to: node.to,
  };
}

function offsetExpr(ctx: ParseContext, node: SyntaxNode): Expr {
  const [inner, , durationNode] = childrenOf(node);
  if (!inner || !durationNode) throw ctx.fail(node, 'unexpected end of input');
  const expr = ctx.expr(inner);
  const offsetMs = offsetDurationAt(ctx, durationNode);
  const span = { from: node.from, to: node.to };
  if (expr.type === 'vectorSelector') {
    if (expr.offsetMs !== 0) throw ctx.fail(node, 'offset may not be set multiple times');
    return { ...expr, offsetMs, ...span };
  }
  if (expr.type === 'matrixSelector') {
    if (expr.selector.offsetMs !== 0) throw ctx.fail(node, 'offset may not be set multiple times');
    return { ...expr, selector: { ...expr.selector, offsetMs }, ...span };
  }
  throw ctx.fail(
    node,
    'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery',
  );
}

function callArguments(ctx: ParseContext, body: SyntaxNode | null): Expr[] {
  return body ? childrenOf(body).map((arg) => ctx.expr(arg)) : [];
}

function functionCall(ctx: ParseContext, node: SyntaxNode): Expr {
  const identifier = node.getChild('FunctionIdentifier');
  if (!identifier) throw ctx.fail(node, 'unexpected end of input');
  const name = ctx.query.slice(identifier.from, identifier.to);
  if (!isSupportedFunction(name)) throw ctx.unsupported(identifier, 'function');
  const args = callArguments(ctx, node.getChild('FunctionCallBody'));
  return { type: 'call', func: name, args, from: node.from, to: node.to };
}

function aggregateExpr(ctx: ParseContext, node: SyntaxNode): AggregateExpr {
  const opNode = node.getChild('AggregateOp');
  if (!opNode) throw ctx.fail(node, 'unexpected end of input');
  const op = ctx.query.slice(opNode.from, opNode.to).toLowerCase() as AggregateOp;
  if (!AGGREGATE_OPS.includes(op)) throw ctx.unsupported(opNode, 'aggregation');
  const modifier = node.getChild('AggregateModifier');
  const without = modifier?.getChild('Without') != null;
  const grouping = modifier ? groupingLabels(ctx, modifier.getChild('GroupingLabels')) : [];
  const args = callArguments(ctx, node.getChild('FunctionCallBody'));
  if (args.length === 0) throw ctx.fail(node, 'no arguments for aggregate expression provided');
  const wanted = op === 'topk' || op === 'bottomk' ? 2 : 1;
  if (args.length !== wanted) {
    throw ctx.fail(
      node,
      `wrong number of arguments for aggregate expression provided, expected ${String(wanted)}, got ${String(args.length)}`,
    );
  }
  const expr = args[wanted - 1] as Expr;
  const param = wanted === 2 ? args[0] : undefined;
  return { type: 'aggregate', op, param, expr, grouping, without, from: node.from, to: node.to };
}
