import { zoneOffsetMs, type TimeZoneSetting } from './format-time';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Every interval under a day divides a day, so its multiples fall on round clock times. */
const TICK_INTERVALS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080].map(
  (minutes) => minutes * MINUTE,
);
/** 1970-01-01 was a Thursday: weekly ticks count from Monday 1970-01-05 to fall on Mondays. */
const MONDAY_SHIFT_MS = 4 * DAY;
/** Far enough from a wall-clock time to be on either side of a DST change near it. */
const AROUND_TRANSITION_MS = 6 * HOUR;

/**
 * The instants at which the zone's clock reads `wallMs` (a wall-clock time written as if it were
 * UTC): none in the hour skipped when clocks go forward, two in the hour repeated when they go
 * back, one otherwise.
 */
function instantsAt(wallMs: number, tz: TimeZoneSetting): number[] {
  const guess = wallMs - zoneOffsetMs(wallMs, tz);
  const instants: number[] = [];
  for (const offset of [
    zoneOffsetMs(guess - AROUND_TRANSITION_MS, tz),
    zoneOffsetMs(guess + AROUND_TRANSITION_MS, tz),
  ]) {
    const instant = wallMs - offset;
    if (zoneOffsetMs(instant, tz) === offset && !instants.includes(instant)) instants.push(instant);
  }
  return instants.sort((a, b) => a - b);
}

function ticksEvery(
  intervalMs: number,
  startMs: number,
  endMs: number,
  tz: TimeZoneSetting,
): number[] {
  // Round in wall-clock time, where midnight is a multiple of a day, then map back to instants.
  const shift = intervalMs % (7 * DAY) === 0 ? MONDAY_SHIFT_MS : 0;
  const wallStart = startMs + zoneOffsetMs(startMs, tz) - shift;
  const wallEnd = endMs + zoneOffsetMs(endMs, tz) - shift;
  const ticks = new Set<number>();
  // One interval of slack on each side: a DST change inside the range moves its wall-clock ends.
  const first = Math.ceil(wallStart / intervalMs) * intervalMs - intervalMs;
  for (let wall = first; wall <= wallEnd + intervalMs; wall += intervalMs) {
    for (const t of instantsAt(wall + shift, tz)) {
      if (t >= startMs && t <= endMs) ticks.add(t);
    }
  }
  // Where clocks go back, the repeated hour's ticks come after the ones of its second pass.
  return [...ticks].sort((a, b) => a - b);
}

/**
 * Axis ticks on round clock times of the chosen zone (every 5 min, 30 min, 1 h, 6 h, midnight,
 * Monday …), at most `maxTicks` of them, so a reader can count along the axis instead of reading
 * odd minutes. Works in zones with :30 and :45 offsets and across DST changes, where an hour is
 * skipped or shown twice, as the zone's clocks did.
 */
export function timeTicks(
  startMs: number,
  endMs: number,
  maxTicks: number,
  tz: TimeZoneSetting,
): number[] {
  const limit = Math.max(1, Math.floor(maxTicks));
  if (!(endMs > startMs)) return [];
  const span = endMs - startMs;
  const fallbackDays = Math.max(1, Math.ceil(span / Math.max(1, limit - 1) / DAY));
  const candidates = [...TICK_INTERVALS_MS, fallbackDays * DAY, 2 * fallbackDays * DAY].filter(
    (interval) => span / interval < limit + 1,
  );
  for (const interval of candidates) {
    const ticks = ticksEvery(interval, startMs, endMs, tz);
    // A DST change can add a tick to the estimate, so the count is checked, not predicted.
    if (ticks.length <= limit) return ticks;
  }
  return [];
}
