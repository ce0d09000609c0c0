import { CartesianGrid, Line, LineChart, XAxis, YAxis } from 'recharts';
import type { TimeSeries } from '../../../src/domain/series';

export interface NaiveChartProps {
  readonly series: readonly TimeSeries[];
  readonly startMs: number;
  readonly endMs: number;
  readonly width: number;
  readonly height: number;
}

const colour = (index: number) => `hsl(${String((index * 47) % 360)} 70% 45%)`;

/**
 * The chart as recharts' documentation draws it: every sample a point of a `<Line>`, each
 * series with its own data, no reduction. What the app's chart is measured against.
 */
export function NaiveChart({ series, startMs, endMs, width, height }: NaiveChartProps) {
  return (
    <LineChart width={width} height={height} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
      <CartesianGrid vertical={false} />
      <XAxis dataKey="t" type="number" scale="time" domain={[startMs, endMs]} allowDataOverflow />
      <YAxis width={80} />
      {series.map((one, index) => (
        <Line
          key={String(index)}
          data={one.times.map((t, i) => {
            const v = one.values[i] ?? Number.NaN;
            return { t, v: Number.isFinite(v) ? v : null };
          })}
          dataKey="v"
          stroke={colour(index)}
          dot={false}
          isAnimationActive={false}
          strokeWidth={1.5}
        />
      ))}
    </LineChart>
  );
}
