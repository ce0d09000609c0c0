/**
 * Changes found in kube-state-metrics and `*_build_info` series: range-query results as
 * `queryRange` returns them in, `ChangeEvent`s out. Nothing here throws on odd data: a series
 * without the labels it needs, or a sample that is NaN, is skipped, because one broken exporter
 * must not take the other markers down with it.
 */

import { sortChanges, type ChangeEvent } from '../domain/changes';
import type { TimeSeries } from '../domain/series';
import type { AbsoluteRange } from '../domain/time-range';
import { objectId, objectPath, samplesByObject, valueSteps, type Labels } from './object-samples';

const KSM = 'kube-state-metrics';

function namespaceOf(labels: Labels): string | null {
  return labels.namespace === undefined || labels.namespace === '' ? null : labels.namespace;
}

/**
 * Deploys from `kube_replicaset_created * on (namespace, replicaset) group_left (owner_name)
 * kube_replicaset_owner{owner_kind="Deployment"}`: every rollout of a Deployment creates a
 * ReplicaSet, whose value is its creation time in epoch seconds — exact to the second, unlike
 * the query step. A ReplicaSet created outside `range` is no change in it (the old ReplicaSets
 * kept for rollbacks are in every sample). A rollback to a ReplicaSet that still exists makes no
 * new one; `deploysFromBuildInfo` sees those.
 */
export function deploysFromReplicaSets(
  series: readonly TimeSeries[],
  range: AbsoluteRange,
): ChangeEvent[] {
  const changes: ChangeEvent[] = [];
  for (const { labels, samples } of samplesByObject(series, 'replicaset')) {
    const replicaset = labels.replicaset ?? '';
    const owner = labels.owner_name;
    const createdSeconds = samples.find((s) => s.value > 0)?.value;
    if (owner === undefined || owner === '' || createdSeconds === undefined) continue;
    const timeMs = createdSeconds * 1000;
    if (timeMs < range.startMs || timeMs > range.endMs) continue;
    changes.push({
      id: `${KSM}:replicaset:${objectId(labels, replicaset)}`,
      timeMs,
      kind: 'deploy',
      service: owner,
      namespace: namespaceOf(labels),
      title: `Deployment ${objectPath(labels, owner)} rollout (ReplicaSet ${replicaset})`,
      version: null,
      from: null,
      to: null,
      url: null,
      source: KSM,
      workload: 'Deployment',
    });
  }
  return sortChanges(changes);
}

const WORKLOAD_NAME = { daemonset: 'DaemonSet', statefulset: 'StatefulSet' } as const;

/**
 * DaemonSet or StatefulSet rollouts from raw `kube_daemonset_metadata_generation` /
 * `kube_statefulset_metadata_generation`: these roll out without ReplicaSets, and the generation
 * of their spec goes up with each change. The time is the first sample with the new generation,
 * so it is as exact as the query step. A generation that goes down belongs to an object deleted
 * and created again, not to a rollout of it, and is not reported.
 */
export function rolloutsFromGenerations(
  series: readonly TimeSeries[],
  kind: 'daemonset' | 'statefulset',
): ChangeEvent[] {
  const changes: ChangeEvent[] = [];
  for (const { labels, samples } of samplesByObject(series, kind)) {
    const name = labels[kind] ?? '';
    for (const step of valueSteps(samples)) {
      if (step.to < step.from) continue;
      const generations = `generation ${String(step.from)} → ${String(step.to)}`;
      changes.push({
        id: `${KSM}:${kind}:${objectId(labels, name)}:${String(step.to)}`,
        timeMs: step.timeMs,
        kind: 'deploy',
        service: name,
        namespace: namespaceOf(labels),
        title: `${WORKLOAD_NAME[kind]} ${objectPath(labels, name)} rollout (${generations})`,
        version: null,
        from: `generation ${String(step.from)}`,
        to: `generation ${String(step.to)}`,
        url: null,
        source: KSM,
        workload: WORKLOAD_NAME[kind],
      });
    }
  }
  return sortChanges(changes);
}

/**
 * Labels that name the service a ConfigMap belongs to, when the query joins them in from
 * `kube_configmap_labels` (kube-state-metrics' `--metric-labels-allowlist`). Not `service`: on
 * series scraped through a Kubernetes Service (the Prometheus Operator's ServiceMonitor) that
 * label names kube-state-metrics' own Service, not the ConfigMap's owner.
 */
const CONFIGMAP_SERVICE_LABELS = ['label_app_kubernetes_io_name', 'label_app'];

/**
 * Config changes from raw `kube_configmap_metadata_resource_version{namespace, configmap}`: the
 * value is the etcd revision of the last write, so any change of it is a write. Which service
 * reads a ConfigMap is not in the metric, and guessing from names (`dalle-worker-config` →
 * `dalle-worker`) is wrong often enough to mislead, so the service is the ConfigMap's name unless
 * a label in `CONFIGMAP_SERVICE_LABELS` says otherwise. Revision numbers mean nothing to a
 * reader, so `from` and `to` stay empty.
 */
