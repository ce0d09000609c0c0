/**
 * Every printed time goes through here, in the zone the URL's `tz` chooses. These functions run
 * per tick and per tooltip row, so each zone's Intl formatter is created once and kept, and its
 * readings are cached (see `zoneAt`).
 */

/** The URL's `tz`: `UTC`, `browser` (the zone of the reader's system) or an IANA zone name. */
export type TimeZoneSetting = 'UTC' | 'browser' | (string & {});

/** The parts of a wall-clock reading in one zone. */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** `UTC`, `PST`, `CEST`, or the offset (`GMT+5:30`) where the zone has no common short name. */
  readonly zoneName: string;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
const namesInGb = new Map<string, Intl.DateTimeFormat>();
let browserZone: string | null = null;

function cached(
  cache: Map<string, Intl.DateTimeFormat>,
  timeZone: string,
  create: () => Intl.DateTimeFormat,
): Intl.DateTimeFormat {
  let formatter = cache.get(timeZone);
  if (formatter === undefined) {
    formatter = create();
    cache.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone Intl will use for a setting; `browser` becomes the system's zone, e.g. `Europe/Berlin`. */
export function resolveTimeZone(setting: TimeZoneSetting): string {
  if (setting !== 'browser') return setting;
  browserZone ??= new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return browserZone;
}

/**
 * Whether this runtime knows the zone. The name is kept as written: Intl's canonical name can be
 * an older one (`Asia/Kolkata` resolves to `Asia/Calcutta` in some ICU versions).
 */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name !== '';
  } catch {
    return false;
  }
}

interface ZoneReading {
  readonly offsetMs: number;
  readonly zoneName: string;
}

const UTC_READING: ZoneReading = { offsetMs: 0, zoneName: 'UTC' };

/** Reads a zone's offset and short name from Intl: exact, but about 10 µs a call. */
function readZone(ms: number, timeZone: string): ZoneReading {
  const formatter = cached(
    partsFormatters,
    timeZone,
    () =>
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        hourCycle: 'h23',
        timeZoneName: 'short',
      }),
  );
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(ms)) parts[part.type] = part.value;
  const [year, month, day, hour, minute, second] = (
    ['year', 'month', 'day', 'hour', 'minute', 'second'] as const
  ).map((type) => Number(parts[type]));
  const wall = Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0, second ?? 0);
  const name = parts.timeZoneName ?? '';
  return {
    offsetMs: wall - (ms - (((ms % 1000) + 1000) % 1000)),
    zoneName: /^GMT[+-]/.test(name) ? europeanName(ms, timeZone, name) : name,
  };
}

/**
 * Offsets change only at DST and other transitions, so a reading holds for a whole quarter hour
 * unless one falls inside it: each quarter is read at both ends once and kept when they agree.
 * That makes a label about as cheap as in UTC, which matters per tick and per tooltip row.
 */
const QUARTER_HOUR_MS = 15 * 60_000;
const readings = new Map<string, ZoneReading | null>();
const MAX_READINGS = 20_000;

function zoneAt(ms: number, timeZone: string): ZoneReading {
  if (timeZone === 'UTC') return UTC_READING;
  const quarter = Math.floor(ms / QUARTER_HOUR_MS);
  const key = `${timeZone} ${String(quarter)}`;
  let reading = readings.get(key);
  if (reading === undefined) {
    const first = readZone(quarter * QUARTER_HOUR_MS, timeZone);
    const last = readZone((quarter + 1) * QUARTER_HOUR_MS - 1, timeZone);
    const steady = first.offsetMs === last.offsetMs && first.zoneName === last.zoneName;
    reading = steady ? first : null;
    if (readings.size >= MAX_READINGS) readings.clear();
    readings.set(key, reading);
  }
  return reading ?? readZone(ms, timeZone);
}

/** Reads the wall clock of a zone at an instant. */
export function wallClock(ms: number, tz: TimeZoneSetting): WallClock {
  const zone = zoneAt(ms, resolveTimeZone(tz));
  const wall = new Date(ms + zone.offsetMs);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    zoneName: zone.zoneName,
  };
}

