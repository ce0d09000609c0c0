import type { TimeSeries } from './series';

/** One row per timestamp, one column per series (`s0`, `s1`, …): the shape recharts draws. */
export type ChartRow = { readonly t: number } & Readonly<Record<string, number | null>>;

/**
 * Aligns series on their timestamps. A series without a sample at a row's time gets `null`,
 * which recharts draws as a gap rather than a line across missing data. ±Inf and NaN cannot be
 * plotted, so they become gaps too.
 */
export function toChartRows(series: readonly TimeSeries[]): ChartRow[] {
  const rows = new Map<number, Record<string, number | null>>();
  series.forEach((one, index) => {
    const column = `s${String(index)}`;
    one.times.forEach((t, i) => {
      const value = one.values[i];
      let row = rows.get(t);
      if (row === undefined) {
        row = { t };
        rows.set(t, row);
      }
      row[column] = value !== undefined && Number.isFinite(value) ? value : null;
    });
  });
  return [...rows.values()].sort((a, b) => (a.t ?? 0) - (b.t ?? 0)) as ChartRow[];
}
