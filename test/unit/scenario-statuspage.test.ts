import { describe, expect, it } from 'vitest';
import { statuspageIncidents } from '../../mocks/scenario/statuspage';
import { scenarios } from '../../mocks/scenarios';

describe('the Statuspage incidents.json of a scenario', () => {
  it('carries the real update times of scenario A, newest first', () => {
    const document = statuspageIncidents(scenarios.a, 0);
    expect(document.incidents).toHaveLength(1);
    const incident = document.incidents[0];
    expect(incident?.name).toBe('Elevated errors affecting API and ChatGPT');
    expect(incident?.status).toBe('resolved');
    expect(incident?.created_at).toBe('2024-01-30T00:26:00.000Z');
    expect(incident?.monitoring_at).toBe('2024-01-30T00:37:00.000Z');
    expect(incident?.resolved_at).toBe('2024-01-30T00:49:00.000Z');
    expect(incident?.incident_updates.map((u) => [u.status, u.display_at])).toEqual([
      ['resolved', '2024-01-30T00:49:00.000Z'],
      ['monitoring', '2024-01-30T00:37:00.000Z'],
      ['investigating', '2024-01-30T00:30:00.000Z'],
      ['investigating', '2024-01-30T00:29:00.000Z'],
      ['investigating', '2024-01-30T00:26:00.000Z'],
    ]);
    expect(incident?.incident_updates.every((u) => u.incident_id === incident.id)).toBe(true);
    expect(incident?.components).toEqual([]);
  });

  it('keeps a status page started_at that was set back to the impact (scenario C)', () => {
    const incident = statuspageIncidents(scenarios.c, 0).incidents[0];
    expect(incident?.started_at).toBe('2023-03-18T13:20:00.000Z');
    expect(incident?.created_at).toBe('2023-03-19T15:00:00.000Z');
    expect(incident?.resolved_at).toBe('2023-03-19T15:00:00.000Z');
  });

  it('moves every time by the shift and keeps the ids', () => {
    const shift = 3 * 86_400_000;
    const real = statuspageIncidents(scenarios.b, 0);
    const shifted = statuspageIncidents(scenarios.b, shift);
    expect(shifted.incidents[0]?.id).toBe(real.incidents[0]?.id);
    const plus = (t: string | null | undefined): string =>
      new Date(Date.parse(t ?? '') + shift).toISOString();
    expect(shifted.incidents[0]?.started_at).toBe(plus(real.incidents[0]?.started_at));
    expect(shifted.incidents[0]?.incident_updates.map((u) => u.created_at)).toEqual(
      real.incidents[0]?.incident_updates.map((u) => plus(u.created_at)),
    );
  });

  it('has no incidents in the quiet scenario', () => {
    const document = statuspageIncidents(scenarios.quiet, 0);
    expect(document.incidents).toEqual([]);
    expect(document.page.time_zone).toBe('Etc/UTC');
  });
});
