/**
 * Changes: the deploys, config changes and scale changes drawn as markers on every panel, from
 * whichever source found them (kube-state-metrics, a `*_build_info` version label, the events file,
 * custom PromQL), and the rule that folds the same change seen by several sources into one.
 */

import { isolated } from './shown-text';

export type ChangeKind = 'deploy' | 'config' | 'scale';

export const CHANGE_KINDS: readonly ChangeKind[] = ['deploy', 'config', 'scale'];

export type ChangeSource = 'kube-state-metrics' | 'build-info' | 'events-file' | 'custom';

export interface ChangeEvent {
  /** Stable across refreshes of the same data, so the UI can key markers by it. */
  readonly id: string;
  readonly timeMs: number;
  readonly kind: ChangeKind;
  readonly service: string;
  readonly namespace: string | null;
  /** Plain text from the source; never interpreted as HTML. */
  readonly title: string;
  readonly version: string | null;
  readonly from: string | null;
  readonly to: string | null;
  /** http(s) only, else null. */
  readonly url: string | null;
  readonly source: ChangeSource;
  /**
   * The kind of Kubernetes workload rolled out or scaled, when the source knows it: a DaemonSet
   * runs on every node, so its change is fleet-wide.
   */
  readonly workload?: Workload;
}

export type Workload = 'Deployment' | 'DaemonSet' | 'StatefulSet';

/** What a change changed, shortly: from → to (versions, settings, replicas), or its version. */
export function changeDetail(change: ChangeEvent): string | null {
  if (change.from !== null || change.to !== null) {
    return `${isolated(change.from ?? '?')} → ${isolated(change.to ?? '?')}`;
  }
  return change.version === null ? null : isolated(change.version);
}

/** Oldest first; ties in a fixed order so markers do not swap places between refreshes. */
export function sortChanges(changes: readonly ChangeEvent[]): ChangeEvent[] {
  return [...changes].sort(
    (a, b) =>
      a.timeMs - b.timeMs ||
      a.kind.localeCompare(b.kind) ||
      a.service.localeCompare(b.service) ||
      a.id.localeCompare(b.id),
  );
}

/** How far apart two sightings of one change may be. */
export const DEDUPE_TOLERANCE_MS = 2 * 60_000;

/**
 * Whose time is kept: a ReplicaSet's creation time is exact to the second; an events-file time
 * is what a pipeline wrote; a `*_build_info` version is only seen at the first query step where a
 * new pod is scraped, so it is the least exact.
 */
const TIME_RANK: Readonly<Record<ChangeSource, number>> = {
  'kube-state-metrics': 0,
  'events-file': 1,
  custom: 2,
  'build-info': 3,
};

/**
 * Whose words are kept: what a person or pipeline wrote says most; a version change says more
 * than "new ReplicaSet".
 */
const TEXT_RANK: Readonly<Record<ChangeSource, number>> = {
  'events-file': 0,
  custom: 1,
  'build-info': 2,
  'kube-state-metrics': 3,
};

function sameTarget(a: ChangeEvent, b: ChangeEvent): boolean {
  // A namespace left out (build_info without one, an events-file entry) matches any namespace.
  const namespaces = a.namespace === null || b.namespace === null || a.namespace === b.namespace;
  return a.kind === b.kind && a.service === b.service && namespaces;
}

function merge(first: ChangeEvent, others: readonly ChangeEvent[]): ChangeEvent {
  const sightings = [first, ...others];
  const byText = [...sightings].sort((a, b) => TEXT_RANK[a.source] - TEXT_RANK[b.source]);
  const timed = sightings.reduce((a, b) => (TIME_RANK[b.source] < TIME_RANK[a.source] ? b : a));
  const worded = byText[0] ?? first;
  const pick = <K extends 'namespace' | 'version' | 'from' | 'to' | 'url'>(key: K) =>
    byText.find((c) => c[key] !== null)?.[key] ?? null;
  const workload = sightings.find((c) => c.workload !== undefined)?.workload;
  return {
    ...timed,
    ...(workload === undefined ? {} : { workload }),
    title: worded.title,
    namespace: pick('namespace'),
    version: pick('version'),
    from: pick('from'),
    to: pick('to'),
    url: pick('url'),
  };
}

/**
 * Folds the same change seen by several sources into one event: the same kind, service and
 * namespace within `toleranceMs`, each source at most once per event (two ReplicaSets of one
 * Deployment a minute apart are two deploys). The kept event has the most exact time (the
 * ReplicaSet's creation, to the second) and the most telling words and links of the others.
 * Pass the query step as the tolerance when it is longer than two minutes: a version label is
 * only seen at step resolution.
 */
export function dedupeChanges(
  changes: readonly ChangeEvent[],
  toleranceMs: number = DEDUPE_TOLERANCE_MS,
): ChangeEvent[] {
  const groups: [ChangeEvent, ...ChangeEvent[]][] = [];
  for (const change of sortChanges(changes)) {
    let best: { group: ChangeEvent[]; distance: number } | null = null;
    for (let i = groups.length - 1; i >= 0; i--) {
      const group = groups[i];
      if (group === undefined) continue;
      const anchor = group[0];
      // Groups are in time order of their first sighting: older ones are out of reach too.
      if (change.timeMs - anchor.timeMs > toleranceMs) break;
      const fits =
        group.every((c) => c.source !== change.source) && group.every((c) => sameTarget(c, change));
      const distance = change.timeMs - anchor.timeMs;
      if (fits && (best === null || distance < best.distance)) best = { group, distance };
    }
    if (best === null) groups.push([change]);
    else best.group.push(change);
  }
  return sortChanges(groups.map(([first, ...others]) => merge(first, others)));
}