export function configChangesFromResourceVersions(series: readonly TimeSeries[]): ChangeEvent[] {
  const changes: ChangeEvent[] = [];
  for (const { labels, samples } of samplesByObject(series, 'configmap')) {
    const configmap = labels.configmap ?? '';
    const owner = CONFIGMAP_SERVICE_LABELS.map((name) => labels[name]).find((v) => v);
    for (const step of valueSteps(samples)) {
      changes.push({
        id: `${KSM}:configmap:${objectId(labels, configmap)}:${String(step.to)}`,
        timeMs: step.timeMs,
        kind: 'config',
        service: owner ?? configmap,
        namespace: namespaceOf(labels),
        title: `ConfigMap ${objectPath(labels, configmap)} updated`,
        version: null,
        from: null,
        to: null,
        url: null,
        source: KSM,
      });
    }
  }
  return sortChanges(changes);
}

/** Scale changes from raw `kube_deployment_spec_replicas{namespace, deployment}`: from → to. */
export function scaleChangesFromReplicas(series: readonly TimeSeries[]): ChangeEvent[] {
  const changes: ChangeEvent[] = [];
  for (const { labels, samples } of samplesByObject(series, 'deployment')) {
    const deployment = labels.deployment ?? '';
    for (const step of valueSteps(samples)) {
      const [from, to] = [String(step.from), String(step.to)];
      changes.push({
        id: `${KSM}:deployment:${objectId(labels, deployment)}:${String(step.timeMs)}`,
        timeMs: step.timeMs,
        kind: 'scale',
        service: deployment,
        namespace: namespaceOf(labels),
        title: `Deployment ${objectPath(labels, deployment)} scaled ${from} → ${to}`,
        version: null,
        from,
        to,
        url: null,
        source: KSM,
        workload: 'Deployment',
      });
    }
  }
  return sortChanges(changes);
}

interface ServiceVersions {
  readonly labels: Labels;
  /** The versions seen at each sample time. */
  readonly byTime: Map<number, Set<string>>;
}

/** Series by service (`cluster`, `namespace`, `service`), whatever else the query kept. */
function versionsByService(series: readonly TimeSeries[]): ServiceVersions[] {
  const services = new Map<string, ServiceVersions>();
  for (const { labels, times, values } of series) {
    const { service, version } = labels;
    if (service === undefined || service === '' || version === undefined || version === '') {
      continue;
    }
    const key = JSON.stringify([labels.cluster ?? '', labels.namespace ?? '', service]);
    const entry = services.get(key) ?? { labels, byTime: new Map<number, Set<string>>() };
    services.set(key, entry);
    times.forEach((timeMs, i) => {
      const value = values[i];
      if (!Number.isFinite(timeMs) || value === undefined || !Number.isFinite(value)) return;
      entry.byTime.set(timeMs, (entry.byTime.get(timeMs) ?? new Set<string>()).add(version));
    });
  }
  return [...services.values()];
}

/**
 * Deploys from `max by (namespace, service, version) (app_build_info)`: a version that appears
 * after another version of the same service was seen is a deploy from → to, at the first sample
 * showing it. Both versions run side by side during a rollout, so "from" is the version deployed
 * last (or the only other one seen just before). This also sees rollbacks to a ReplicaSet that
 * still existed, which make no new ReplicaSet; `dedupeChanges` folds the rest into the
 * ReplicaSet's deploy.
 */
export function deploysFromBuildInfo(series: readonly TimeSeries[]): ChangeEvent[] {
  const changes: ChangeEvent[] = [];
  for (const { labels, byTime } of versionsByService(series)) {
    const service = labels.service ?? '';
    let previous: ReadonlySet<string> | null = null;
    let latest: string | null = null;
    for (const timeMs of [...byTime.keys()].sort((a, b) => a - b)) {
      const current = byTime.get(timeMs) ?? new Set<string>();
      // What ran before the range is unknown: the versions of the first sample are no deploys.
      if (previous === null) latest = current.size === 1 ? ([...current][0] ?? null) : null;
      const before: ReadonlySet<string> = previous ?? current;
      for (const to of [...current].filter((v) => !before.has(v)).sort()) {
        const others = [...before].filter((v) => v !== to);
        const from = latest !== null && latest !== to ? latest : (others[0] ?? null);
        changes.push({
          id: `build-info:${objectId(labels, service)}:${to}:${String(timeMs)}`,
          timeMs,
          kind: 'deploy',
          service,
          namespace: namespaceOf(labels),
          title: from === null ? `${service} ${to}` : `${service} ${from} → ${to}`,
          version: to,
          from,
          to,
          url: null,
          source: 'build-info',
        });
        latest = to;
      }
      previous = current;
    }
  }
  return sortChanges(changes);
}
