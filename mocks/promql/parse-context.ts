/** What the tree walkers share: the query text, error constructors and recursion. */

import type { SyntaxNode } from '@lezer/common';
import type { Expr } from './ast';
import type { PromqlError } from './errors';

/** Everything the walkers need: the query text for positions and messages. */
export interface ParseContext {
  readonly query: string;
  fail(node: { from: number }, message: string): PromqlError;
  unsupported(node: { from: number; to: number }, what: string): PromqlError;
  expr(node: SyntaxNode): Expr;
}

/** Child nodes, without comments (the grammar lets `# …` appear between any tokens). */
export function childrenOf(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name !== 'LineComment') out.push(child);
  }
  return out;
}

/** Label names of `by (…)`, `on (…)`, `group_left (…)`. */
export function groupingLabels(ctx: ParseContext, node: SyntaxNode | null): string[] {
  if (!node) return [];
  return childrenOf(node).map((label) => {
    if (label.name !== 'LabelName') throw ctx.unsupported(label, 'quoted label name');
    return ctx.query.slice(label.from, label.to);
  });
}
