/**
 * Statistics that a few wild samples cannot drag: the median for a level and the median
 * absolute deviation (MAD) for a spread. A spike of one scrape, or the first minutes of an
 * excursion inside a baseline window, move neither much, where a mean and a standard deviation
 * would follow them.
 */

/** The MAD of normal noise times this is its standard deviation. */
export const MAD_TO_SIGMA = 1.4826;

/** The k-th smallest value (0-based) of `values`, reordering them in place (quickselect). */
function select(values: number[], k: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const pivot = values[(low + high) >> 1] ?? 0;
    let i = low;
    let j = high;
    while (i <= j) {
      while ((values[i] ?? 0) < pivot) i++;
      while ((values[j] ?? 0) > pivot) j--;
      if (i <= j) {
        const swap = values[i] ?? 0;
        values[i] = values[j] ?? 0;
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) high = j;
    else if (k >= i) low = i;
    else break;
  }
  return values[k] ?? Number.NaN;
}

/** The median of finite numbers; NaN for none. The input is not changed. */
export function median(values: readonly number[]): number {
  const copy = values.filter((v) => Number.isFinite(v));
  const n = copy.length;
  if (n === 0) return Number.NaN;
  const upper = select(copy, n >> 1);
  if (n % 2 === 1) return upper;
  // The other middle value is the largest of the lower half, which select left below it.
  let lower = -Infinity;
  for (let i = 0; i < n >> 1; i++) lower = Math.max(lower, copy[i] ?? -Infinity);
  return (lower + upper) / 2;
}

export interface RobustLevel {
  readonly median: number;
  /** MAD × 1.4826: the standard deviation the noise would have if it were normal. */
  readonly sigma: number;
}

/** Median and robust spread of finite numbers; NaN for both when there are none. */
export function robustLevel(values: readonly number[]): RobustLevel {
  const centre = median(values);
  if (Number.isNaN(centre)) return { median: Number.NaN, sigma: Number.NaN };
  const deviations = values.filter((v) => Number.isFinite(v)).map((v) => Math.abs(v - centre));
  return { median: centre, sigma: MAD_TO_SIGMA * median(deviations) };
}
