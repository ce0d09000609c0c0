import { describe, expect, it } from 'vitest';
import type { TimeSeries } from '../../src/domain/series';
import {
  configChangesFromResourceVersions,
  deploysFromBuildInfo,
  deploysFromReplicaSets,
  rolloutsFromGenerations,
  scaleChangesFromReplicas,
} from '../../src/sources/kube-state-changes';

const T0 = Date.parse('2024-01-29T22:30:00Z');
const STEP = 60_000;
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
const ksm = { job: 'kube-state-metrics', instance: '10.8.0.20:8080', cluster: 'prod' };

/** A series sampled every minute from T0 (plus `offset` steps); null is a missing sample. */
function series(
  labels: Record<string, string>,
  values: readonly (number | null)[],
  offset = 0,
): TimeSeries {
  const samples = values
    .map((value, i) => ({ value, timeMs: T0 + (i + offset) * STEP }))
    .filter((s): s is { value: number; timeMs: number } => s.value !== null);
  return { labels, times: samples.map((s) => s.timeMs), values: samples.map((s) => s.value) };
}

describe('deploys from ReplicaSets', () => {
  const range = { startMs: T0, endMs: T0 + 60 * STEP };
  const replicaset = (name: string, createdSeconds: number, extra = {}) =>
    series({ ...ksm, namespace: 'backend', replicaset: name, owner_name: 'backend', ...extra }, [
      createdSeconds,
      createdSeconds,
      createdSeconds,
    ]);

  it('takes the creation time from the value, to the second', () => {
    const created = Date.parse('2024-01-29T22:33:17Z') / 1000;
    const [deploy] = deploysFromReplicaSets([replicaset('backend-7c9f8', created)], range);
    expect(deploy?.timeMs).toBe(Date.parse('2024-01-29T22:33:17Z'));
    expect(deploy?.id).toBe('kube-state-metrics:replicaset:prod/backend/backend-7c9f8');
  });

  it('counts a ReplicaSet reported by two kube-state-metrics replicas once', () => {
    const created = T0 / 1000 + 200;
    const twice = [
      replicaset('backend-7c9f8', created),
      replicaset('backend-7c9f8', created, { instance: '10.8.0.21:8080' }),
    ];
    expect(deploysFromReplicaSets(twice, range)).toHaveLength(1);
  });

  it('skips series without an owner, with NaN or no samples, and creations outside the range', () => {
    const noOwner = series({ ...ksm, namespace: 'backend', replicaset: 'backend-1' }, [T0 / 1000]);
    const broken = [
      noOwner,
      replicaset('backend-nan', NaN),
      {
        labels: { ...ksm, replicaset: 'backend-empty', owner_name: 'backend' },
        times: [],
        values: [],
      },
      replicaset('backend-future', (T0 + 61 * STEP) / 1000),
      replicaset('backend-old', T0 / 1000 - 86_400),
    ];
    expect(deploysFromReplicaSets(broken, range)).toEqual([]);
  });
});

describe('rollouts from generations', () => {
  const generation = (values: (number | null)[], extra = {}) =>
    series({ ...ksm, namespace: 'db', statefulset: 'postgres', ...extra }, values);

  it('reports each step up of the generation at its first sample', () => {
    const rollouts = rolloutsFromGenerations([generation([3, 3, 4, 4, 6])], 'statefulset');
    expect(rollouts.map((c) => [iso(c.timeMs), c.from, c.to])).toEqual([
      ['2024-01-29T22:32:00Z', 'generation 3', 'generation 4'],
      ['2024-01-29T22:34:00Z', 'generation 4', 'generation 6'],
    ]);
    expect(rollouts[0]?.title).toBe('StatefulSet db/postgres rollout (generation 3 → 4)');
  });

  it('sees a rollout made while the exporter restarted under a new instance label', () => {
    const before = generation([3, 3, null, null, null]);
    const after = generation([null, null, null, 4, 4], { instance: '10.8.0.99:8080' });
    const rollouts = rolloutsFromGenerations([after, before], 'statefulset');
    expect(rollouts.map((c) => iso(c.timeMs))).toEqual(['2024-01-29T22:33:00Z']);
  });

  it('does not call a recreated object (generation back to 1) a rollout, and skips NaN', () => {
    expect(rolloutsFromGenerations([generation([5, NaN, 5, 1, 1])], 'statefulset')).toEqual([]);
  });

  it('needs the object label of its kind', () => {
    const daemonset = series({ ...ksm, namespace: 'monitoring', daemonset: 'agent' }, [1, 2]);
    expect(rolloutsFromGenerations([daemonset], 'statefulset')).toEqual([]);
    expect(rolloutsFromGenerations([daemonset], 'daemonset')).toHaveLength(1);
  });
});

