/**
 * Grafana-compatible time expressions: `now`, `now-6h`, `now-30m`, RFC 3339, or epoch ms.
 * Parsing is pure; resolving against a clock is a separate step so the URL can stay relative.
 */

import { parseRfc3339 } from './rfc3339';

/**
 * A relative time keeps the text it was written as, so that a URL that says `now-60m` still
 * says `now-60m` after the app rewrites it; an absolute time is written back as epoch ms.
 */
export type TimeExpression =
  | { readonly kind: 'relative'; readonly offsetMs: number; readonly text: string }
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

const DURATION = /^(\d{1,9})([smhdw])$/;

/** A duration such as `90m`, `24h` or `2d` in ms; null when it is not one, or is zero. */
export function parseDuration(text: string): number | null {
  const match = DURATION.exec(text);
  if (match === null) return null;
  const ms = Number(match[1]) * (UNIT_MS[match[2] ?? 's'] ?? 0);
  return ms > 0 ? ms : null;
}

const RELATIVE = /^now(?:-(\d{1,9})([smhdw]))?$/;
/** In the URL the seconds may be left out (`2024-01-30T00:19Z`), as people type times by hand. */
const WITHOUT_SECONDS = /^(\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2})([Zz]|[+-]\d{2}:\d{2})$/;

/** Parses one `from`/`to` value; `null` when it is not a time this product understands. */
export function parseTimeExpression(text: string): TimeExpression | null {
  const relative = RELATIVE.exec(text);
  if (relative) {
    const [, amount, unit] = relative;
    const offsetMs =
      amount === undefined || unit === undefined ? 0 : -Number(amount) * (UNIT_MS[unit] ?? 0);
    // `now-0h` would otherwise carry a negative zero, which no longer equals `now`'s offset.
    return { kind: 'relative', offsetMs: offsetMs === 0 ? 0 : offsetMs, text };
  }
  if (/^\d{1,15}$/.test(text)) return { kind: 'absolute', ms: Number(text) };
  const ms = parseRfc3339(text.replace(WITHOUT_SECONDS, '$1:00$2'));
  return ms === null ? null : { kind: 'absolute', ms };
}

/** The URL text of a time: the relative text as written, or epoch milliseconds. */
export function formatTimeExpression(expression: TimeExpression): string {
  return expression.kind === 'relative' ? expression.text : String(expression.ms);
}

/** `now-2h` for two hours ago: the largest unit that states the offset exactly. */
export function relativeTime(offsetMs: number): TimeExpression {
  const ago = Math.max(0, Math.round(-offsetMs / 1000) * 1000);
  if (ago === 0) return { kind: 'relative', offsetMs: 0, text: 'now' };
  const [unit = 's', size = 1000] =
    Object.entries(UNIT_MS)
      .reverse()
      .find(([, ms]) => ago % ms === 0) ?? [];
  return { kind: 'relative', offsetMs: -ago, text: `now-${String(ago / size)}${unit}` };
}

export function absoluteTime(ms: number): TimeExpression {
  return { kind: 'absolute', ms: Math.round(ms) };
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

/**
 * Whether `from` comes before `to`, when that can be told without a clock: both relative or both
 * absolute. A mixed pair (`now-6h` to an epoch) depends on the time it is read, so it is `null`.
 */
export function isOrdered(from: TimeExpression, to: TimeExpression): boolean | null {
  if (from.kind === 'relative' && to.kind === 'relative') return from.offsetMs < to.offsetMs;
  if (from.kind === 'absolute' && to.kind === 'absolute') return from.ms < to.ms;
  return null;
}

/**
 * Keeps a range from running past `nowMs` (there is no data in the future), moving it back whole
 * so its length stays; a range that already ended after `nowMs` may end where it did.
 */
function notAfter(startMs: number, endMs: number, limitMs: number | undefined): AbsoluteRange {
  const overshoot = limitMs === undefined ? 0 : Math.max(0, endMs - limitMs);
  const start = Math.max(0, Math.round(startMs - overshoot));
  return { startMs: start, endMs: Math.max(start + 1, Math.round(endMs - overshoot)) };
}

/**
 * Grafana's zoom out: the same centre, `factor` times as long. With `nowMs`, a range that would
 * reach into the future is moved back to end at now (or at its old end, if that was later).
 */
export function zoomOut(range: AbsoluteRange, factor = 2, nowMs?: number): AbsoluteRange {
  const span = Math.max(1, range.endMs - range.startMs) * Math.max(1, factor);
  const centre = (range.startMs + range.endMs) / 2;
  const limit = nowMs === undefined ? undefined : Math.max(nowMs, range.endMs);
  return notAfter(centre - span / 2, centre + span / 2, limit);
}

/**
 * Moves the range back (`-1`) or forward (`1`) by `fraction` of its length, keeping the length.
 * With `nowMs`, a step forward stops where the range ends at now (or at its old end, if later).
 */
export function shiftRange(
  range: AbsoluteRange,
  direction: -1 | 1,
  fraction = 0.5,
  nowMs?: number,
): AbsoluteRange {
  const delta = (range.endMs - range.startMs) * fraction * direction;
  const limit = nowMs === undefined ? undefined : Math.max(nowMs, range.endMs);
  return notAfter(range.startMs + delta, range.endMs + delta, limit);
}
