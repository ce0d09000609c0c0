import { describe, expect, it } from 'vitest';
import { timeTicks } from '../../src/domain/time-ticks';

const at = (hh: number, mm: number) => Date.UTC(2024, 0, 29, hh, mm);

describe('timeTicks', () => {
  it('puts ticks on round times within the range', () => {
    const ticks = timeTicks(at(22, 19), at(25, 19), 8);
    expect(ticks.map((t) => new Date(t).toISOString().slice(11, 16))).toEqual([
      '22:30',
      '23:00',
      '23:30',
      '00:00',
      '00:30',
      '01:00',
    ]);
  });

  it('never gives more ticks than asked for', () => {
    for (const hours of [0.1, 1, 6, 24, 24 * 7, 24 * 30]) {
      expect(timeTicks(at(0, 7), at(0, 7) + hours * 3_600_000, 6).length).toBeLessThanOrEqual(6);
    }
  });
});
