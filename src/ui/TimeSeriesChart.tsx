import { LineChart, ReferenceLine } from 'recharts';
import type { PanelUnit } from '../dashboard/default-dashboard';
import { useMemo } from 'react';
import type { ChangeEvent } from '../domain/changes';
import type { IncidentWindow } from '../domain/incidents';
import { groupMarkers } from '../domain/marker-groups';
import type { TimeSeries } from '../domain/series';
import { timeTicks } from '../domain/time-ticks';
import { valueAxis } from '../domain/value-ticks';
import type { CursorStore } from './cursor-store';
import { ChartAnnotations } from './ChartAnnotations';
import { ChartAxes, X_AXIS_HEIGHT, Y_AXIS_WIDTH } from './ChartAxes';

export { X_AXIS_HEIGHT, Y_AXIS_WIDTH };
import { PlotOverlay } from './PlotOverlay';
import { SeriesLines } from './SeriesLines';
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

/** One empty list for every chart without incidents, so its annotations need no redraw. */
const NO_INCIDENTS: readonly IncidentWindow[] = [];

/** Markers closer than this on a chart are drawn as one, with a count. */
const MARKER_GAP_PX = 4;

export const MARGIN = { top: 8, right: 12, bottom: 0, left: 0 };

/** The plot area's width in a chart this wide: less the y axis and the margins. */
export function plotWidthOf(chartWidth: number): number {
  return Math.max(100, chartWidth - Y_AXIS_WIDTH - MARGIN.left - MARGIN.right);
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
 * One chart: axes, grid, thresholds and annotations from the chart library, and one
 * precomputed path per series (SeriesLines), each from its own samples so series never need
 * shared timestamps. Hover and drag go through PlotOverlay.
 */
export function TimeSeriesChart(props: TimeSeriesChartProps) {
  const { series, unit, startMs, endMs, width, height, timeZone, cursor, thresholds } = props;
  const area = {
    left: MARGIN.left + Y_AXIS_WIDTH,
    top: MARGIN.top,
    width: Math.max(1, width - MARGIN.left - MARGIN.right - Y_AXIS_WIDTH),
    height: Math.max(1, height - MARGIN.top - MARGIN.bottom - X_AXIS_HEIGHT),
  };
  // Every sample is walked once per answer, not on each render a hover or the clock causes.
  const [lowest, highest] = useMemo(() => valueExtent(series, thresholds), [series, thresholds]);
  const yAxis = valueAxis(lowest, highest, Math.max(3, Math.floor(area.height / 40)), unit);
  const nowMs = props.nowMs ?? endMs;
  const markerGroups = useMemo(
    () => groupMarkers(props.changes ?? [], { startMs, endMs }, area.width, MARKER_GAP_PX),
    [props.changes, startMs, endMs, area.width],
  );
  const ticks = timeTicks(startMs, endMs, Math.max(2, Math.floor(area.width / 100)), timeZone);
  const [minValue, maxValue] = yAxis.domain;
  const scale = {
    startMs,
    endMs,
    minValue,
    maxValue,
    left: area.left,
    top: area.top,
    width: area.width,
    height: area.height,
  };
  return (
    <div className="chart" style={{ width, height }}>
      <LineChart width={width} height={height} margin={MARGIN}>
        <ChartAxes
          startMs={startMs}
          endMs={endMs}
          timeTicks={ticks}
          timeZone={timeZone}
          unit={unit}
          valueDomain={yAxis.domain}
          valueTicks={yAxis.ticks}
        />
        <ChartAnnotations
          startMs={startMs}
          endMs={endMs}
          nowMs={nowMs}
          incidents={props.incidents ?? NO_INCIDENTS}
          markerGroups={markerGroups}
        />
        {props.suspect && <SuspectHighlight {...props.suspect} range={{ startMs, endMs }} />}
        {thresholds?.warning !== undefined && (
          <ReferenceLine y={thresholds.warning} stroke="var(--warning)" strokeDasharray="4 4" />
        )}
        {thresholds?.critical !== undefined && (
          <ReferenceLine y={thresholds.critical} stroke="var(--error)" strokeDasharray="4 4" />
        )}
        <SeriesLines lines={series} scale={scale} />
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
