import { describe, expect, it } from 'vitest';
import { formatAxisTime, formatClock } from '../../src/domain/format-time';
import { timeTicks } from '../../src/domain/time-ticks';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const at = (hh: number, mm: number) => Date.UTC(2024, 0, 29, hh, mm);
const clocks = (ticks: number[], tz: string) => ticks.map((tick) => formatClock(tick, tz));

describe('timeTicks', () => {
  it('puts ticks on round times within the range', () => {
    expect(clocks(timeTicks(at(22, 19), at(25, 19), 8, 'UTC'), 'UTC')).toEqual([
      '22:30',
      '23:00',
      '23:30',
      '00:00',
      '00:30',
      '01:00',
    ]);
  });

  it('never gives more ticks than asked for', () => {
    for (const tz of ['UTC', 'America/Los_Angeles', 'Asia/Kolkata', 'Australia/Lord_Howe']) {
      for (const hours of [0.1, 1, 6, 24, 24 * 7, 24 * 30, 24 * 400]) {
        for (const max of [2, 6, 11]) {
          const ticks = timeTicks(at(0, 7), at(0, 7) + hours * HOUR, max, tz);
          expect(ticks.length).toBeLessThanOrEqual(max);
          expect(ticks.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it('puts ticks on the hours of the chosen zone, also where it is :30 off UTC', () => {
    const ticks = timeTicks(at(0, 0), at(6, 0), 7, 'Asia/Kolkata');
    expect(clocks(ticks, 'Asia/Kolkata')).toEqual([
      '06:00',
      '07:00',
      '08:00',
      '09:00',
      '10:00',
      '11:00',
    ]);
    expect(clocks(ticks, 'UTC')).toEqual(['00:30', '01:30', '02:30', '03:30', '04:30', '05:30']);
  });

  it('puts day ticks on the zone’s midnight', () => {
    const ticks = timeTicks(at(0, 0), at(0, 0) + 4 * DAY, 6, 'America/Los_Angeles');
    expect(ticks.map((tick) => formatAxisTime(tick, 4 * DAY, 'America/Los_Angeles'))).toEqual([
      '01-29 00:00',
      '01-30 00:00',
      '01-31 00:00',
      '02-01 00:00',
    ]);
  });

  it('skips the hour Los Angeles skips when clocks go forward (2024-03-10)', () => {
    const start = Date.UTC(2024, 2, 10, 8, 0); // 00:00 PST
    const ticks = timeTicks(start, start + 5 * HOUR, 6, 'America/Los_Angeles');
    expect(clocks(ticks, 'America/Los_Angeles')).toEqual([
      '00:00',
      '01:00',
      '03:00',
      '04:00',
      '05:00',
      '06:00',
    ]);
    expect((ticks[2] ?? 0) - (ticks[1] ?? 0)).toBe(HOUR);
  });

  it('shows the hour Berlin repeats when clocks go back (2024-10-27) twice, an hour apart', () => {
    const start = Date.UTC(2024, 9, 26, 23, 0); // 01:00 CEST
    const ticks = timeTicks(start, start + 3 * HOUR, 7, 'Europe/Berlin');
    expect(clocks(ticks, 'Europe/Berlin')).toEqual([
      '01:00',
      '01:30',
      '02:00',
      '02:30',
      '02:00',
      '02:30',
      '03:00',
    ]);
    expect(ticks.every((tick, i) => i === 0 || tick - (ticks[i - 1] ?? 0) === 30 * MINUTE)).toBe(
      true,
    );
  });

  it('keeps six-hourly ticks on 00, 06, 12, 18 local time across a DST change', () => {
    const start = Date.UTC(2024, 2, 9, 8, 0); // 2024-03-09 00:00 PST
    const ticks = timeTicks(start, start + 2 * DAY, 10, 'America/Los_Angeles');
    expect(new Set(clocks(ticks, 'America/Los_Angeles'))).toEqual(
      new Set(['00:00', '06:00', '12:00', '18:00']),
    );
  });

  it('puts weekly ticks on Mondays', () => {
    const ticks = timeTicks(at(0, 0), at(0, 0) + 40 * DAY, 6, 'UTC');
    expect(ticks.every((tick) => new Date(tick).getUTCDay() === 1)).toBe(true);
    expect(ticks.length).toBeGreaterThan(3);
  });

  it('gives no ticks for an empty or reversed range', () => {
    expect(timeTicks(at(1, 0), at(1, 0), 5, 'UTC')).toEqual([]);
    expect(timeTicks(at(2, 0), at(1, 0), 5, 'UTC')).toEqual([]);
  });
});