describe('config changes from ConfigMap resource versions', () => {
  const configmap = (extra = {}) =>
    series(
      { ...ksm, namespace: 'labs', configmap: 'dalle-worker-config', ...extra },
      [41_000_000, 41_000_000, 41_023_456, 41_023_456],
    );

  it('uses the ConfigMap name as the service, not the scrape target’s service label', () => {
    const [change] = configChangesFromResourceVersions([
      configmap({ service: 'kube-state-metrics' }),
    ]);
    expect(change).toMatchObject({
      timeMs: T0 + 2 * STEP,
      kind: 'config',
      service: 'dalle-worker-config',
      namespace: 'labs',
      title: 'ConfigMap labs/dalle-worker-config updated',
    });
  });

  it('takes the service from an app label joined in from kube_configmap_labels', () => {
    const joined = configmap({ label_app_kubernetes_io_name: 'dalle-worker' });
    expect(configChangesFromResourceVersions([joined])[0]?.service).toBe('dalle-worker');
  });
});

describe('scale changes from Deployment replicas', () => {
  it('reports each change of spec.replicas as from → to, down as well as up', () => {
    const replicas = series({ ...ksm, namespace: 'labs', deployment: 'dalle-worker' }, [
      12,
      12,
      6,
      null,
      6,
      12,
    ]);
    const changes = scaleChangesFromReplicas([replicas]);
    expect(changes.map((c) => [iso(c.timeMs), c.from, c.to, c.kind])).toEqual([
      ['2024-01-29T22:32:00Z', '12', '6', 'scale'],
      ['2024-01-29T22:35:00Z', '6', '12', 'scale'],
    ]);
  });

  it('returns nothing for no series, empty series or mismatched columns', () => {
    expect(scaleChangesFromReplicas([])).toEqual([]);
    const odd = { labels: { deployment: 'api' }, times: [T0, T0 + STEP], values: [1] };
    expect(scaleChangesFromReplicas([odd])).toEqual([]);
  });
});

describe('deploys from build_info versions', () => {
  const version = (v: string, values: (number | null)[], extra = {}) =>
    series({ namespace: 'backend', service: 'backend', version: v, ...extra }, values);

  it('reports a version appearing after another, with from → to', () => {
    const deploys = deploysFromBuildInfo([
      version('v1', [1, 1, 1, 1, null, null]),
      version('v2', [null, null, 1, 1, 1, 1]),
    ]);
    expect(deploys.map((c) => [iso(c.timeMs), c.from, c.to, c.version])).toEqual([
      ['2024-01-29T22:32:00Z', 'v1', 'v2', 'v2'],
    ]);
    expect(deploys[0]?.source).toBe('build-info');
  });

  it('does not call the versions already running at the start of the range deploys', () => {
    const canary = [version('v1', [1, 1, 1]), version('v2', [1, 1, 1])];
    expect(deploysFromBuildInfo(canary)).toEqual([]);
  });

  it('keeps services and clusters apart, and skips series without a version', () => {
    const deploys = deploysFromBuildInfo([
      version('v1', [1, 1, null], { cluster: 'east' }),
      version('v2', [null, null, 1], { cluster: 'east' }),
      version('v7', [1, 1, 1], { cluster: 'west' }),
      series({ namespace: 'api', service: 'api' }, [1, 1, 1]),
      version('v3', [NaN, NaN, 1], { service: 'worker' }),
    ]);
    expect(deploys.map((c) => [c.service, c.from, c.to])).toEqual([['backend', 'v1', 'v2']]);
  });

  it('sees a rollback to the version that ran before', () => {
    const deploys = deploysFromBuildInfo([
      version('v1', [1, null, null, 1, 1]),
      version('v2', [null, 1, 1, null, null]),
    ]);
    expect(deploys.map((c) => [c.from, c.to])).toEqual([
      ['v1', 'v2'],
      ['v2', 'v1'],
    ]);
  });
});