/**
 * US English names only the US zones (PST, EST); British English adds the European ones (CET,
 * BST). Other zones keep their offset, which cannot be misread (IST is three different zones).
 */
function europeanName(ms: number, timeZone: string, fallback: string): string {
  const formatter = cached(
    namesInGb,
    timeZone,
    () => new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' }),
  );
  const name = formatter.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value;
  return name === undefined || /^GMT[+-]/.test(name) ? fallback : name;
}

/** How far the zone's wall clock is ahead of UTC at an instant (negative west of Greenwich). */
export function zoneOffsetMs(ms: number, tz: TimeZoneSetting): number {
  return zoneAt(ms, resolveTimeZone(tz)).offsetMs;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function clockText(c: WallClock): string {
  return `${pad(c.hour)}:${pad(c.minute)}`;
}

function dateText(c: WallClock): string {
  return `${String(c.year)}-${pad(c.month)}-${pad(c.day)}`;
}

/** `HH:MM` in the zone. */
export function formatClock(ms: number, tz: TimeZoneSetting): string {
  return clockText(wallClock(ms, tz));
}

/** `2024-01-30 00:19 UTC`, `2024-01-29 16:19 PST`, `2024-01-30 05:49 GMT+5:30`. */
export function formatInstant(
  ms: number,
  tz: TimeZoneSetting,
  precision: 'minutes' | 'seconds' = 'minutes',
): string {
  const c = wallClock(ms, tz);
  const clock = precision === 'seconds' ? `${clockText(c)}:${pad(c.second)}` : clockText(c);
  return `${dateText(c)} ${clock} ${c.zoneName}`;
}

/** `HH:MM:SS` in the zone. */
export function formatClockSeconds(ms: number, tz: TimeZoneSetting): string {
  const c = wallClock(ms, tz);
  return `${clockText(c)}:${pad(c.second)}`;
}

/** Axis labels: the clock alone within a day, with the date (`03-18 12:00`) across days. */
export function formatAxisTime(ms: number, spanMs: number, tz: TimeZoneSetting): string {
  const c = wallClock(ms, tz);
  return spanMs > 86_400_000 ? `${pad(c.month)}-${pad(c.day)} ${clockText(c)}` : clockText(c);
}

const DURATION_UNITS: readonly (readonly [string, number])[] = [
  ['d', 86_400],
  ['h', 3_600],
  ['min', 60],
  ['s', 1],
];

/**
 * A length of time in its two largest units, rounded to the smaller one: `3 h 38 min`, `45 s`,
 * `2 d 4 h`. Under a second it is milliseconds; negative lengths get a minus sign.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (ms < 999.5) return `${String(Math.round(ms))} ms`;
  let seconds = Math.round(ms / 1000);
  // Rounding to the smaller unit can carry into a larger one (59 min 59.6 s is 1 h), so pick
  // the units again after rounding.
  for (let pass = 0; pass < 2; pass++) {
    const big = DURATION_UNITS.findIndex(([, size]) => seconds >= size);
    const small = DURATION_UNITS[big + 1];
    if (small !== undefined) seconds = Math.round(seconds / small[1]) * small[1];
  }
  const big = DURATION_UNITS.findIndex(([, size]) => seconds >= size);
  const [bigName, bigSize] = DURATION_UNITS[big] ?? ['s', 1];
  const whole = Math.floor(seconds / bigSize);
  const small = DURATION_UNITS[big + 1];
  const rest = small === undefined ? 0 : (seconds - whole * bigSize) / small[1];
  const head = `${String(whole)} ${bigName}`;
  return rest === 0 || small === undefined ? head : `${head} ${String(rest)} ${small[0]}`;
}

/**
 * How long ago, as a person says it at a glance: whole seconds in the first minute, then whole
 * minutes (`31 min`, `3 h 38 min`), never milliseconds.
 */
export function formatAge(ms: number): string {
  const safe = Math.max(0, ms);
  if (safe < 500) return '0 s';
  const rounded =
    safe < 60_000 ? Math.round(safe / 1000) * 1000 : Math.floor(safe / 60_000) * 60_000;
  return formatDuration(rounded);
}
