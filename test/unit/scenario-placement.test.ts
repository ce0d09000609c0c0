import { describe, expect, it } from 'vitest';
import { generateScenario } from '../../mocks/scenario/engine';
import { liveAnchorMs, shiftToNow } from '../../mocks/scenario/placement';
import { scenarios, type ScenarioId } from '../../mocks/scenarios';

const now = Date.parse('2026-03-05T14:07:23.456Z');
const ids: ScenarioId[] = ['a', 'b', 'c', 'quiet'];

describe('placing a scenario at now', () => {
  it.each(ids)('shifts scenario %s by whole minutes', (id) => {
    const shift = shiftToNow(scenarios[id], now);
    expect(shift % 60_000).toBe(0);
    expect(shiftToNow(scenarios[id], now, 45) % 180_000).toBe(0);
  });

  it.each(['a', 'b'] as const)(
    'puts the impact of scenario %s about 20 minutes before now',
    (id) => {
      const impact = Date.parse(scenarios[id].impactStart ?? '') + shiftToNow(scenarios[id], now);
      expect(now - impact).toBeGreaterThanOrEqual(20 * 60_000);
      expect(now - impact).toBeLessThan(21 * 60_000);
    },
  );

  it('puts "now" 5½ hours into the backlog of scenario C, with its cause inside a 2-day view', () => {
    const def = scenarios.c;
    const shift = shiftToNow(def, now);
    const impact = Date.parse(def.impactStart ?? '') + shift;
    expect((now - impact) / 3_600_000).toBeCloseTo(5.5, 1);
    const cause = def.timeline.find((change) => change.kind === 'config');
    const causeAt = Date.parse(cause?.time ?? '') + shift;
    expect(now - causeAt).toBeLessThan(2 * 86_400_000);
    expect(now - causeAt).toBeGreaterThan(6 * 3_600_000);
  });

  it('ends the quiet scenario at now', () => {
    const shift = shiftToNow(scenarios.quiet, now);
    expect(liveAnchorMs(scenarios.quiet)).toBe(Date.parse(scenarios.quiet.window.end));
    const generated = generateScenario(scenarios.quiet, { shiftMs: shift });
    expect(now - generated.endMs).toBeGreaterThanOrEqual(0);
    expect(now - generated.endMs).toBeLessThan(60_000);
  });

  it('keeps the real dates with a shift of 0', () => {
    const generated = generateScenario(scenarios.quiet, { shiftMs: 0 });
    expect(new Date(generated.startMs).toISOString()).toBe('2024-06-04T08:00:00.000Z');
    expect(new Date(generated.endMs).toISOString()).toBe('2024-06-04T16:00:00.000Z');
  });
});
