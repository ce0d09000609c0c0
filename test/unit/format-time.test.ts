import { describe, expect, it } from 'vitest';
import { formatAxisTime, formatClock, formatInstant } from '../../src/domain/format-time';

const t = Date.UTC(2023, 2, 18, 13, 20);

describe('time formatting (UTC)', () => {
  it('prints the clock, and the date when the axis spans days', () => {
    expect(formatClock(t)).toBe('13:20');
    expect(formatAxisTime(t, 6 * 3_600_000)).toBe('13:20');
    expect(formatAxisTime(t, 2 * 86_400_000)).toBe('03-18 13:20');
  });

  it('prints an instant with its zone', () => {
    expect(formatInstant(t)).toBe('2023-03-18 13:20 UTC');
  });
});
