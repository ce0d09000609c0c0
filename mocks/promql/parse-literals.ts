/** Literal nodes of the lezer tree (numbers, strings, durations) read with 2.42's rules. */

import type { SyntaxNode } from '@lezer/common';
import type { NumberLiteral } from './ast';
import { looksLikeDuration, parseDurationMs, parseNumberLiteral, unquoteString } from './literals';
import { childrenOf, type ParseContext } from './parse-context';

/**
 * The grammar folds a leading sign into the literal ("-2"); the sign is returned apart so the
 * caller can apply it where 2.42 would (see the `^` case in parse-binary).
 */
export function splitSignedNumber(
  ctx: ParseContext,
  node: SyntaxNode,
): { sign: 1 | -1; text: string } {
  const raw = ctx.query.slice(node.from, node.to);
  const match = /^([+-])\s*/.exec(raw);
  const sign = match?.[1] === '-' ? -1 : 1;
  return { sign, text: match ? raw.slice(match[0].length) : raw };
}

export function parseNumberNode(ctx: ParseContext, node: SyntaxNode): NumberLiteral {
  const { sign, text } = splitSignedNumber(ctx, node);
  return {
    type: 'number',
    value: sign * unsignedNumber(ctx, node, text),
    from: node.from,
    to: node.to,
  };
}

export function unsignedNumber(ctx: ParseContext, node: SyntaxNode, text: string): number {
  const value = parseNumberLiteral(text);
  if (value !== undefined) return value;
  // Durations as numbers ("1h" meaning 3600) came after 2.42.
  if (looksLikeDuration(text)) throw ctx.fail(node, `unexpected duration ${JSON.stringify(text)}`);
  throw ctx.fail(node, `bad number or duration syntax: ${JSON.stringify(text)}`);
}

export function stringAt(ctx: ParseContext, node: SyntaxNode): string {
  try {
    return unquoteString(ctx.query.slice(node.from, node.to));
  } catch {
    throw ctx.fail(node, 'invalid syntax');
  }
}

/** A range duration (`[5m]`): a single literal, more than zero. */
export function durationAt(ctx: ParseContext, node: SyntaxNode): number {
  const [literal, extra] = childrenOf(node);
  if (!literal || extra || literal.name !== 'NumberDurationLiteralInDurationContext') {
    throw ctx.unsupported(node, 'duration expression');
  }
  return durationLiteral(ctx, literal);
}

function durationLiteral(ctx: ParseContext, node: SyntaxNode): number {
  const text = ctx.query.slice(node.from, node.to);
  if (/^\d+(?:\.\d*)?$/.test(text)) throw ctx.fail(node, 'missing unit character in duration');
  const ms = parseDurationMs(text);
  if (ms === undefined) throw ctx.fail(node, `bad duration syntax: ${JSON.stringify(text)}`);
  if (ms === 0) throw ctx.fail(node, 'duration must be greater than 0');
  return ms;
}

/** An offset duration: a literal, possibly negated (`offset -5m`). */
export function offsetDurationAt(ctx: ParseContext, node: SyntaxNode): number {
  const parts = childrenOf(node);
  const [first, second] = parts;
  if (parts.length === 1 && first?.name === 'NumberDurationLiteralInDurationContext') {
    return durationLiteral(ctx, first);
  }
  if (parts.length === 2 && first?.name === 'UnaryOp' && second?.name === 'OffsetDurationExpr') {
    const inner = childrenOf(second);
    const literal = inner[0];
    if (inner.length === 1 && literal?.name === 'NumberDurationLiteralInDurationContext') {
      const sign = ctx.query.slice(first.from, first.to) === '-' ? -1 : 1;
      return sign * durationLiteral(ctx, literal);
    }
  }
  throw ctx.unsupported(node, 'duration expression');
}
