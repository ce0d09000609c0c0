import type { TimeSeries } from './series';

/**
 * An SVG path for a sparkline of `series` over `[startMs, endMs]` in a `width` × `height` box,
 * scaled to its own lowest and highest value (a flat line sits in the middle). Non-finite values
 * break the line, as gaps do on the charts.
 */
export function sparklinePath(
  series: TimeSeries,
  startMs: number,
  endMs: number,
  width: number,
  height: number,
): string {
  const { times, values } = series;
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (Number.isFinite(value)) {
      if (value < min) min = value;
      if (value > max) max = value;
    }
  }
  if (!Number.isFinite(min)) return '';
  const span = endMs - startMs;
  const x = (t: number) => (span > 0 ? ((t - startMs) / span) * width : 0);
  const y = (v: number) => (max > min ? height - ((v - min) / (max - min)) * height : height / 2);
  const parts: string[] = [];
  let drawing = false;
  times.forEach((t, i) => {
    const value = values[i];
    if (value === undefined || !Number.isFinite(value)) {
      drawing = false;
      return;
    }
    parts.push(`${drawing ? 'L' : 'M'}${x(t).toFixed(1)},${y(value).toFixed(1)}`);
    drawing = true;
  });
  return parts.join('');
}
