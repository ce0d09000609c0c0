/**
 * kube-state-metrics series that reveal changes: a ReplicaSet per Deployment rollout (created
 * time + owner), DaemonSet and StatefulSet generations, ConfigMap resource versions and
 * Deployment replicas.
 * Objects that existed before the window are present from its first sample, with a creation
 * time days earlier; new ReplicaSets appear at their creation and stay (Kubernetes keeps old
 * ReplicaSets for rollbacks).
 */

import { column, type EngineContext } from './context';
import type { ChangeDefinition, ServiceDefinition } from './definition';
import { type Grid, stepAtOrAfter } from './grid';
import type { Random } from './random';
import { toMs } from './time';

export const KSM_TARGET = { job: 'kube-state-metrics', instance: '10.8.0.20:8080' };

/** Characters Kubernetes uses for pod-template hashes (no vowels, no look-alikes). */
const HASH_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function templateHash(random: Random): string {
  return Array.from(
    { length: 10 },
    () => HASH_ALPHABET[Math.floor(random.next() * HASH_ALPHABET.length)],
  ).join('');
}

/** A gauge that holds `initial` and takes a new value at each change, from its first sample on. */
function steppedGauge(
  grid: Grid,
  initial: number,
  steps: readonly { at: number; value: number }[],
): Float64Array {
  const values = column(grid).fill(initial);
  for (const step of [...steps].sort((a, b) => a.at - b.at)) {
    values.fill(step.value, stepAtOrAfter(grid, step.at));
  }
  return values;
}

function changesOf<K extends ChangeDefinition['kind']>(
  ctx: EngineContext,
  service: ServiceDefinition,
  kind: K,
): Extract<ChangeDefinition, { kind: K }>[] {
  return ctx.def.changes.filter(
    (c): c is Extract<ChangeDefinition, { kind: K }> =>
      c.kind === kind && c.service === service.name,
  );
}

function addReplicaSets(ctx: EngineContext, service: ServiceDefinition): void {
  const { grid, sink } = ctx;
  const random = ctx.random(`replicasets|${service.name}`);
  // Every deploy, a rollback included, gets a new ReplicaSet: the pipeline stamps a deploy id
  // into the pod template, so no two rollouts share a template hash.
  const before = grid.realStartMs - Math.round((2 + 20 * random.next()) * 86_400) * 1000;
  const creations = [before, ...changesOf(ctx, service, 'deploy').map((c) => toMs(c.time))];
  for (const createdMs of creations) {
    const replicaset = `${service.name}-${templateHash(random)}`;
    const present = new Uint8Array(grid.steps);
    present.fill(1, stepAtOrAfter(grid, createdMs));
    const created = column(grid).fill(Math.floor((createdMs + grid.shiftMs) / 1000));
    const ids = { namespace: service.namespace, replicaset, ...KSM_TARGET };
    sink.add(
      'kube_replicaset_created',
      { __name__: 'kube_replicaset_created', ...ids },
      created,
      present,
    );
    const owner = {
      __name__: 'kube_replicaset_owner',
      ...ids,
      owner_kind: 'Deployment',
      owner_name: service.name,
      owner_is_controller: 'true',
    };
    sink.add('kube_replicaset_owner', owner, column(grid).fill(1), present.slice());
  }
  const replicas = steppedGauge(
    grid,
    service.replicas ?? 1,
    changesOf(ctx, service, 'scale').map((c) => ({ at: toMs(c.time), value: c.to })),
  );
  const labels = {
    __name__: 'kube_deployment_spec_replicas',
    namespace: service.namespace,
    deployment: service.name,
  };
  sink.add('kube_deployment_spec_replicas', { ...labels, ...KSM_TARGET }, replicas);
}

/** DaemonSets and StatefulSets roll out by a new generation of their spec, not a ReplicaSet. */
function addGeneration(
  ctx: EngineContext,
  service: ServiceDefinition,
  kind: 'daemonset' | 'statefulset',
): void {
  const random = ctx.random(`${kind}|${service.name}`);
  const initial = 2 + Math.floor(6 * random.next());
  const rollouts = changesOf(ctx, service, 'deploy').map((c, i) => ({
    at: toMs(c.time),
    value: initial + i + 1,
  }));
  const name = `kube_${kind}_metadata_generation`;
  const labels = { __name__: name, namespace: service.namespace, [kind]: service.name };
  ctx.sink.add(name, { ...labels, ...KSM_TARGET }, steppedGauge(ctx.grid, initial, rollouts));
}

function addConfigMaps(ctx: EngineContext, service: ServiceDefinition): void {
  for (const configmap of service.configmaps ?? []) {
    const random = ctx.random(`configmap|${service.namespace}|${configmap}`);
    // resourceVersion is the etcd revision of the last write: large, and only ever growing.
    let version = 10_000_000 + Math.floor(80_000_000 * random.next());
    const initial = version;
    const writes = changesOf(ctx, service, 'config')
      .filter((c) => c.configmap === configmap)
      .map((c) => {
        version += 1_000 + Math.floor(50_000 * random.next());
        return { at: toMs(c.time), value: version };
      });
    const labels = {
      __name__: 'kube_configmap_metadata_resource_version',
      namespace: service.namespace,
      configmap,
    };
    ctx.sink.add(
      'kube_configmap_metadata_resource_version',
      { ...labels, ...KSM_TARGET },
      steppedGauge(ctx.grid, initial, writes),
    );
  }
}

export function addKubeStateMetrics(ctx: EngineContext): void {
  const { sink } = ctx;
  sink.family('kube_replicaset_created', 'gauge', 'Unix creation timestamp.');
  sink.family('kube_replicaset_owner', 'gauge', "Information about the ReplicaSet's owner.");
  sink.family('kube_deployment_spec_replicas', 'gauge', 'Number of desired pods for a deployment.');
  for (const kind of ['daemonset', 'statefulset']) {
    sink.family(
      `kube_${kind}_metadata_generation`,
      'gauge',
      'Sequence number of the desired state.',
    );
  }
  sink.family(
    'kube_configmap_metadata_resource_version',
    'gauge',
    'Resource version of the configmap.',
  );
  for (const service of ctx.def.services) {
    if (service.workload === 'Deployment') addReplicaSets(ctx, service);
    else
      addGeneration(ctx, service, service.workload === 'DaemonSet' ? 'daemonset' : 'statefulset');
    addConfigMaps(ctx, service);
  }
}
