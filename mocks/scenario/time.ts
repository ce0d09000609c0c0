/** Time helpers shared by the engine and the scenario files: RFC 3339 in, epoch ms out. */

import { parseRfc3339 } from '../../src/domain/rfc3339';

/** Epoch ms of an RFC 3339 time; throws on anything else so a typo in a scenario fails fast. */
export function toMs(time: string): number {
  const ms = parseRfc3339(time);
  if (ms === null) {
    throw new Error(`expected an RFC 3339 time like 2024-01-30T00:19:00Z, got "${time}"`);
  }
  return ms;
}

/** RFC 3339 UTC without the `.000` that whole seconds do not need. */
export function toRfc3339(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Moves an RFC 3339 time by `shiftMs`. */
export function shiftTime(time: string, shiftMs: number): string {
  return toRfc3339(toMs(time) + shiftMs);
}

/** An RFC 3339 time `minutes` later (earlier when negative). */
export function addMinutes(time: string, minutes: number): string {
  return toRfc3339(toMs(time) + minutes * 60_000);
}
