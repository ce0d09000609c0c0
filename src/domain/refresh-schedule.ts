/**
 * When live mode refreshes. Screens opened at the same moment (a wall of them after a power cut,
 * or a dashboard link pasted into a channel) must not all ask Prometheus in the same second: each
 * page waits a random part of its interval before its first refresh, and every later interval is
 * stretched or shrunk a little so pages that happen to line up drift apart again.
 */

/** Each interval is the nominal one ± this share. */
export const REFRESH_JITTER = 0.1;

/** Delay before the first refresh: anywhere in one interval. */
export function firstRefreshDelayMs(intervalMs: number, random: () => number): number {
  return Math.floor(random() * intervalMs);
}

/** Delay between two refreshes: the interval ± `REFRESH_JITTER`, never below 1 ms. */
export function nextRefreshDelayMs(intervalMs: number, random: () => number): number {
  const factor = 1 + (random() * 2 - 1) * REFRESH_JITTER;
  return Math.max(1, Math.round(intervalMs * factor));
}
