/**
 * Grafana-compatible time expressions: `now`, `now-6h`, `now-30m`, RFC 3339, or epoch ms.
 * Parsing is pure; resolving against a clock is a separate step so the URL can stay relative.
 */

export type TimeExpression =
  | { readonly kind: 'relative'; readonly offsetMs: number }
  | { readonly kind: 'absolute'; readonly ms: number };

export interface AbsoluteRange {
  readonly startMs: number;
  readonly endMs: number;
}

const UNIT_MS: Readonly<Record<string, number>> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const RELATIVE = /^now(?:-(\d+)([smhdw]))?$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses one `from`/`to` value; `null` when it is not a time this product understands. */
export function parseTimeExpression(text: string): TimeExpression | null {
  const relative = RELATIVE.exec(text);
  if (relative) {
    const [, amount, unit] = relative;
    if (amount === undefined || unit === undefined) return { kind: 'relative', offsetMs: 0 };
    return { kind: 'relative', offsetMs: -Number(amount) * (UNIT_MS[unit] ?? 0) };
  }
  if (/^\d{1,15}$/.test(text)) return { kind: 'absolute', ms: Number(text) };
  if (RFC3339.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? null : { kind: 'absolute', ms };
  }
  return null;
}

export function resolveTime(expression: TimeExpression, nowMs: number): number {
  return expression.kind === 'absolute' ? expression.ms : nowMs + expression.offsetMs;
}

export function resolveRange(
  from: TimeExpression,
  to: TimeExpression,
  nowMs: number,
): AbsoluteRange {
  return { startMs: resolveTime(from, nowMs), endMs: resolveTime(to, nowMs) };
}
