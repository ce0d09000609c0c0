/**
 * Range-query results read per Kubernetes object. One object can come as several series: two
 * kube-state-metrics replicas scraped side by side, or a new `instance` label after the exporter's
 * pod restarted. Reading each series alone would report a change twice, or miss one made while
 * the exporter restarted, so the series of one object are merged into one sample sequence first.
 */

import type { TimeSeries } from '../domain/series';
import { seriesKey } from '../domain/series';
import { isolated } from '../domain/shown-text';

export type Labels = Readonly<Record<string, string>>;

export interface Sample {
  readonly timeMs: number;
  readonly value: number;
}

export interface ObjectSamples {
  /** Labels of the object's first series (by label set), for names and extra labels. */
  readonly labels: Labels;
  /** Finite samples in time order, one per time. */
  readonly samples: readonly Sample[];
}

/** What tells objects apart; `cluster` keeps same-named objects of two clusters apart. */
function identity(labels: Labels, objectLabel: string): string | null {
  const name = labels[objectLabel];
  if (name === undefined || name === '') return null;
  return JSON.stringify([labels.cluster ?? '', labels.namespace ?? '', name]);
}

/**
 * Series grouped by object (`cluster`, `namespace` and `objectLabel`, e.g. `daemonset`), each
 * group's samples merged in time order. Series without `objectLabel`, and samples whose time or
 * value is not a finite number (NaN from a broken exporter, a half-read response), are skipped.
 * When two series hold a sample at the same time, the one whose label set sorts first wins, so
 * the result does not depend on the order Prometheus answered in.
 */
export function samplesByObject(
  series: readonly TimeSeries[],
  objectLabel: string,
): ObjectSamples[] {
  const groups = new Map<string, { labels: Labels; byTime: Map<number, number> }>();
  const ordered = [...series].sort((a, b) =>
    seriesKey(a.labels).localeCompare(seriesKey(b.labels)),
  );
  for (const one of ordered) {
    const key = identity(one.labels, objectLabel);
    if (key === null) continue;
    let group = groups.get(key);
    if (group === undefined) {
      group = { labels: one.labels, byTime: new Map() };
      groups.set(key, group);
    }
    const count = Math.min(one.times.length, one.values.length);
    for (let i = 0; i < count; i++) {
      const timeMs = one.times[i];
      const value = one.values[i];
      if (timeMs === undefined || value === undefined) continue;
      if (!Number.isFinite(timeMs) || !Number.isFinite(value)) continue;
      if (!group.byTime.has(timeMs)) group.byTime.set(timeMs, value);
    }
  }
  return [...groups.values()].map(({ labels, byTime }) => ({
    labels,
    samples: [...byTime]
      .map(([timeMs, value]) => ({ timeMs, value }))
      .sort((a, b) => a.timeMs - b.timeMs),
  }));
}

export interface ValueStep {
  /** The first sample with the new value: the change happened at most one step before. */
  readonly timeMs: number;
  readonly from: number;
  readonly to: number;
}

/**
 * Where a sampled value changes. The first sample is no change (what came before the range is
 * unknown); a gap in the samples is bridged, so a value that differs after the gap is a change
 * at the first sample after it.
 */
export function valueSteps(samples: readonly Sample[]): ValueStep[] {
  const steps: ValueStep[] = [];
  let previous: number | null = null;
  for (const { timeMs, value } of samples) {
    if (previous !== null && value !== previous) steps.push({ timeMs, from: previous, to: value });
    previous = value;
  }
  return steps;
}

/** `namespace/name`, or the name alone when the series carry no namespace. */
export function objectPath(labels: Labels, name: string): string {
  const namespace = labels.namespace;
  return namespace === undefined || namespace === ''
    ? isolated(name)
    : `${isolated(namespace)}/${isolated(name)}`;
}

/** The part of a change id that says which object: cluster, namespace and name. */
export function objectId(labels: Labels, name: string): string {
  const cluster = labels.cluster;
  const path = objectPath(labels, name);
  return cluster === undefined || cluster === '' ? path : `${cluster}/${path}`;
}
