import { describe, expect, it } from 'vitest';
import { eventsFile } from '../../mocks/scenario/events';
import { scenarios } from '../../mocks/scenarios';
import { parseEventsFile, type EventsFile } from '../../src/sources/events-file';
import { eventsFromFile } from '../../src/sources/events-file-events';

const iso = (ms: number | null | undefined): string | null =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString().replace('.000Z', 'Z');

/** Validated as the app validates it: the JSON text a server sent, through parseEventsFile. */
function validated(json: unknown): EventsFile {
  const result = parseEventsFile(JSON.parse(JSON.stringify(json)));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

describe('changes and incidents from an events file', () => {
  it('reads scenario A’s pipeline changes at their exact times, with versions and links', () => {
    const { changes } = eventsFromFile(validated(eventsFile(scenarios.a, 0)));
    expect(changes.map((c) => [iso(c.timeMs), c.kind, c.service, c.version])).toEqual([
      ['2024-01-29T19:42:00Z', 'deploy', 'api', 'v1.93.0'],
      ['2024-01-29T22:33:00Z', 'deploy', 'backend', 'v3.119.0'],
      ['2024-01-30T00:17:00Z', 'deploy', 'chatgpt', 'v2024.01.29-1'],
      ['2024-01-30T00:28:00Z', 'deploy', 'backend', 'v3.118.2'],
      ['2024-01-30T00:30:00Z', 'deploy', 'chatgpt', 'v2024.01.26-3'],
    ]);
    expect(changes[3]).toMatchObject({
      title: 'Rollback backend to v3.118.2',
      namespace: 'backend',
      from: 'v3.119.0',
      to: 'v3.118.2',
      source: 'events-file',
      url: expect.stringMatching(/^https:\/\/ci\.example\.com\/backend\/backend\//) as unknown,
    });
    expect(changes[3]?.id).toMatch(/^events-file:id:/);
  });

  it('reads scenario C’s config and scale change with from → to', () => {
    const { changes } = eventsFromFile(validated(eventsFile(scenarios.c, 0)));
    const friday = changes.filter((c) => c.kind !== 'deploy').slice(0, 2);
    expect(friday.map((c) => [iso(c.timeMs), c.kind, c.from, c.to])).toEqual([
      ['2023-03-17T21:00:00Z', 'config', 'job timeout 5m', 'job timeout 1m'],
      ['2023-03-17T21:05:00Z', 'scale', '12', '6'],
    ]);
  });

  it('reads the reviewer’s incident with its phases, severity and an open end', () => {
    const file = validated(eventsFile(scenarios.a, 0));
    const [incident] = eventsFromFile(file).incidents;
    expect(incident).toMatchObject({
      id: 'events-file:id:a-incident-1',
      source: 'events-file',
      title: 'Routing errors on API and ChatGPT after the chatgpt release',
      impact: 'major',
      url: null,
      service: null,
    });
    expect([iso(incident?.startMs), iso(incident?.endMs)]).toEqual([
      '2024-01-30T00:19:00Z',
      '2024-01-30T00:34:00Z',
    ]);
    expect(incident?.phases.map((p) => [p.status, iso(p.atMs)])).toEqual([
      ['investigating', '2024-01-30T00:19:00Z'],
      ['identified', '2024-01-30T00:22:00Z'],
      ['monitoring', '2024-01-30T00:34:00Z'],
      ['resolved', '2024-01-30T00:49:00Z'],
    ]);
    const open = validated({
      version: 1,
      incidents: [{ title: 'Ongoing', start: '2024-01-30T00:19:00-08:00' }],
    });
    expect(eventsFromFile(open).incidents[0]).toMatchObject({
      id: 'events-file:incidents[0]',
      startMs: Date.parse('2024-01-30T08:19:00Z'),
      endMs: null,
      phases: [],
      impact: null,
    });
  });

  it('keeps hostile text as text', () => {
    const rtl = 'deploy \u202Egnp.exe\u202C';
    const file = validated({
      version: 1,
      changes: [
        {
          time: '2024-01-30T00:00:00Z',
          kind: 'deploy',
          service: '<img src=x onerror=alert(1)>',
          title: '<script>alert(1)</script>',
        },
        {
          time: '2024-01-30T00:00:00Z',
          kind: 'config',
          service: 'api',
          title: rtl,
          from: '&lt;',
          to: '"',
        },
      ],
    });
    const { changes } = eventsFromFile(file);
    expect(changes.map((c) => [c.service, c.title, c.from, c.to, c.url])).toEqual([
      ['<img src=x onerror=alert(1)>', '<script>alert(1)</script>', null, null, null],
      ['api', rtl, '&lt;', '"', null],
    ]);
  });

  it('drops a link that is not http(s) even from a file that skipped validation', () => {
    const unchecked: EventsFile = {
      version: 1,
      changes: [
        {
          time: '2024-01-30T00:00:00Z',
          kind: 'deploy',
          service: 'api',
          title: 'x',
          url: 'javascript:alert(1)',
        },
        { time: 'yesterday', kind: 'deploy', service: 'api', title: 'no time' },
      ],
      incidents: [{ title: 'y', start: '2024-01-30T00:00:00Z', url: 'data:text/html,hi' }],
    };
    const { changes, incidents } = eventsFromFile(unchecked);
    expect(changes.map((c) => [c.title, c.url])).toEqual([['x', null]]);
    expect(incidents[0]?.url).toBeNull();
  });

  it('converts a file of 5,000 changes, every one at its own time', () => {
    const start = Date.parse('2024-01-01T00:00:00Z');
    const file = validated({
      version: 1,
      changes: Array.from({ length: 5_000 }, (_, i) => ({
        id: `deploy-${String(i)}`,
        time: new Date(start + i * 60_000).toISOString(),
        kind: (['deploy', 'config', 'scale'] as const)[i % 3],
        service: `service-${String(i % 40)}`,
        namespace: 'prod',
        title: `Change ${String(i)}`,
        url: `https://ci.example.com/runs/${String(i)}`,
      })),
    });
    const { changes, incidents } = eventsFromFile(file);
    expect(changes).toHaveLength(5_000);
    expect(incidents).toEqual([]);
    expect(changes[4_999]).toMatchObject({
      id: 'events-file:id:deploy-4999',
      timeMs: start + 4_999 * 60_000,
      kind: 'config',
      service: 'service-39',
      url: 'https://ci.example.com/runs/4999',
    });
    expect(new Set(changes.map((c) => c.id)).size).toBe(5_000);
  });
});
