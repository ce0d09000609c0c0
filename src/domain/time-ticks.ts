const MINUTE = 60_000;
const TICK_INTERVALS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080].map(
  (minutes) => minutes * MINUTE,
);

/**
 * Axis ticks on round clock times (every 5 min, 30 min, 1 h, 6 h …), at most `maxTicks` of
 * them, so a reader can count along the axis instead of reading odd minutes.
 */
export function timeTicks(startMs: number, endMs: number, maxTicks: number): number[] {
  const span = Math.max(1, endMs - startMs);
  const interval =
    TICK_INTERVALS_MS.find((candidate) => span / candidate < Math.max(1, maxTicks)) ??
    Math.ceil(span / Math.max(1, maxTicks - 1) / (1440 * MINUTE)) * 1440 * MINUTE;
  const ticks: number[] = [];
  for (let t = Math.ceil(startMs / interval) * interval; t <= endMs; t += interval) ticks.push(t);
  return ticks;
}
