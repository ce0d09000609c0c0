import { describe, expect, it } from 'vitest';
import { dedupeChanges, sortChanges, type ChangeEvent } from '../../src/domain/changes';

const T0 = Date.parse('2024-01-29T22:33:00Z');

function change(overrides: Partial<ChangeEvent> & Pick<ChangeEvent, 'id' | 'source'>): ChangeEvent {
  return {
    timeMs: T0,
    kind: 'deploy',
    service: 'backend',
    namespace: 'backend',
    title: overrides.id,
    version: null,
    from: null,
    to: null,
    url: null,
    ...overrides,
  };
}

const replicaSet = change({
  id: 'rs',
  source: 'kube-state-metrics',
  timeMs: T0 + 17_000,
  title: 'Deployment backend/backend rollout (ReplicaSet backend-7c9f8)',
});
const buildInfo = change({
  id: 'bi',
  source: 'build-info',
  timeMs: T0 + 60_000,
  title: 'backend v3.118.2 → v3.119.0',
  version: 'v3.119.0',
  from: 'v3.118.2',
  to: 'v3.119.0',
  namespace: null,
});

describe('sorting changes', () => {
  it('puts them in time order, ties in a fixed order', () => {
    const a = change({ id: 'a', source: 'custom', kind: 'scale' });
    const b = change({ id: 'b', source: 'custom', kind: 'config' });
    const c = change({ id: 'c', source: 'custom', timeMs: T0 - 1 });
    expect(sortChanges([a, b, c]).map((x) => x.id)).toEqual(['c', 'b', 'a']);
    expect(sortChanges([b, c, a]).map((x) => x.id)).toEqual(['c', 'b', 'a']);
  });
});

describe('deduplicating changes', () => {
  it('folds a ReplicaSet and a build_info version change into one deploy at the ReplicaSet’s time', () => {
    const [deploy, ...rest] = dedupeChanges([buildInfo, replicaSet]);
    expect(rest).toEqual([]);
    expect(deploy).toEqual({
      ...replicaSet,
      title: 'backend v3.118.2 → v3.119.0',
      version: 'v3.119.0',
      from: 'v3.118.2',
      to: 'v3.119.0',
    });
  });

  it('keeps them apart when more than two minutes lie between them, unless told a longer step', () => {
    const late = { ...buildInfo, timeMs: replicaSet.timeMs + 150_000 };
    expect(dedupeChanges([replicaSet, late])).toHaveLength(2);
    expect(dedupeChanges([replicaSet, late], 300_000)).toHaveLength(1);
  });

  it('keeps two ReplicaSets of one Deployment a minute apart as two deploys', () => {
    const again = { ...replicaSet, id: 'rs2', timeMs: replicaSet.timeMs + 60_000 };
    const deploys = dedupeChanges([replicaSet, again, buildInfo]);
    expect(deploys.map((d) => [d.id, d.version])).toEqual([
      ['rs', 'v3.119.0'],
      ['rs2', null],
    ]);
  });

  it('gives a version change to the nearest ReplicaSet before it', () => {
    const again = { ...replicaSet, id: 'rs2', timeMs: replicaSet.timeMs + 60_000 };
    const later = { ...buildInfo, timeMs: again.timeMs + 10_000 };
    const deploys = dedupeChanges([replicaSet, again, later]);
    expect(deploys.map((d) => [d.id, d.version])).toEqual([
      ['rs', null],
      ['rs2', 'v3.119.0'],
    ]);
  });

  it('does not fold changes of another service, namespace or kind', () => {
    const others = [
      { ...buildInfo, id: 'svc', service: 'chatgpt' },
      { ...buildInfo, id: 'ns', namespace: 'staging' },
      { ...buildInfo, id: 'kind', kind: 'scale' as const },
    ];
    expect(dedupeChanges([replicaSet, ...others])).toHaveLength(4);
  });

  it('takes a pipeline’s title and link over the ones found in metrics', () => {
    const pipeline = change({
      id: 'file',
      source: 'events-file',
      timeMs: T0,
      title: 'backend v3.119.0: routing table refactor',
      url: 'https://ci.example.com/backend/8812',
      namespace: null,
    });
    const [deploy] = dedupeChanges([pipeline, replicaSet, buildInfo]);
    expect(deploy).toMatchObject({
      id: 'rs',
      timeMs: replicaSet.timeMs,
      source: 'kube-state-metrics',
      title: 'backend v3.119.0: routing table refactor',
      namespace: 'backend',
      version: 'v3.119.0',
      url: 'https://ci.example.com/backend/8812',
    });
  });

  it('returns an empty list for no changes', () => {
    expect(dedupeChanges([])).toEqual([]);
  });
});
