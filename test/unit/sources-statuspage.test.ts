import { describe, expect, it } from 'vitest';
import { statuspageIncidents } from '../../mocks/scenario/statuspage';
import { scenarios } from '../../mocks/scenarios';
import { parseStatuspage } from '../../src/sources/statuspage';

const iso = (ms: number | null | undefined): string | null =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString().replace('.000Z', 'Z');

type Json = Record<string, unknown>;

/** A document as the scenario's status page serves it, as plain JSON (what `fetch` gives). */
function documentOf(id: 'a' | 'b' | 'c'): Json {
  return JSON.parse(JSON.stringify(statuspageIncidents(scenarios[id], 0))) as Json;
}

/** Scenario A's one incident and its updates, to edit. */
function incidentOfA(): { incident: Json; updates: Json[] } {
  const incident = (documentOf('a').incidents as Json[])[0] ?? {};
  return { incident, updates: incident.incident_updates as Json[] };
}

/** A copy of `object` without `keys`. */
function without(object: Json, ...keys: string[]): Json {
  return Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key)));
}

function incidentsOf(json: unknown) {
  const result = parseStatuspage(json);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.incidents;
}

function errorsOf(json: unknown): string[] {
  const result = parseStatuspage(json);
  return result.ok
    ? []
    : result.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message));
}

describe('incidents from a Statuspage v2 incidents.json', () => {
  it('reads scenario A: investigating, monitoring and resolved at 00:26, 00:37 and 00:49', () => {
    const [incident, ...others] = incidentsOf(documentOf('a'));
    expect(others).toEqual([]);
    expect(incident).toMatchObject({
      source: 'statuspage',
      title: 'Elevated errors affecting API and ChatGPT',
      impact: 'major',
      service: null,
      url: expect.stringMatching(/^https:\/\/stspg\.example\/\w{6}$/) as unknown,
    });
    expect([iso(incident?.startMs), iso(incident?.endMs)]).toEqual([
      '2024-01-30T00:26:00Z',
      '2024-01-30T00:49:00Z',
    ]);
    // Updates come newest first, three of them "investigating": one phase each, in time order.
    expect(incident?.phases.map((p) => [p.status, iso(p.atMs)])).toEqual([
      ['investigating', '2024-01-30T00:26:00Z'],
      ['monitoring', '2024-01-30T00:37:00Z'],
      ['resolved', '2024-01-30T00:49:00Z'],
    ]);
  });

  it('reads scenario B with all four phases', () => {
    const [incident] = incidentsOf(documentOf('b'));
    expect(incident?.phases.map((p) => p.status)).toEqual([
      'investigating',
      'identified',
      'monitoring',
      'resolved',
    ]);
    expect(incident?.impact).toBe('critical');
  });

  it('starts scenario C’s incident at started_at, set back to the impact a day before it was posted', () => {
    const [incident] = incidentsOf(documentOf('c'));
    expect([iso(incident?.startMs), iso(incident?.endMs)]).toEqual([
      '2023-03-18T13:20:00Z',
      '2023-03-19T15:00:00Z',
    ]);
    expect(incident?.phases.map((p) => p.status)).toEqual(['resolved']);
  });

  it('leaves an unresolved incident open, and starts at created_at without started_at', () => {
    const open = { ...without(incidentOfA().incident, 'started_at'), resolved_at: null };
    const [incident] = incidentsOf({ incidents: [{ ...open, status: 'monitoring' }] });
    expect(incident?.endMs).toBeNull();
    expect(iso(incident?.startMs)).toBe('2024-01-30T00:26:00Z');
  });

  it('ignores statuses that are no phase, extra fields, and takes created_at when display_at is missing', () => {
    const { incident, updates } = incidentOfA();
    const edited = {
      ...incident,
      components: [{ id: 'x', name: 'API', status: 'major_outage', extra: true }],
      reminder_intervals: '[3, 6, 12, 24]',
      incident_updates: [
        { status: 'postmortem', body: 'Postmortem published.', display_at: '2024-01-31T10:00:00Z' },
        ...updates.map((u) => without(u, 'display_at')),
      ],
    };
    const [parsed] = incidentsOf({ ...documentOf('a'), incidents: [edited] });
    expect(parsed?.phases.map((p) => p.status)).toEqual([
      'investigating',
      'monitoring',
      'resolved',
    ]);
  });

  it('keeps hostile text as text and drops links that are not http(s)', () => {
    const { incident } = incidentOfA();
    const script = '<script>alert(document.cookie)</script>';
    const rtl = 'Outage \u202Egnp.exe\u202C <img src=x onerror=alert(1)>';
    const long = 'x'.repeat(10_240);
    const incidents = [script, rtl, long].map((name, i) => ({
      ...incident,
      id: `hostile${String(i)}`,
      name,
      impact: '<b>major</b>',
      shortlink: ['javascript:alert(1)', 'data:text/html,<script>1</script>', '/relative'][i],
    }));
    const parsed = incidentsOf({ ...documentOf('a'), incidents });
    expect(parsed.map((p) => p.title).sort()).toEqual([script, rtl, long].sort());
    expect(parsed.every((p) => p.url === null && p.impact === '<b>major</b>')).toBe(true);
  });

  it('names the incident and the field of every missing field and bad timestamp', () => {
    const { incident, updates } = incidentOfA();
    const broken = [
      { ...without(incident, 'created_at'), resolved_at: 'yesterday' },
      { ...incident, name: 42, started_at: '2024-02-30T00:00:00Z' },
      {
        ...incident,
        incident_updates: [{ ...updates[0], status: undefined, display_at: 1706575740 }],
      },
    ];
    expect(errorsOf({ ...documentOf('a'), incidents: broken })).toEqual([
      'incidents[0].created_at: required: expected an RFC 3339 time (incident "Elevated errors affecting API and ChatGPT")',
      'incidents[0].resolved_at: expected an RFC 3339 time, got "yesterday" (incident "Elevated errors affecting API and ChatGPT")',
      'incidents[1].name: expected a string, got 42',
      'incidents[1].started_at: expected an RFC 3339 time, got "2024-02-30T00:00:00Z"',
      'incidents[2].incident_updates[0].status: required: expected a string (incident "Elevated errors affecting API and ChatGPT")',
      'incidents[2].incident_updates[0].display_at: expected an RFC 3339 time, got 1706575740 (incident "Elevated errors affecting API and ChatGPT")',
    ]);
  });

  it('says what it expected of a document that is not a status page', () => {
    expect(errorsOf([])).toEqual([
      'expected a Statuspage v2 incidents.json, an object with an incidents array, got an array',
    ]);
    expect(errorsOf({ page: {}, incidents: 'none' })[0]).toMatch(/^incidents: .* got "none"$/);
    expect(errorsOf({ incidents: [null] })).toEqual([
      'incidents[0]: expected an incident object, got null',
    ]);
  });

  it('reads an empty page as no incidents', () => {
    expect(incidentsOf({ page: { id: 'p' }, incidents: [] })).toEqual([]);
  });
});
