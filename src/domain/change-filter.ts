/**
 * Which changes the lane and the charts show: some kinds, and one service or all. The URL holds
 * the filter (`changes`, `changeService`), so a shared link shows the same markers.
 */

import { CHANGE_KINDS, type ChangeEvent, type ChangeKind } from './changes';

export interface ChangeFilter {
  /** In CHANGE_KINDS order; all of them unless some were turned off. */
  readonly kinds: readonly ChangeKind[];
  /** null for every service. */
  readonly service: string | null;
}

export const ALL_CHANGES: ChangeFilter = { kinds: CHANGE_KINDS, service: null };

export function showsAllKinds(filter: ChangeFilter): boolean {
  return CHANGE_KINDS.every((kind) => filter.kinds.includes(kind));
}

/** The changes the filter lets through, the same array when it lets all through. */
export function filterChanges(
  changes: readonly ChangeEvent[],
  filter: ChangeFilter,
): readonly ChangeEvent[] {
  if (showsAllKinds(filter) && filter.service === null) return changes;
  return changes.filter(
    (c) =>
      filter.kinds.includes(c.kind) && (filter.service === null || c.service === filter.service),
  );
}

/** The filter with `kind` turned on or off, kinds kept in their fixed order. */
export function toggleKind(filter: ChangeFilter, kind: ChangeKind): ChangeFilter {
  const on = !filter.kinds.includes(kind);
  return {
    ...filter,
    kinds: CHANGE_KINDS.filter((k) => (k === kind ? on : filter.kinds.includes(k))),
  };
}
