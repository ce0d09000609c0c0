import { describe, expect, it } from 'vitest';
import { evaluateRange } from '../../mocks/promql/evaluate';
import { createSeriesStore } from '../../mocks/promql/series-store';
import { generateScenario } from '../../mocks/scenario/engine';
import type { ScenarioDefinition } from '../../mocks/scenario/definition';
import { eventsFile } from '../../mocks/scenario/events';
import { scenarios } from '../../mocks/scenarios';
import { dedupeChanges, type ChangeEvent } from '../../src/domain/changes';
import type { TimeSeries } from '../../src/domain/series';
import type { AbsoluteRange } from '../../src/domain/time-range';
import { alertWindows } from '../../src/sources/alert-windows';
import { eventsFromFile } from '../../src/sources/events-file-events';
import {
  configChangesFromResourceVersions,
  deploysFromBuildInfo,
  deploysFromReplicaSets,
  rolloutsFromGenerations,
  scaleChangesFromReplicas,
} from '../../src/sources/kube-state-changes';

const DEPLOYS =
  'kube_replicaset_created * on (namespace, replicaset) group_left (owner_name)' +
  ' kube_replicaset_owner{owner_kind="Deployment"}';
const BUILD_VERSIONS = 'max by (namespace, service, version) (app_build_info)';

/**
 * A range query answered by the mock Prometheus from a scenario's samples, in the shape
 * `queryRange` returns: labels, times in ms, values parsed from Prometheus's strings.
 */
function rangeQuery(def: ScenarioDefinition) {
  const scenario = generateScenario(def);
  const store = createSeriesStore(scenario.series);
  const full = { startMs: scenario.startMs, endMs: scenario.endMs };
  return (expr: string, stepMs: number, range: AbsoluteRange = full): TimeSeries[] => {
    const result = evaluateRange(expr, store, range.startMs, range.endMs, stepMs);
    if (result.resultType !== 'matrix') throw new Error(`expected a matrix for ${expr}`);
    return result.result.map(({ metric, values }) => ({
      labels: metric,
      times: values.map(([seconds]) => seconds * 1000),
      values: values.map(([, value]) => Number.parseFloat(value)),
    }));
  };
}

const at = (time: string): number => Date.parse(time);
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
const brief = (c: ChangeEvent) => [iso(c.timeMs), c.service, c.from, c.to];

