import { describe, expect, it } from 'vitest';
import { analyzeIncident } from '../../src/domain/incident-analysis';
import { reviewTimeline } from '../../src/domain/review-timeline';
import { fixtureAnalysis, fixtureInput } from '../support/analysis-fixture';
import { HOUR, MIN, synthetic, T0 } from '../support/synthetic-series';

describe('analyzeIncident', () => {
  it('finds the onset, the suspects before it and the durations after it', () => {
    const a = fixtureAnalysis;
    expect(a.onsetMs).toBe(T0);
    expect(a.order.map((s) => s.id)).toEqual(['error_ratio']);
    expect(a.recoveryMs).toBe(T0 + 20 * MIN);
    expect(a.suspects.map((s) => s.change.id)).toEqual(['payments-v4.2.0', 'billing-v7']);
    expect(a.durations).toMatchObject({
      firstAlert: { atMs: T0 + MIN },
      firstStatusUpdate: { atMs: T0 + 6 * MIN },
      firstMitigation: { atMs: T0 + 9 * MIN },
      recoveryMs: T0 + 20 * MIN,
    });
    expect(a.blindSpots).toMatchObject([
      { signal: 'queue_depth', startMs: T0 + HOUR, endMs: T0 + 90 * MIN },
    ]);
  });

  it('lists the changes inside the range and the suspects before it, not other old changes', () => {
    expect(fixtureAnalysis.changes.map((c) => c.id)).toEqual([
      'payments-v4.2.0',
      'billing-v7',
      'rollback',
    ]);
  });

  it('has no onset and no suspects when nothing moved', () => {
    const quiet = analyzeIncident({
      ...fixtureInput,
      signals: [
        {
          id: 'error_ratio',
          title: 'Error ratio',
          series: [{ name: 'x', series: synthetic({ level: () => 0.002 }), absoluteFloor: 0.005 }],
        },
      ],
    });
    expect(quiet).toMatchObject({
      onsetMs: null,
      recoveryMs: null,
      suspects: [],
      order: [],
      durations: null,
    });
  });
});

describe('reviewTimeline', () => {
  it('lists every change, onset, alert, status phase, recovery and blind spot in time order', () => {
    const rows = reviewTimeline(fixtureAnalysis);
    expect(rows.map((r) => [r.atMs - T0, r.kind])).toEqual([
      [-(3 * HOUR + 38 * MIN), 'change'],
      [-2 * MIN, 'change'],
      [0, 'onset'],
      [MIN, 'alert'],
      [6 * MIN, 'status'],
      [9 * MIN, 'change'],
      [20 * MIN, 'recovery'],
      [25 * MIN, 'alert'],
      [40 * MIN, 'status'],
      [HOUR, 'blind spot'],
      [90 * MIN, 'blind spot'],
    ]);
    expect(rows[0]).toMatchObject({
      event: 'deploy payments/payments: payments v4.2.0',
      suspectRank: 1,
    });
    expect(rows[5]?.suspectRank).toBeNull();
  });
});
