/** `HH:MM` in UTC; time zones other than UTC arrive with the URL's `tz` parameter. */
export function formatClock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 16);
}

/** `2024-01-30 00:19 UTC`. */
export function formatInstant(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Axis labels: the clock alone within a day, with the date (`03-18 12:00`) across days. */
export function formatAxisTime(ms: number, spanMs: number): string {
  const iso = new Date(ms).toISOString();
  return spanMs > 86_400_000 ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16);
}
