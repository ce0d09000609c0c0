/**
 * Change markers of the timeline lane: markers that would be drawn within a few pixels of each
 * other cannot be told apart or hovered one by one, so they become one marker with a count.
 */

import { sortChanges, type ChangeEvent } from './changes';
import type { AbsoluteRange } from './time-range';

export interface MarkerGroup {
  /** Time of the group's first change, where its marker is drawn. */
  readonly timeMs: number;
  /** In time order; one change for a marker of its own. */
  readonly changes: readonly ChangeEvent[];
}

/**
 * The changes inside `range` grouped by where they fall on a lane `widthPx` wide: a change less
 * than `minGapPx` right of its group's first change joins the group. Measuring from the first
 * change, not the previous one, keeps a group no wider than `minGapPx`, so a long chain of close
 * markers does not collapse into one marker far from most of its changes; and any two groups'
 * markers stay at least `minGapPx` apart.
 */
export function groupMarkers(
  changes: readonly ChangeEvent[],
  range: AbsoluteRange,
  widthPx: number,
  minGapPx = 6,
): MarkerGroup[] {
  const spanMs = range.endMs - range.startMs;
  // A lane not yet laid out, or an empty range, has nowhere to draw.
  if (!(widthPx > 0) || !(spanMs > 0)) return [];
  const pxPerMs = widthPx / spanMs;
  const groups: { timeMs: number; changes: ChangeEvent[] }[] = [];
  for (const change of sortChanges(changes)) {
    if (change.timeMs < range.startMs || change.timeMs > range.endMs) continue;
    const last = groups[groups.length - 1];
    if (last !== undefined && (change.timeMs - last.timeMs) * pxPerMs < minGapPx) {
      last.changes.push(change);
    } else {
      groups.push({ timeMs: change.timeMs, changes: [change] });
    }
  }
  return groups;
}
