import { describe, expect, it, vi } from 'vitest';
import {
  formatAge,
  formatAxisTime,
  formatClock,
  formatDuration,
  formatInstant,
  isTimeZone,
  resolveTimeZone,
  zoneOffsetMs,
} from '../../src/domain/format-time';

const t = Date.UTC(2023, 2, 18, 13, 20);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('time formatting in UTC', () => {
  it('prints the clock, and the date when the axis spans days', () => {
    expect(formatClock(t, 'UTC')).toBe('13:20');
    expect(formatAxisTime(t, 6 * HOUR, 'UTC')).toBe('13:20');
    expect(formatAxisTime(t, 2 * 24 * HOUR, 'UTC')).toBe('03-18 13:20');
  });

  it('prints an instant with its zone', () => {
    expect(formatInstant(t, 'UTC')).toBe('2023-03-18 13:20 UTC');
    expect(formatInstant(Date.UTC(2024, 0, 30, 0, 19), 'UTC')).toBe('2024-01-30 00:19 UTC');
  });

  it('prints midnight as 00:00, not 24:00', () => {
    expect(formatClock(Date.UTC(2024, 0, 30), 'UTC')).toBe('00:00');
  });
});

describe('time formatting in a chosen zone', () => {
  it('prints the zone’s own clock and short name', () => {
    const incident = Date.UTC(2024, 0, 30, 0, 19);
    expect(formatInstant(incident, 'America/Los_Angeles')).toBe('2024-01-29 16:19 PST');
    expect(formatInstant(incident, 'Europe/Berlin')).toBe('2024-01-30 01:19 CET');
    expect(formatAxisTime(incident, 2 * 24 * HOUR, 'America/Los_Angeles')).toBe('01-29 16:19');
  });

  it('prints the offset for a zone with a half-hour offset and no common short name', () => {
    const incident = Date.UTC(2024, 0, 30, 0, 19);
    expect(formatInstant(incident, 'Asia/Kolkata')).toBe('2024-01-30 05:49 GMT+5:30');
    expect(formatClock(incident, 'Asia/Kathmandu')).toBe('06:04');
  });

  it('follows Los Angeles across the spring-forward change of 2024-03-10', () => {
    // 01:59 PST is followed by 03:00 PDT: 02:xx does not exist that night.
    const change = Date.UTC(2024, 2, 10, 10, 0);
    expect(formatInstant(change - MINUTE, 'America/Los_Angeles')).toBe('2024-03-10 01:59 PST');
    expect(formatInstant(change, 'America/Los_Angeles')).toBe('2024-03-10 03:00 PDT');
    expect(zoneOffsetMs(change - MINUTE, 'America/Los_Angeles')).toBe(-8 * HOUR);
    expect(zoneOffsetMs(change, 'America/Los_Angeles')).toBe(-7 * HOUR);
  });

  it('follows Berlin across the fall-back change of 2024-10-27, printing 02:30 twice', () => {
    const first = Date.UTC(2024, 9, 27, 0, 30);
    const second = first + HOUR;
    expect(formatInstant(first, 'Europe/Berlin')).toBe('2024-10-27 02:30 CEST');
    expect(formatInstant(second, 'Europe/Berlin')).toBe('2024-10-27 02:30 CET');
    expect(formatClock(second + HOUR, 'Europe/Berlin')).toBe('03:30');
  });

  it('uses the system’s zone for browser', () => {
    const system = new Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(resolveTimeZone('browser')).toBe(system);
    expect(resolveTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(formatInstant(t, 'browser')).toBe(formatInstant(t, system));
  });

  it('knows IANA zone names, and not names that are no zone', () => {
    expect(isTimeZone('America/Los_Angeles')).toBe(true);
    expect(isTimeZone('Asia/Kolkata')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});

describe('cached zone readings', () => {
  it('agree with Intl at any instant, also at old transitions off the quarter hour', () => {
    const zones = ['America/Los_Angeles', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Lord_Howe'];
    const reference = (ms: number, timeZone: string) =>
      new Intl.DateTimeFormat('sv-SE', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(ms);
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const from = Date.UTC(1900, 0, 1);
    const to = Date.UTC(2040, 0, 1);
    for (const tz of zones) {
      for (let i = 0; i < 300; i++) {
        const ms = Math.floor(from + random() * (to - from));
        expect(formatInstant(ms, tz).slice(0, 16), `${tz} ${new Date(ms).toISOString()}`).toBe(
          reference(ms, tz),
        );
      }
    }
    // India moved from Madras time (+5:21:10) to +5:30 at midnight on 1906-01-01.
    const change = Date.UTC(1905, 11, 31, 18, 38, 50);
    for (const ms of [change - 60_000, change, change + 60_000]) {
      expect(formatInstant(ms, 'Asia/Kolkata').slice(0, 16)).toBe(reference(ms, 'Asia/Kolkata'));
    }
  });
});

describe('formatter reuse', () => {
  it('creates a zone’s formatter once, not once per label', () => {
    formatAxisTime(t, HOUR, 'Asia/Tokyo');
    const created = vi.spyOn(Intl, 'DateTimeFormat');
    for (let i = 0; i < 1000; i++) formatAxisTime(t + i * MINUTE, HOUR, 'Asia/Tokyo');
    expect(created).not.toHaveBeenCalled();
    created.mockRestore();
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [450, '450 ms'],
    [45_000, '45 s'],
    [5 * MINUTE + 3_000, '5 min 3 s'],
    [12 * MINUTE, '12 min'],
    [3 * HOUR + 38 * MINUTE, '3 h 38 min'],
    [3 * HOUR + 37 * MINUTE + 40_000, '3 h 38 min'],
    [HOUR - 400, '1 h'],
    [52 * HOUR, '2 d 4 h'],
    [-90_000, '-1 min 30 s'],
  ])('prints %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatAge', () => {
  it('says whole seconds in the first minute and whole minutes after, never milliseconds', () => {
    expect(formatAge(974)).toBe('1 s');
    expect(formatAge(0)).toBe('0 s');
    expect(formatAge(-5_000)).toBe('0 s');
    expect(formatAge(45_400)).toBe('45 s');
    expect(formatAge(31 * 60_000 + 37_000)).toBe('31 min');
    expect(formatAge(3 * 3_600_000 + 38 * 60_000 + 59_000)).toBe('3 h 38 min');
  });
});