describe('scenario A: two deploys and their rollbacks', () => {
  const query = rangeQuery(scenarios.a);
  const range = { startMs: at('2024-01-29T18:00:00Z'), endMs: at('2024-01-30T04:00:00Z') };

  it('finds every new ReplicaSet at its creation time, exact to the second', () => {
    // An 11-minute step: no deploy falls on a step, and the times must not move to one.
    const deploys = deploysFromReplicaSets(query(DEPLOYS, 660_000), range);
    expect(deploys.map((c) => [iso(c.timeMs), c.service, c.namespace])).toEqual([
      ['2024-01-29T19:42:00Z', 'api', 'api'],
      ['2024-01-29T22:33:00Z', 'backend', 'backend'],
      ['2024-01-30T00:17:00Z', 'chatgpt', 'chatgpt'],
      ['2024-01-30T00:28:00Z', 'backend', 'backend'],
      ['2024-01-30T00:30:00Z', 'chatgpt', 'chatgpt'],
    ]);
    expect(deploys[1]?.title).toMatch(
      /^Deployment backend\/backend rollout \(ReplicaSet backend-\w+\)$/,
    );
    expect(deploys.every((c) => c.kind === 'deploy' && c.source === 'kube-state-metrics')).toBe(
      true,
    );
  });

  it('leaves out ReplicaSets created before the range, the old ones kept for rollbacks', () => {
    const late = { startMs: at('2024-01-30T00:00:00Z'), endMs: range.endMs };
    const deploys = deploysFromReplicaSets(query(DEPLOYS, 60_000, late), late);
    expect(deploys.map((c) => iso(c.timeMs))).toEqual([
      '2024-01-30T00:17:00Z',
      '2024-01-30T00:28:00Z',
      '2024-01-30T00:30:00Z',
    ]);
  });

  it('reads deploys and rollbacks from build_info versions, from → to', () => {
    const deploys = deploysFromBuildInfo(query(BUILD_VERSIONS, 60_000));
    expect(deploys.map(brief)).toEqual([
      ['2024-01-29T19:42:00Z', 'api', 'v1.92.0', 'v1.93.0'],
      ['2024-01-29T22:33:00Z', 'backend', 'v3.118.2', 'v3.119.0'],
      ['2024-01-30T00:17:00Z', 'chatgpt', 'v2024.01.26-3', 'v2024.01.29-1'],
      ['2024-01-30T00:28:00Z', 'backend', 'v3.119.0', 'v3.118.2'],
      ['2024-01-30T00:30:00Z', 'chatgpt', 'v2024.01.29-1', 'v2024.01.26-3'],
    ]);
    expect(deploys[1]?.title).toBe('backend v3.118.2 → v3.119.0');
    expect(deploys[1]?.version).toBe('v3.119.0');
  });

  it('folds a ReplicaSet and its version change into one deploy at the ReplicaSet time', () => {
    const stepMs = 660_000;
    const versions = deploysFromBuildInfo(query(BUILD_VERSIONS, stepMs));
    expect(iso(versions[1]?.timeMs ?? 0)).toBe('2024-01-29T22:35:00Z');
    const found = [...deploysFromReplicaSets(query(DEPLOYS, stepMs), range), ...versions];
    // At an 11-minute step a version is seen up to a step late: the step is the tolerance.
    const deploys = dedupeChanges(found, stepMs);
    expect(deploys.map(brief)).toEqual([
      ['2024-01-29T19:42:00Z', 'api', 'v1.92.0', 'v1.93.0'],
      ['2024-01-29T22:33:00Z', 'backend', 'v3.118.2', 'v3.119.0'],
      ['2024-01-30T00:17:00Z', 'chatgpt', 'v2024.01.26-3', 'v2024.01.29-1'],
      ['2024-01-30T00:28:00Z', 'backend', 'v3.119.0', 'v3.118.2'],
      ['2024-01-30T00:30:00Z', 'chatgpt', 'v2024.01.29-1', 'v2024.01.26-3'],
    ]);
    expect(deploys.every((c) => c.source === 'kube-state-metrics')).toBe(true);
  });

  it('folds the events file of the pipeline into the same deploys, keeping its titles and links', () => {
    const stepMs = 60_000;
    const fromFile = eventsFromFile(eventsFile(scenarios.a, 0)).changes;
    const deploys = dedupeChanges([
      ...deploysFromReplicaSets(query(DEPLOYS, stepMs), range),
      ...deploysFromBuildInfo(query(BUILD_VERSIONS, stepMs)),
      ...fromFile,
    ]);
    expect(deploys).toHaveLength(5);
    expect(deploys[1]).toMatchObject({
      timeMs: at('2024-01-29T22:33:00Z'),
      title: 'backend v3.119.0: routing table refactor',
      version: 'v3.119.0',
      from: 'v3.118.2',
      url: expect.stringMatching(/^https:\/\/ci\.example\.com\/backend\/backend\//) as unknown,
    });
  });

  it('makes incident windows of the firing alerts, each alert with its own', () => {
    const windows = alertWindows(query('ALERTS{alertstate="firing"}', 60_000), 60_000, range);
    expect(
      windows.map((w) => [w.title, iso(w.startMs), w.endMs === null ? null : iso(w.endMs)]),
    ).toEqual([
      // Backfilled samples have no staleness markers: the mock, like Prometheus, keeps showing
      // a resolved alert for its 5-minute lookback, so windows end about 5 minutes late.
      ['HTTPErrorRateHigh · api', '2024-01-30T00:20:00Z', '2024-01-30T00:40:00Z'],
      ['HTTPErrorRateHigh · backend', '2024-01-30T00:20:00Z', '2024-01-30T00:40:00Z'],
      ['HTTPErrorRateHigh · chatgpt', '2024-01-30T00:20:00Z', '2024-01-30T00:40:00Z'],
      ['HTTPLatencyHigh · chatgpt', '2024-01-30T00:21:00Z', '2024-01-30T00:39:00Z'],
    ]);
    expect(windows[0]).toMatchObject({ impact: 'critical', service: 'api', source: 'alerts' });
  });

  it('merges runs of an alert split by one missed sample, and leaves open a run at the range end', () => {
    const now = { startMs: range.startMs, endMs: at('2024-01-30T00:30:00Z') };
    const series = query('ALERTS{alertstate="firing", service="backend"}', 60_000, now);
    // One rule evaluation that came late: the 00:25 sample is missing.
    const late = series.map((s) => {
      const keep = s.times.map((t) => t !== at('2024-01-30T00:25:00Z'));
      return {
        labels: s.labels,
        times: s.times.filter((_, i) => keep[i]),
        values: s.values.filter((_, i) => keep[i]),
      };
    });
    expect(late[0]?.times).toHaveLength(10);
    const windows = alertWindows(late, 60_000, now);
    expect(windows).toHaveLength(1);
    expect(windows[0]).toMatchObject({ startMs: at('2024-01-30T00:20:00Z'), endMs: null });
  });
});

describe('scenario B: a DaemonSet rollout', () => {
  const query = rangeQuery(scenarios.b);

  it('finds the node-telemetry rollout at 23:12 from its generation stepping up', () => {
    const series = query('kube_daemonset_metadata_generation', 60_000);
    const rollouts = rolloutsFromGenerations(series, 'daemonset');
    expect(rollouts).toHaveLength(1);
    expect(rollouts[0]).toMatchObject({
      timeMs: at('2024-12-11T23:12:00Z'),
      kind: 'deploy',
      service: 'node-telemetry',
      namespace: 'monitoring',
    });
    expect(rollouts[0]?.title).toMatch(
      /^DaemonSet monitoring\/node-telemetry rollout \(generation (\d+) → (\d+)\)$/,
    );
    const [, from, to] = /generation (\d+) → (\d+)/.exec(rollouts[0]?.title ?? '') ?? [];
    expect(Number(to) - Number(from)).toBe(1);
  });

  it('finds no StatefulSet rollouts in a scenario without StatefulSets', () => {
    const series = query('kube_statefulset_metadata_generation', 60_000);
    expect(rolloutsFromGenerations(series, 'statefulset')).toEqual([]);
  });
});

describe('scenario C: a config change and a scale change on Friday', () => {
  const query = rangeQuery(scenarios.c);

  it('finds the ConfigMap write at 21:00 on 2023-03-17', () => {
    const changes = configChangesFromResourceVersions(
      query('kube_configmap_metadata_resource_version', 60_000),
    );
    expect(changes.map((c) => [iso(c.timeMs), c.kind, c.service, c.namespace, c.title])).toEqual([
      [
        '2023-03-17T21:00:00Z',
        'config',
        'dalle-worker-config',
        'labs',
        'ConfigMap labs/dalle-worker-config updated',
      ],
    ]);
  });

  it('finds dalle-worker scaled 12 → 6 at 21:05 and back to 12 the next evening', () => {
    const changes = scaleChangesFromReplicas(query('kube_deployment_spec_replicas', 60_000));
    expect(changes.map(brief)).toEqual([
      ['2023-03-17T21:05:00Z', 'dalle-worker', '12', '6'],
      ['2023-03-18T18:15:00Z', 'dalle-worker', '6', '12'],
    ]);
    expect(changes[0]?.title).toBe('Deployment labs/dalle-worker scaled 12 → 6');
  });

  it('keeps the two alert windows of the backlog apart', () => {
    const stepMs = 300_000;
    const range = { startMs: at('2023-03-17T12:00:00Z'), endMs: at('2023-03-20T00:00:00Z') };
    const series = query(
      'ALERTS{alertname="QueueBacklogHigh", alertstate="firing"}',
      stepMs,
      range,
    );
    const windows = alertWindows(series, stepMs, range);
    expect(windows.map((w) => [iso(w.startMs), w.endMs === null ? null : iso(w.endMs)])).toEqual([
      ['2023-03-18T12:50:00Z', '2023-03-18T21:40:00Z'],
      ['2023-03-19T17:40:00Z', '2023-03-19T18:25:00Z'],
    ]);
    expect(windows[0]?.title).toBe('QueueBacklogHigh · labs/dalle-worker');
    expect(windows[0]?.impact).toBe('warning');
  });
});
