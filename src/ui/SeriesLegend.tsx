import type { PanelUnit } from '../dashboard/default-dashboard';
import { valueAt } from '../domain/gaps';
import { formatValue } from '../domain/format-value';
import { useCursorTime, type CursorStore } from './cursor-store';
import type { ChartSeries } from './TimeSeriesChart';

export interface SeriesLegendProps {
  readonly series: readonly ChartSeries[];
  readonly unit: PanelUnit;
  readonly stepMs: number;
  readonly cursor: CursorStore;
}

function lastFinite(values: readonly number[]): number | null {
  for (let i = values.length - 1; i >= 0; i--) {
    const value = values[i];
    if (value !== undefined && Number.isFinite(value)) return value;
  }
  return null;
}

/**
 * Series names with their value at the shared cursor, or their latest value when the mouse is
 * elsewhere: readable without hovering, which a wall screen cannot do.
 */
export function SeriesLegend({ series, unit, stepMs, cursor }: SeriesLegendProps) {
  const cursorTime = useCursorTime(cursor);
  return (
    <ul className="legend" aria-label="Series">
      {series.map((one) => {
        const value =
          cursorTime === null
            ? lastFinite(one.series.values)
            : valueAt(one.series, cursorTime, stepMs);
        return (
          <li key={one.key} className="legend-item">
            <span className="legend-swatch" style={{ background: one.color }} aria-hidden="true" />
            <span className="legend-name">{one.name}</span>
            <span className="legend-value">{value === null ? '–' : formatValue(value, unit)}</span>
          </li>
        );
      })}
    </ul>
  );
}
