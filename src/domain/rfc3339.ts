/**
 * RFC 3339 date-times (section 5.6), read one way everywhere: the URL's `from` and `to`, the
 * events file, and the scenarios of the mocks.
 */

/**
 * The shape of an RFC 3339 date-time: seconds required, fraction optional, an explicit offset;
 * `T` and `Z` may be lower case. The events file's JSON Schema publishes this pattern, so a change
 * here changes the published format.
 */
export const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):(\d{2}))$/;

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Epoch milliseconds of an RFC 3339 date-time, or `null` when the text is not one or names no
 * real moment: no 30 February, no hour 24, no offset past 23:59, and no leap second 60 (JavaScript
 * time has none). `Date.parse` alone would roll 30 February over to 1 March without a word.
 * Digits of a fraction past the millisecond are dropped, as `Date.parse` drops them.
 */
export function parseRfc3339(text: string): number | null {
  const match = RFC3339.exec(text);
  if (match === null) return null;
  const group = (i: number): number => Number(match[i] ?? 0);
  const [year, month, day] = [group(1), group(2), group(3)];
  const [hour, minute, second] = [group(4), group(5), group(6)];
  const [offsetHours, offsetMinutes] = [group(10), group(11)];
  const realDate = month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
  const realTime = hour <= 23 && minute <= 59 && second <= 59;
  if (!realDate || !realTime || offsetHours > 23 || offsetMinutes > 59) return null;
  const milliseconds = Number((match[7] ?? '').slice(1, 4).padEnd(3, '0'));
  // setUTCFullYear, unlike Date.UTC, leaves the years 0–99 alone instead of reading them as 19xx.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, milliseconds);
  const offsetMs = (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  return date.getTime() - offsetMs;
}

/**
 * An instant as RFC 3339 in UTC, to the second when it falls on one (`2024-01-30T00:19:30Z`),
 * else to the millisecond: the form the report's JSON uses for every time.
 */
export function formatRfc3339Utc(ms: number): string {
  const text = new Date(ms).toISOString();
  return text.endsWith('.000Z') ? `${text.slice(0, -5)}Z` : text;
}
