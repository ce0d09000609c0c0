import { describe, expect, it } from 'vitest';
import { defineScenario } from '../../mocks/scenario/define-scenario';
import { eventsFile } from '../../mocks/scenario/events';
import { isScenarioId, scenarios, type ScenarioId } from '../../mocks/scenarios';
import { parseEventsFile } from '../../src/sources/events-file';

const ids: ScenarioId[] = ['a', 'b', 'c', 'quiet'];

describe('the scenario definitions', () => {
  it('recognises exactly the four scenario ids', () => {
    expect(ids.every(isScenarioId)).toBe(true);
    expect(isScenarioId('d')).toBe(false);
    expect(isScenarioId('toString')).toBe(false);
  });

  it('lays out the timeline of scenario A as the seed tells it', () => {
    expect(scenarios.a.impactStart).toBe('2024-01-30T00:19:00Z');
    expect(
      scenarios.a.timeline.map((c) => [c.time, c.kind, c.namespace, c.service, c.version]),
    ).toEqual([
      ['2024-01-29T19:42:00Z', 'deploy', 'api', 'api', 'v1.93.0'],
      ['2024-01-29T22:33:00Z', 'deploy', 'backend', 'backend', 'v3.119.0'],
      ['2024-01-30T00:17:00Z', 'deploy', 'chatgpt', 'chatgpt', 'v2024.01.29-1'],
      ['2024-01-30T00:28:00Z', 'deploy', 'backend', 'backend', 'v3.118.2'],
      ['2024-01-30T00:30:00Z', 'deploy', 'chatgpt', 'chatgpt', 'v2024.01.26-3'],
    ]);
  });

  it('makes the telemetry rollout the only change near the trigger of scenario B', () => {
    const near = scenarios.b.timeline.filter(
      (c) => Math.abs(Date.parse(c.time) - Date.parse('2024-12-11T23:12:00Z')) < 3_600_000,
    );
    expect(near.map((c) => [c.kind, c.namespace, c.service])).toEqual([
      ['deploy', 'monitoring', 'node-telemetry'],
    ]);
  });

  it('records the config and scale changes of scenario C with their before and after', () => {
    const cause = scenarios.c.timeline.filter((c) => c.time.startsWith('2023-03-17T21'));
    expect(cause.map((c) => [c.time, c.kind, c.from, c.to])).toEqual([
      ['2023-03-17T21:00:00Z', 'config', 'job timeout 5m', 'job timeout 1m'],
      ['2023-03-17T21:05:00Z', 'scale', '12', '6'],
    ]);
  });

  it('gives the quiet scenario no impact, faults or alerts', () => {
    const { impactStart, faults, alerts, statuspage } = scenarios.quiet;
    expect([impactStart, faults, alerts, statuspage]).toEqual([null, [], [], []]);
  });

  it.each(ids)('publishes a valid events file for scenario %s', (id) => {
    const file = eventsFile(scenarios[id], 7 * 86_400_000);
    const parsed = parseEventsFile(JSON.parse(JSON.stringify(file)));
    expect(parsed).toEqual({ ok: true, value: file });
    expect(file.changes).toHaveLength(scenarios[id].timeline.length);
    expect(file.changes[0]?.time).toBe(
      new Date(Date.parse(scenarios[id].timeline[0]?.time ?? '') + 7 * 86_400_000)
        .toISOString()
        .replace('.000Z', 'Z'),
    );
  });

  it('rejects a scale change whose "from" is not the current replica count', () => {
    const broken = {
      ...scenarios.quiet,
      changes: [
        {
          time: '2024-06-04T09:00:00Z',
          kind: 'scale' as const,
          service: 'api',
          from: 3,
          to: 4,
          title: 'x',
        },
      ],
    };
    expect(() => defineScenario(broken)).toThrow(
      'scenario quiet: change "x": api has 40 replicas, not 3',
    );
  });

  it('rejects a fault that never returns to normal', () => {
    const broken = {
      ...scenarios.quiet,
      faults: [
        {
          signal: 'traffic' as const,
          note: 'stuck',
          services: ['api'],
          profile: {
            keyframes: [
              ['2024-06-04T09:00:00Z', 1],
              ['2024-06-04T10:00:00Z', 2],
            ] as const,
          },
        },
      ],
    };
    expect(() => defineScenario(broken)).toThrow('must start and end at the neutral value 1');
  });
});
