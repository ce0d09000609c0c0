import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LOOKBACK_MS,
  isFleetWide,
  leadPoints,
  rankSuspects,
} from '../../src/domain/suspects';
import { changeEvent } from '../support/event-factories';
import { movedSignal } from '../support/impact-factories';
import { HOUR, MIN, T0 } from '../support/synthetic-series';

const lookbackMs = DEFAULT_LOOKBACK_MS;
const payments = { namespace: 'payments', service: 'payments' };
const errors = movedSignal('error_ratio', [{ labels: payments, onsetMs: T0 }], 'Error ratio');

const ids = (suspects: ReturnType<typeof rankSuspects>) => suspects.map((s) => s.change.id);

describe('rankSuspects', () => {
  it('never suspects a change made after the onset', () => {
    const changes = [
      changeEvent({ id: 'before', timeMs: T0 - MIN, service: 'payments', namespace: 'payments' }),
      changeEvent({ id: 'at', timeMs: T0, service: 'payments', namespace: 'payments' }),
      changeEvent({ id: 'after', timeMs: T0 + 1, service: 'payments', namespace: 'payments' }),
    ];
    expect(ids(rankSuspects({ changes, signals: [errors], lookbackMs }))).toEqual(['at', 'before']);
  });

  it('suspects only the changes in the look-back window', () => {
    const changes = [
      changeEvent({ id: 'old', timeMs: T0 - 25 * HOUR }),
      changeEvent({ id: 'recent', timeMs: T0 - 23 * HOUR }),
    ];
    expect(ids(rankSuspects({ changes, signals: [errors], lookbackMs }))).toEqual(['recent']);
    expect(rankSuspects({ changes, signals: [errors], lookbackMs: 12 * HOUR })).toEqual([]);
  });

  it('has no suspects when nothing moved', () => {
    const changes = [changeEvent({ timeMs: T0 })];
    expect(
      rankSuspects({ changes, signals: [movedSignal('error_ratio', [])], lookbackMs }),
    ).toEqual([]);
  });

  it('ranks a deploy of an untouched service just before the onset below a change to the service that moved', () => {
    const changes = [
      changeEvent({
        id: 'billing',
        timeMs: T0 - 2 * MIN,
        service: 'billing',
        namespace: 'billing',
      }),
      changeEvent({
        id: 'payments',
        timeMs: T0 - 3 * HOUR - 38 * MIN,
        service: 'payments',
        namespace: 'payments',
      }),
    ];
    const suspects = rankSuspects({ changes, signals: [errors], lookbackMs });
    expect(ids(suspects)).toEqual(['payments', 'billing']);
    expect(suspects[0]?.leadMs).toBe(3 * HOUR + 38 * MIN);
  });

  it('ranks a change in the namespace that moved above one elsewhere', () => {
    const changes = [
      changeEvent({
        id: 'elsewhere',
        timeMs: T0 - MIN,
        kind: 'config',
        service: 'x',
        namespace: 'x',
      }),
      changeEvent({
        id: 'same-namespace',
        timeMs: T0 - HOUR,
        kind: 'config',
        service: 'payments-config',
        namespace: 'payments',
      }),
    ];
    expect(ids(rankSuspects({ changes, signals: [errors], lookbackMs }))[0]).toBe('same-namespace');
  });

  it('makes a fleet-wide infrastructure change the prime suspect when the API server moved first', () => {
    const apiserver = movedSignal(
      'apiserver',
      [{ labels: { verb: 'LIST' }, onsetMs: T0 }],
      'API server',
    );
    const later = movedSignal(
      'error_ratio',
      ['chatgpt', 'api', 'sora'].map((s) => ({
        labels: { namespace: s, service: s },
        onsetMs: T0 + 4 * MIN,
      })),
    );
    const changes = [
      changeEvent({ id: 'sora', timeMs: T0 - 3 * HOUR, service: 'sora', namespace: 'sora' }),
      changeEvent({
        id: 'telemetry',
        timeMs: T0 - 30_000,
        service: 'node-telemetry',
        namespace: 'monitoring',
        workload: 'DaemonSet',
      }),
    ];
    const suspects = rankSuspects({ changes, signals: [later, apiserver], lookbackMs });
    expect(ids(suspects)).toEqual(['telemetry', 'sora']);
    expect(suspects[0]?.parts.map((p) => p.reason)).toContain('where the first signal moved');
  });

  it('gives a fleet-wide change no scope points when only one service moved', () => {
    const changes = [
      changeEvent({ id: 'ds', timeMs: T0 - MIN, service: 'agent', namespace: 'kube-system' }),
    ];
    const [suspect] = rankSuspects({ changes, signals: [errors], lookbackMs });
    expect(suspect?.parts.map((p) => p.reason)).toEqual([
      'made 1 min before the onset',
      'deploy change',
    ]);
  });

  it('scores the sum of its parts, each with a reason', () => {
    const changes = [
      changeEvent({
        timeMs: T0 - 6 * HOUR,
        kind: 'scale',
        service: 'payments',
        namespace: 'payments',
      }),
    ];
    const [suspect] = rankSuspects({ changes, signals: [errors], lookbackMs });
    expect(suspect?.parts).toEqual([
      { points: 15, reason: 'made 6 h before the onset' },
      { points: 40, reason: 'same service as error_ratio payments · payments' },
      { points: 10, reason: 'where the first signal moved' },
      { points: 6, reason: 'scale change' },
    ]);
    expect(suspect?.score).toBe(71);
  });

  it('ranks config and scale changes to the moved service above unrelated deploys made later', () => {
    const queue = movedSignal('queue_depth', [
      { labels: { service: 'dalle-worker', queue: 'images' }, onsetMs: T0 },
    ]);
    const changes = [
      changeEvent({
        id: 'config',
        timeMs: T0 - 14 * HOUR,
        kind: 'config',
        service: 'dalle-worker-config',
        namespace: 'labs',
      }),
      changeEvent({
        id: 'scale',
        timeMs: T0 - 14 * HOUR,
        kind: 'scale',
        service: 'dalle-worker',
        namespace: 'labs',
      }),
      changeEvent({
        id: 'chatgpt',
        timeMs: T0 - 9 * HOUR,
        service: 'chatgpt',
        namespace: 'chatgpt',
      }),
    ];
    expect(ids(rankSuspects({ changes, signals: [queue], lookbackMs }))).toEqual([
      'scale',
      'config',
      'chatgpt',
    ]);
  });
});

describe('leadPoints', () => {
  it('halves every six hours', () => {
    expect(leadPoints(0)).toBe(30);
    expect(leadPoints(6 * HOUR)).toBe(15);
    expect(leadPoints(12 * HOUR)).toBe(7.5);
  });
});

describe('isFleetWide', () => {
  it('holds for DaemonSets and the platform namespaces', () => {
    expect(
      isFleetWide(changeEvent({ timeMs: 0, workload: 'DaemonSet', namespace: 'agents' })),
    ).toBe(true);
    for (const namespace of ['kube-system', 'monitoring', 'kube-public', 'istio-system']) {
      expect(isFleetWide(changeEvent({ timeMs: 0, namespace }))).toBe(true);
    }
    expect(isFleetWide(changeEvent({ timeMs: 0, namespace: 'payments' }))).toBe(false);
  });
});
