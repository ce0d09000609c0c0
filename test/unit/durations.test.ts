import { describe, expect, it } from 'vitest';
import { incidentDurations } from '../../src/domain/durations';
import { changeEvent, incidentWindow } from '../support/event-factories';
import { MIN, T0 } from '../support/synthetic-series';

describe('incidentDurations', () => {
  const incidents = [
    incidentWindow({ source: 'alerts', startMs: T0 - 30 * MIN, title: 'LongStanding' }),
    incidentWindow({ source: 'alerts', startMs: T0 + 2 * MIN, title: 'HTTPErrorRateHigh' }),
    incidentWindow({
      source: 'statuspage',
      startMs: T0 - 5 * MIN,
      title: 'Elevated errors',
      phases: [
        { status: 'investigating', atMs: T0 + 7 * MIN },
        { status: 'resolved', atMs: T0 + 30 * MIN },
      ],
    }),
  ];
  const changes = [
    changeEvent({ id: 'cause', timeMs: T0 - 2 * MIN }),
    changeEvent({ id: 'rollback', timeMs: T0 + 9 * MIN, title: 'Rollback api' }),
  ];

  it('measures detect, mitigate and recover from the onset', () => {
    expect(
      incidentDurations({ onsetMs: T0, recoveryMs: T0 + 16 * MIN, changes, incidents }),
    ).toEqual({
      onsetMs: T0,
      firstAlert: { atMs: T0 + 2 * MIN, title: 'HTTPErrorRateHigh' },
      firstStatusUpdate: { atMs: T0 + 7 * MIN, title: 'investigating: Elevated errors' },
      firstMitigation: { atMs: T0 + 9 * MIN, title: 'deploy api: Rollback api' },
      recoveryMs: T0 + 16 * MIN,
    });
  });

  it('does not count an alert that was firing before the onset, nor a status page set back to it', () => {
    const result = incidentDurations({
      onsetMs: T0,
      recoveryMs: null,
      changes: [],
      incidents: incidents.slice(0, 1),
    });
    expect(result?.firstAlert).toBeNull();
    expect(result?.firstMitigation).toBeNull();
  });

  it('has nothing to measure without an onset', () => {
    expect(incidentDurations({ onsetMs: null, recoveryMs: null, changes, incidents })).toBeNull();
  });
});
