import { memo } from 'react';
import { CartesianGrid, XAxis, YAxis } from 'recharts';
import type { PanelUnit } from '../dashboard/default-dashboard';
import { formatAxisTime } from '../domain/format-time';
import { formatValue } from '../domain/format-value';

export const Y_AXIS_WIDTH = 80;
export const X_AXIS_HEIGHT = 24;

export interface ChartAxesProps {
  readonly startMs: number;
  readonly endMs: number;
  readonly timeTicks: readonly number[];
  readonly timeZone: string;
  readonly unit: PanelUnit;
  readonly valueDomain: readonly [number, number];
  readonly valueTicks: readonly number[];
}

const sameNumbers = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((value, i) => value === b[i]);

function sameAxes(a: ChartAxesProps, b: ChartAxesProps): boolean {
  return (
    a.startMs === b.startMs &&
    a.endMs === b.endMs &&
    a.timeZone === b.timeZone &&
    a.unit === b.unit &&
    sameNumbers(a.timeTicks, b.timeTicks) &&
    sameNumbers(a.valueDomain, b.valueDomain) &&
    sameNumbers(a.valueTicks, b.valueTicks)
  );
}

/**
 * Grid, time axis and value axis of a chart. Kept apart and compared by value: the chart
 * library re-registers an axis whose props are new objects, and re-renders the whole chart
 * for it, so a refresh that leaves the axes as they were must hand it nothing new.
 */
export const ChartAxes = memo(function ChartAxes(props: ChartAxesProps) {
  const { startMs, endMs, timeZone, unit } = props;
  return (
    <>
      <CartesianGrid stroke="var(--grid)" vertical={false} />
      <XAxis
        dataKey="t"
        type="number"
        scale="time"
        domain={[startMs, endMs]}
        allowDataOverflow
        ticks={[...props.timeTicks]}
        tickFormatter={(t: number) => formatAxisTime(t, endMs - startMs, timeZone)}
        stroke="var(--muted)"
        height={X_AXIS_HEIGHT}
      />
      <YAxis
        tickFormatter={(v: number) => formatValue(v, unit)}
        stroke="var(--muted)"
        width={Y_AXIS_WIDTH}
        domain={[...props.valueDomain]}
        ticks={[...props.valueTicks]}
        allowDataOverflow
      />
    </>
  );
}, sameAxes);
