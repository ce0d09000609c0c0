import { describe, expect, it } from 'vitest';
import { impactOptions, signalImpact, signalOrder } from '../../src/domain/signal-impact';
import { movedSignal } from '../support/impact-factories';
import { excursion, HOUR, MIN, synthetic, T0 } from '../support/synthetic-series';

const options = impactOptions(T0 - 2 * HOUR);
const floor = 0;

describe('signalImpact', () => {
  it('dates a signal at the earliest onset of its series, naming the series that moved', () => {
    const impact = signalImpact(
      {
        id: 'error_ratio',
        title: 'Error ratio',
        series: [
          {
            name: '5xx api',
            series: synthetic({ level: excursion(1, 5, T0 + 2 * MIN), seed: 'a' }),
            absoluteFloor: floor,
          },
          {
            name: '5xx web',
            series: synthetic({ level: excursion(1, 5, T0), seed: 'w' }),
            absoluteFloor: floor,
          },
          {
            name: '5xx billing',
            series: synthetic({ level: () => 1, seed: 'b' }),
            absoluteFloor: floor,
          },
        ],
      },
      options,
    );
    expect(impact.onsetMs).toBe(T0);
    expect(impact.moved.map((m) => m.name)).toEqual(['5xx web', '5xx api']);
    expect(impact.seriesCount).toBe(3);
  });

  it('recovers when the last series that moved is back, not before', () => {
    const impact = signalImpact(
      {
        id: 'latency',
        title: 'Latency',
        series: [
          {
            name: 'a',
            series: synthetic({ level: excursion(1, 5, T0, 0, T0 + 20 * MIN), seed: 'a' }),
            absoluteFloor: floor,
          },
          {
            name: 'b',
            series: synthetic({ level: excursion(1, 5, T0, 0, T0 + 50 * MIN), seed: 'b' }),
            absoluteFloor: floor,
          },
        ],
      },
      options,
    );
    expect(impact.recoveryMs).toBe(T0 + 50 * MIN);
  });

  it('has no onset and no recovery when nothing moved', () => {
    const impact = signalImpact(
      {
        id: 'dns',
        title: 'DNS',
        series: [{ name: 'x', series: synthetic({ level: () => 3 }), absoluteFloor: floor }],
      },
      options,
    );
    expect(impact).toMatchObject({ onsetMs: null, recoveryMs: null, moved: [] });
  });
});

describe('signalOrder', () => {
  const signal = (id: string, onsetMs: number | null, detectedMs?: number) =>
    movedSignal(
      id,
      onsetMs === null
        ? []
        : [{ labels: {}, onsetMs, ...(detectedMs === undefined ? {} : { detectedMs }) }],
    );

  it('puts the signal that moved first first and leaves out those that did not move', () => {
    const order = signalOrder([
      signal('error_ratio', T0 + 4 * MIN),
      signal('dns', null),
      signal('apiserver', T0),
    ]);
    expect(order.map((s) => s.id)).toEqual(['apiserver', 'error_ratio']);
  });

  it('orders signals dated alike by which crossed its threshold first', () => {
    const order = signalOrder([signal('latency', T0, T0 + MIN), signal('error_ratio', T0, T0)]);
    expect(order.map((s) => s.id)).toEqual(['error_ratio', 'latency']);
  });
});
