import { describe, expect, it } from 'vitest';
import { parseRfc3339 } from '../../src/domain/rfc3339';

const AT_0019 = Date.UTC(2024, 0, 30, 0, 19);

describe('parseRfc3339', () => {
  it.each([
    ['2024-01-30T00:19:00Z', AT_0019],
    ['2024-01-30t00:19:00z', AT_0019],
    ['2024-01-29T16:19:00-08:00', AT_0019],
    ['2024-01-30T05:49:00+05:30', AT_0019],
    ['2024-01-30T00:19:00+00:00', AT_0019],
    ['2024-01-30T00:19:00-00:00', AT_0019],
    ['2024-01-30T00:19:00.250Z', AT_0019 + 250],
    ['2024-01-30T00:19:00.5Z', AT_0019 + 500],
    ['2024-01-30T00:19:00.123456789Z', AT_0019 + 123],
    ['2024-12-31T23:59:59Z', Date.UTC(2024, 11, 31, 23, 59, 59)],
    ['2024-01-01T00:30:00+23:59', Date.UTC(2023, 11, 31, 0, 31)],
    ['1969-07-20T20:17:40Z', Date.UTC(1969, 6, 20, 20, 17, 40)],
  ])('reads %s', (text, ms) => {
    expect(parseRfc3339(text)).toBe(ms);
  });

  it('agrees with Date.parse on the times both understand', () => {
    for (const text of ['2024-01-30T00:19:00Z', '2023-03-17T14:00:00.999-07:00']) {
      expect(parseRfc3339(text)).toBe(Date.parse(text));
    }
  });

  it.each([
    ['30 February', '2024-02-30T00:00:00Z'],
    ['31 April', '2024-04-31T00:00:00Z'],
    ['month 13', '2024-13-01T00:00:00Z'],
    ['month 0', '2024-00-10T00:00:00Z'],
    ['day 0', '2024-01-00T00:00:00Z'],
    ['hour 24', '2024-01-30T24:00:00Z'],
    ['minute 60', '2024-01-30T00:60:00Z'],
    ['a leap second', '2016-12-31T23:59:60Z'],
    ['an offset hour of 24', '2024-01-30T00:19:00+24:00'],
    ['an offset minute of 60', '2024-01-30T00:19:00+05:60'],
    ['an offset without a colon', '2024-01-30T00:19:00+0530'],
    ['an offset of hours only', '2024-01-30T00:19:00+05'],
    ['no offset', '2024-01-30T00:19:00'],
    ['no seconds', '2024-01-30T00:19Z'],
    ['a fraction without digits', '2024-01-30T00:19:00.Z'],
    ['a space for the T', '2024-01-30 00:19:00Z'],
    ['a date alone', '2024-01-30'],
    ['a two-digit year', '24-01-30T00:19:00Z'],
    ['text around the time', ' 2024-01-30T00:19:00Z'],
    ['an empty string', ''],
  ])('rejects %s', (_, text) => {
    expect(parseRfc3339(text)).toBeNull();
  });

  it('has 29 February in leap years only', () => {
    expect(parseRfc3339('2024-02-29T12:00:00Z')).toBe(Date.UTC(2024, 1, 29, 12));
    expect(parseRfc3339('2000-02-29T12:00:00Z')).toBe(Date.UTC(2000, 1, 29, 12));
    expect(parseRfc3339('2023-02-29T12:00:00Z')).toBeNull();
    expect(parseRfc3339('1900-02-29T12:00:00Z')).toBeNull();
    expect(parseRfc3339('2100-02-29T12:00:00Z')).toBeNull();
  });

  it('reads the years 0 to 99 as written, not as 1900 to 1999', () => {
    expect(parseRfc3339('0000-02-29T00:00:00Z')).toBe(Date.parse('0000-02-29T00:00:00Z'));
    expect(parseRfc3339('0050-06-15T00:00:00Z')).toBe(Date.parse('0050-06-15T00:00:00Z'));
    expect(new Date(parseRfc3339('0050-06-15T00:00:00Z') ?? 0).getUTCFullYear()).toBe(50);
  });
});
