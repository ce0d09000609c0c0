import type { TimeSeries } from './series';

/** Where a chart's plot area is, in pixels, and the time and value ranges it spans. */
export interface PlotScale {
  readonly startMs: number;
  readonly endMs: number;
  readonly minValue: number;
  readonly maxValue: number;
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Paths are in tenths of a pixel, as integers: finer than any screen draws, and an integer
 * becomes a string several times faster than a fraction does. Draw them scaled by 1/10.
 */
export const PATH_UNITS_PER_PX = 10;

/**
 * The SVG path of one series' line in a plot area: `M` where a stretch starts, `L` to each
 * following sample. A non-finite value (a gap, see markGaps) ends the stretch, so no line is
 * drawn across missing data; a sample alone between gaps is a zero-length stretch (`M x y h0`),
 * which a round line cap draws as a dot instead of dropping it. Values outside the value range
 * are placed outside the plot area, for a clip path to cut. Coordinates are in
 * `PATH_UNITS_PER_PX` units, rounded to integers.
 */
export function linePath(series: TimeSeries, scale: PlotScale): string {
  const { times, values } = series;
  const spanMs = scale.endMs - scale.startMs;
  const spanValue = scale.maxValue - scale.minValue;
  const xPerMs = spanMs > 0 ? scale.width / spanMs : 0;
  const yPerValue = spanValue > 0 ? scale.height / spanValue : 0;
  const bottom = scale.top + scale.height;
  // A flat range (one value) is drawn across the middle of the plot.
  const yOf = (value: number) =>
    spanValue > 0 ? bottom - (value - scale.minValue) * yPerValue : scale.top + scale.height / 2;

  const units = PATH_UNITS_PER_PX;
  const path = new PathWriter(times.length);
  let open = 0; // samples in the stretch being drawn
  for (let i = 0; i < times.length; i++) {
    const value = values[i] ?? Number.NaN;
    if (!Number.isFinite(value)) {
      if (open === 1) path.zeroLength();
      open = 0;
      continue;
    }
    path.point(
      open === 0 ? M : L,
      Math.round((scale.left + ((times[i] ?? 0) - scale.startMs) * xPerMs) * units),
      Math.round(yOf(value) * units),
    );
    open++;
  }
  if (open === 1) path.zeroLength();
  return path.text();
}

const M = 77; // 'M'
const L = 76; // 'L'
const SPACE = 32;
const MINUS = 45;
const ZERO = 48;
/** A command letter, two integers of up to 10 digits with signs and a space; `h0` after it. */
const MAX_BYTES_PER_POINT = 1 + 11 + 1 + 11 + 2;

let buffer = new Uint8Array(64 * 1024);
const decoder = new TextDecoder();

/**
 * Writes a path's ASCII straight into one reused byte buffer and decodes it once: a flat
 * string in one allocation, where concatenation would leave thousands of short-lived pieces
 * for the garbage collector on every refresh of every chart.
 */
class PathWriter {
  private length = 0;

  constructor(points: number) {
    const needed = points * MAX_BYTES_PER_POINT + 8;
    if (buffer.length < needed) buffer = new Uint8Array(needed * 2);
  }

  point(command: number, x: number, y: number): void {
    buffer[this.length++] = command;
    this.integer(x);
    buffer[this.length++] = SPACE;
    this.integer(y);
  }

  /** `h0`: a stretch of one sample, which a round line cap draws as a dot. */
  zeroLength(): void {
    buffer[this.length++] = 104; // 'h'
    buffer[this.length++] = ZERO;
  }

  text(): string {
    return decoder.decode(buffer.subarray(0, this.length));
  }

  private integer(value: number): void {
    // Far off-plot values are clipped anyway; this keeps them to 10 digits.
    let n = Math.max(-2e9, Math.min(2e9, value));
    if (n < 0) {
      buffer[this.length++] = MINUS;
      n = -n;
    }
    if (n === 0) {
      buffer[this.length++] = ZERO;
      return;
    }
    let digits = 0;
    for (let rest = n; rest > 0; rest = Math.floor(rest / 10)) digits++;
    let at = this.length + digits;
    this.length = at;
    for (let rest = n; rest > 0; rest = Math.floor(rest / 10)) buffer[--at] = ZERO + (rest % 10);
  }
}
