/**
 * Placing a scenario in time. At its real dates the shift is 0; to look live, the scenario is
 * moved so that its impact began about 20 minutes before "now" — or, when a definition says
 * otherwise (`liveNow`), so that another moment of its story is "now": scenario C puts "now" in
 * the middle of its backlog, since its impact is days long and its cause is 16 hours older.
 */

import type { ScenarioDefinition } from './definition';
import { toMs } from './time';

const LIVE_LEAD_MS = 20 * 60_000;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** The real time that should land on "now" when the scenario is shown live. */
export function liveAnchorMs(def: ScenarioDefinition): number {
  if (def.liveNow !== undefined) return toMs(def.liveNow);
  if (def.impactStart !== null) return toMs(def.impactStart) + LIVE_LEAD_MS;
  return toMs(def.window.end);
}

/**
 * Shift in ms that places the scenario's live anchor at or up to a minute before `nowMs`. The
 * shift is a whole number of minutes and of scrape intervals, so samples stay on the same
 * epoch-aligned grid as at the real dates and step-aligned queries stay cacheable.
 */
export function shiftToNow(
  def: ScenarioDefinition,
  nowMs: number,
  scrapeIntervalSeconds: number = def.scrapeIntervalSeconds,
): number {
  const minute = 60_000;
  const step = Math.round(scrapeIntervalSeconds * 1000);
  const quantum = (minute / gcd(minute, step)) * step;
  return Math.floor((nowMs - liveAnchorMs(def)) / quantum) * quantum;
}
