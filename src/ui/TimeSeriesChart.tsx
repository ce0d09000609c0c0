import { CartesianGrid, Line, LineChart, ReferenceLine, XAxis, YAxis } from 'recharts';
import type { PanelUnit } from '../dashboard/default-dashboard';
import { useMemo } from 'react';
import type { ChangeEvent } from '../domain/changes';
import type { IncidentWindow } from '../domain/incidents';
import { groupMarkers } from '../domain/marker-groups';
import { formatAxisTime } from '../domain/format-time';
import { formatValue } from '../domain/format-value';
import type { TimeSeries } from '../domain/series';
import { timeTicks } from '../domain/time-ticks';
import { valueAxis } from '../domain/value-ticks';
import type { CursorStore } from './cursor-store';
import { ChartAnnotations } from './ChartAnnotations';
import { PlotOverlay } from './PlotOverlay';
import { SuspectHighlight, type SuspectMark } from './SuspectHighlight';

export interface ChartSeries {
  /** Stable identity (the label set), so React and colours follow a series across refreshes. */
  readonly key: string;
  readonly name: string;
  readonly color: string;
  readonly series: TimeSeries;
}

export interface Thresholds {
  readonly warning?: number;
  readonly critical?: number;
}

export interface TimeSeriesChartProps {
  readonly series: readonly ChartSeries[];
  readonly unit: PanelUnit;
  readonly startMs: number;
  readonly endMs: number;
  readonly width: number;
  readonly height: number;
  readonly timeZone: string;
  readonly cursor: CursorStore;
  readonly thresholds?: Thresholds;
  readonly onZoom?: (startMs: number, endMs: number) => void;
  /** Drawn as vertical markers at their exact times. */
  readonly changes?: readonly ChangeEvent[];
  /** Drawn as shaded bands with phase sub-bands, clipped to the range. */
  readonly incidents?: readonly IncidentWindow[];
  /** Where an open incident window ends; the range's end when not given. */
  readonly nowMs?: number;
  /** The suspect chosen in the impact strip, drawn over the other markers. */
  readonly suspect?: SuspectMark | null;
}

/** Markers closer than this on a chart are drawn as one, with a count. */
const MARKER_GAP_PX = 4;

export const MARGIN = { top: 8, right: 12, bottom: 0, left: 0 };
export const Y_AXIS_WIDTH = 80;
export const X_AXIS_HEIGHT = 24;

/** The plot area's width in a chart this wide: less the y axis and the margins. */
export function plotWidthOf(chartWidth: number): number {
  return Math.max(100, chartWidth - Y_AXIS_WIDTH - MARGIN.left - MARGIN.right);
}

interface Point {
  readonly t: number;
  readonly v: number | null;
}

/** Non-finite values become nulls: recharts breaks the line there instead of drawing it. */
function toPoints(series: TimeSeries): Point[] {
  return series.times.map((t, i) => {
    const v = series.values[i];
    return { t, v: v !== undefined && Number.isFinite(v) ? v : null };
  });
}

/** Lowest and highest finite value drawn, thresholds included so their lines are in view. */
function valueExtent(series: readonly ChartSeries[], thresholds?: Thresholds): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const one of series) {
    for (const value of one.series.values) {
      if (Number.isFinite(value)) {
        if (value < min) min = value;
        if (value > max) max = value;
      }
    }
  }
  for (const limit of [thresholds?.warning, thresholds?.critical]) {
    if (limit !== undefined && Number.isFinite(max)) max = Math.max(max, limit);
  }
  return [min, max];
}

/**
 * One chart: axes, grid, thresholds and one line per series, each line with its own data so
 * series never need shared timestamps. Hover and drag go through PlotOverlay.
 */
export function TimeSeriesChart(props: TimeSeriesChartProps) {
  const { series, unit, startMs, endMs, width, height, timeZone, cursor, thresholds } = props;
  const area = {
    left: MARGIN.left + Y_AXIS_WIDTH,
    top: MARGIN.top,
    width: Math.max(1, width - MARGIN.left - MARGIN.right - Y_AXIS_WIDTH),
    height: Math.max(1, height - MARGIN.top - MARGIN.bottom - X_AXIS_HEIGHT),
  };
  const yAxis = valueAxis(
    ...valueExtent(series, thresholds),
    Math.max(3, Math.floor(area.height / 40)),
    unit,
  );
  const range = { startMs, endMs };
  const nowMs = props.nowMs ?? endMs;
  const markerGroups = useMemo(
    () => groupMarkers(props.changes ?? [], { startMs, endMs }, area.width, MARKER_GAP_PX),
    [props.changes, startMs, endMs, area.width],
  );
  const ticks = timeTicks(startMs, endMs, Math.max(2, Math.floor(area.width / 100)), timeZone);
  return (
    <div className="chart" style={{ width, height }}>
      <LineChart width={width} height={height} margin={MARGIN}>
        <CartesianGrid stroke="var(--grid)" vertical={false} />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={[startMs, endMs]}
          allowDataOverflow
          ticks={ticks}
          tickFormatter={(t: number) => formatAxisTime(t, endMs - startMs, timeZone)}
          stroke="var(--muted)"
          height={X_AXIS_HEIGHT}
        />
        <YAxis
          tickFormatter={(v: number) => formatValue(v, unit)}
          stroke="var(--muted)"
          width={Y_AXIS_WIDTH}
          domain={[...yAxis.domain]}
          ticks={[...yAxis.ticks]}
          allowDataOverflow
        />
        <ChartAnnotations
          range={range}
          nowMs={nowMs}
          incidents={props.incidents ?? []}
          markerGroups={markerGroups}
        />
        {props.suspect && <SuspectHighlight {...props.suspect} range={range} />}
        {thresholds?.warning !== undefined && (
          <ReferenceLine y={thresholds.warning} stroke="var(--warning)" strokeDasharray="4 4" />
        )}
        {thresholds?.critical !== undefined && (
          <ReferenceLine y={thresholds.critical} stroke="var(--error)" strokeDasharray="4 4" />
        )}
        {series.map((one) => (
          <Line
            key={one.key}
            data={toPoints(one.series)}
            dataKey="v"
            name={one.name}
            stroke={one.color}
            dot={false}
            isAnimationActive={false}
            strokeWidth={1.5}
          />
        ))}
      </LineChart>
      <PlotOverlay
        area={area}
        startMs={startMs}
        endMs={endMs}
        cursor={cursor}
        markerGroups={markerGroups}
        timeZone={timeZone}
        {...(props.onZoom ? { onZoom: props.onZoom } : {})}
      />
    </div>
  );
}
