import { describe, expect, it } from 'vitest';
import {
  firstRefreshDelayMs,
  nextRefreshDelayMs,
  REFRESH_JITTER,
} from '../../src/domain/refresh-schedule';

describe('the refresh schedule', () => {
  it('waits a random part of one interval before the first refresh', () => {
    expect(firstRefreshDelayMs(30_000, () => 0)).toBe(0);
    expect(firstRefreshDelayMs(30_000, () => 0.5)).toBe(15_000);
    expect(firstRefreshDelayMs(30_000, () => 0.999)).toBeLessThan(30_000);
  });

  it('keeps later intervals within the jitter of the nominal one', () => {
    expect(nextRefreshDelayMs(30_000, () => 0.5)).toBe(30_000);
    expect(nextRefreshDelayMs(30_000, () => 0)).toBe(30_000 * (1 - REFRESH_JITTER));
    expect(nextRefreshDelayMs(30_000, () => 0.9999)).toBeLessThanOrEqual(
      30_000 * (1 + REFRESH_JITTER),
    );
  });

  it('spreads 50 screens opened at once over the interval', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const seconds = new Set(
      Array.from({ length: 50 }, () => Math.floor(firstRefreshDelayMs(30_000, random) / 1000)),
    );
    // 50 phases over 30 one-second slots: most slots are used, none holds many screens.
    expect(seconds.size).toBeGreaterThan(15);
  });
});
