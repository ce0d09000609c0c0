import { analyzeIncident, type AnalysisInput } from '../../src/domain/incident-analysis';
import { changeEvent, incidentWindow } from './event-factories';
import { excursion, HOUR, MIN, synthetic, T0 } from './synthetic-series';

const payments = { namespace: 'payments', service: 'payments' };
const billing = { namespace: 'billing', service: 'billing' };

export const fixtureRange = { startMs: T0 - 2 * HOUR, endMs: T0 + 3 * HOUR };

/**
 * A small incident: payments' errors jump at T0 and are back 20 min later; billing's stay flat;
 * a queue goes unseen for half an hour; payments was deployed 3 h 38 min before, billing 2 min
 * before, and payments rolled back 9 min after.
 */
export const fixtureInput: AnalysisInput = {
  range: fixtureRange,
  lookbackMs: 24 * HOUR,
  stepMs: 30_000,
  signals: [
    {
      id: 'error_ratio',
      title: 'Error ratio',
      series: [
        {
          name: '5xx payments',
          series: synthetic({
            level: excursion(0.002, 0.3, T0, 0, T0 + 20 * MIN),
            labels: payments,
            seed: 'p',
          }),
          absoluteFloor: 0.005,
        },
        {
          name: '5xx billing',
          series: synthetic({ level: () => 0.002, labels: billing, seed: 'b' }),
          absoluteFloor: 0.005,
        },
      ],
    },
    {
      id: 'queue_depth',
      title: 'Queue depth',
      series: [
        {
          name: 'depth jobs',
          series: synthetic({
            level: () => 40,
            labels: { queue: 'jobs' },
            holes: [[T0 + HOUR, T0 + 90 * MIN]],
          }),
          absoluteFloor: 1,
        },
      ],
    },
  ],
  changes: [
    changeEvent({
      id: 'payments-v4.2.0',
      timeMs: T0 - 3 * HOUR - 38 * MIN,
      service: 'payments',
      namespace: 'payments',
      title: 'payments v4.2.0',
    }),
    changeEvent({
      id: 'billing-v7',
      timeMs: T0 - 2 * MIN,
      service: 'billing',
      namespace: 'billing',
      title: 'billing v7 <b>bold</b> | pipe',
    }),
    changeEvent({
      id: 'rollback',
      timeMs: T0 + 9 * MIN,
      service: 'payments',
      namespace: 'payments',
      title: 'Rollback payments',
    }),
    changeEvent({
      id: 'ancient',
      timeMs: T0 - 30 * HOUR,
      service: 'payments',
      namespace: 'payments',
      title: 'too old',
    }),
  ],
  incidents: [
    incidentWindow({
      id: 'alert',
      source: 'alerts',
      startMs: T0 + MIN,
      endMs: T0 + 25 * MIN,
      title: 'HTTPErrorRateHigh · payments',
      impact: 'critical',
    }),
    incidentWindow({
      id: 'page',
      source: 'statuspage',
      startMs: T0 + 6 * MIN,
      endMs: T0 + 40 * MIN,
      title: 'Payments failing',
      phases: [
        { status: 'investigating', atMs: T0 + 6 * MIN },
        { status: 'resolved', atMs: T0 + 40 * MIN },
      ],
    }),
  ],
  scrapeHealth: [],
};

export const fixtureAnalysis = analyzeIncident(fixtureInput);
