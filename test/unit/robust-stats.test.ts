import { describe, expect, it } from 'vitest';
import { median, robustLevel } from '../../src/domain/robust-stats';

describe('median', () => {
  it('is the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('skips values that are not finite, and is NaN when none are', () => {
    expect(median([Number.NaN, 2, Infinity, 4])).toBe(3);
    expect(median([])).toBeNaN();
  });

  it('leaves its input as it was', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('robustLevel', () => {
  it('is not dragged by a few wild values', () => {
    const level = robustLevel([10, 11, 9, 10, 10, 11, 9, 1000, 10, -500]);
    expect(level.median).toBe(10);
    expect(level.sigma).toBeCloseTo(1.4826, 4);
  });

  it('has no spread for a constant', () => {
    expect(robustLevel([0, 0, 0])).toEqual({ median: 0, sigma: 0 });
  });
});
