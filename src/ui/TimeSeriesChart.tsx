import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { PanelUnit } from '../dashboard/default-dashboard';
import { toChartRows } from '../domain/chart-rows';
import { formatValue } from '../domain/format-value';
import type { TimeSeries } from '../domain/series';
import { formatAxisTime, formatClock } from '../domain/format-time';
import { timeTicks } from '../domain/time-ticks';

export interface NamedSeries {
  readonly name: string;
  readonly series: TimeSeries;
}

export interface TimeSeriesChartProps {
  readonly series: readonly NamedSeries[];
  readonly unit: PanelUnit;
  readonly startMs: number;
  readonly endMs: number;
  readonly width: number;
  readonly height: number;
}

/** Colour-blind-safe palette (Okabe–Ito, without black). */
const PALETTE = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7'];

export function TimeSeriesChart({
  series,
  unit,
  startMs,
  endMs,
  width,
  height,
}: TimeSeriesChartProps) {
  const rows = useMemo(() => toChartRows(series.map((s) => s.series)), [series]);
  return (
    <LineChart
      width={width}
      height={height}
      data={rows}
      margin={{ top: 8, right: 16, bottom: 0, left: 8 }}
    >
      <CartesianGrid stroke="var(--grid)" vertical={false} />
      <XAxis
        dataKey="t"
        type="number"
        scale="time"
        domain={[startMs, endMs]}
        ticks={timeTicks(startMs, endMs, Math.max(2, Math.floor(width / 110)))}
        tickFormatter={(t: number) => formatAxisTime(t, endMs - startMs)}
        stroke="var(--muted)"
      />
      <YAxis tickFormatter={(v: number) => formatValue(v, unit)} stroke="var(--muted)" width={72} />
      <Tooltip
        labelFormatter={(t) => formatClock(Number(t))}
        formatter={(v) => formatValue(Number(v), unit)}
        contentStyle={{ background: 'var(--surface)', border: '1px solid var(--grid)' }}
      />
      <Legend />
      {series.map((s, index) => (
        <Line
          key={s.name}
          dataKey={`s${String(index)}`}
          name={s.name}
          stroke={PALETTE[index % PALETTE.length]}
          dot={false}
          isAnimationActive={false}
          connectNulls={false}
          strokeWidth={1.5}
        />
      ))}
    </LineChart>
  );
}
