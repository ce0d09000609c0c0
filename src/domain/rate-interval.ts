/**
 * `$__rate_interval` as Grafana defines it: max(4 × scrape interval, step + scrape interval).
 * Four scrapes keep `rate()` defined when one scrape is missed; step + scrape makes consecutive
 * windows overlap so no sample falls between two points.
 */
export function rateIntervalSeconds(stepSeconds: number, scrapeIntervalSeconds: number): number {
  return Math.max(4 * scrapeIntervalSeconds, stepSeconds + scrapeIntervalSeconds);
}

/** Formats seconds as a PromQL duration (`75s`, `5m`, `2h`), the shortest exact unit. */
export function promDuration(seconds: number): string {
  const whole = Math.max(1, Math.round(seconds));
  if (whole % 3600 === 0) return `${whole / 3600}h`;
  if (whole % 60 === 0) return `${whole / 60}m`;
  return `${whole}s`;
}
