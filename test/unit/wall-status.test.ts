import { describe, expect, it } from 'vitest';
import type { IncidentWindow } from '../../src/domain/incidents';
import {
  activeIncidents,
  latestChange,
  missingDataMs,
  thresholdState,
} from '../../src/domain/wall-status';
import { changeEvent } from '../support/event-factories';

const M = 60_000;
const NOW = Date.parse('2024-01-30T00:40:00Z');

function incident(over: Partial<IncidentWindow>): IncidentWindow {
  return {
    id: 'i',
    source: 'statuspage',
    title: 'Elevated errors',
    startMs: NOW - 20 * M,
    endMs: null,
    phases: [],
    impact: 'major',
    url: null,
    service: null,
    ...over,
  };
}

describe('a signal’s state against its thresholds', () => {
  it('is critical at or above critical, a warning at or above warning, else ok', () => {
    const levels = { warning: 0.01, critical: 0.05 };
    expect(thresholdState(0.2, levels)).toBe('critical');
    expect(thresholdState(0.05, levels)).toBe('critical');
    expect(thresholdState(0.01, levels)).toBe('warning');
    expect(thresholdState(0.009, levels)).toBe('ok');
  });

  it('works with only one level, and says when none is set', () => {
    expect(thresholdState(3, { critical: 2 })).toBe('critical');
    expect(thresholdState(1, { critical: 2 })).toBe('ok');
    expect(thresholdState(1, { warning: 1 })).toBe('warning');
    expect(thresholdState(1, undefined)).toBe('no-threshold');
    expect(thresholdState(1, {})).toBe('no-threshold');
  });
});

describe('the newest change', () => {
  it('is the latest at or before now, not one scheduled later', () => {
    const changes = [
      changeEvent({ id: 'old', timeMs: NOW - 90 * M }),
      changeEvent({ id: 'new', timeMs: NOW - 4 * M }),
      changeEvent({ id: 'future', timeMs: NOW + M }),
    ];
    expect(latestChange(changes, NOW)?.id).toBe('new');
    expect(latestChange([], NOW)).toBeNull();
  });
});

describe('incidents going on now', () => {
  it('keeps open windows and windows holding now, with their phase and duration', () => {
    const active = activeIncidents(
      [
        incident({
          id: 'open',
          phases: [
            { status: 'investigating', atMs: NOW - 15 * M },
            { status: 'identified', atMs: NOW - 5 * M },
            { status: 'monitoring', atMs: NOW + 5 * M },
          ],
        }),
        incident({ id: 'holding', startMs: NOW - 5 * M, endMs: NOW + 10 * M }),
        incident({ id: 'over', startMs: NOW - 60 * M, endMs: NOW - 30 * M }),
        incident({ id: 'later', startMs: NOW + 5 * M }),
      ],
      NOW,
    );
    expect(active.map((a) => [a.incident.id, a.phase, a.durationMs / M])).toEqual([
      ['open', 'identified', 20],
      ['holding', null, 5],
    ]);
  });

  it('treats a status page incident marked resolved as over', () => {
    const resolved = incident({ phases: [{ status: 'resolved', atMs: NOW - M }] });
    expect(activeIncidents([resolved], NOW)).toEqual([]);
  });
});

describe('missing data', () => {
  const expected = { stepMs: 30_000, scrapeMs: 15_000, refreshMs: 30_000 };

  it('is nothing while the newest point trails now by a step and a scrape', () => {
    expect(missingDataMs(NOW - 45_000, NOW, expected)).toBeNull();
    expect(missingDataMs(NOW - 120_000, NOW, expected)).toBeNull();
  });

  it('is how long data has been missing once it is older than that allows', () => {
    expect(missingDataMs(NOW - 3 * M, NOW, expected)).toBe(3 * M);
  });

  it('is nothing when there is no data at all (the panel says so itself)', () => {
    expect(missingDataMs(null, NOW, expected)).toBeNull();
  });
});
