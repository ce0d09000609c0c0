import { memo, useId } from 'react';
import { DefaultZIndexes, ZIndexLayer } from 'recharts';
import { linePath, PATH_UNITS_PER_PX, type PlotScale } from '../domain/line-path';
import type { TimeSeries } from '../domain/series';

export interface SeriesLine {
  readonly key: string;
  readonly color: string;
  readonly series: TimeSeries;
}

export interface SeriesLinesProps {
  readonly lines: readonly SeriesLine[];
  readonly scale: PlotScale;
}

/**
 * Paths already worked out, per series object and scale: a re-render with the same answer
 * (a parent's render, a tick of the clock) builds no string again.
 */
const pathCache = new WeakMap<TimeSeries, { scale: PlotScale; path: string }>();

function sameScale(a: PlotScale, b: PlotScale): boolean {
  return (
    a.startMs === b.startMs &&
    a.endMs === b.endMs &&
    a.minValue === b.minValue &&
    a.maxValue === b.maxValue &&
    a.left === b.left &&
    a.top === b.top &&
    a.width === b.width &&
    a.height === b.height
  );
}

function pathOf(series: TimeSeries, scale: PlotScale): string {
  const cached = pathCache.get(series);
  if (cached && sameScale(cached.scale, scale)) return cached.path;
  const path = linePath(series, scale);
  pathCache.set(series, { scale, path });
  return path;
}

/**
 * Every series of a chart as one precomputed SVG path each, clipped to the plot area. The
 * chart library draws axes, grid and annotations; the lines, where the per-point work is, are
 * drawn here, one string per series instead of one object per point.
 */
export const SeriesLines = memo(function SeriesLines({ lines, scale }: SeriesLinesProps) {
  const clipId = `plot-clip-${useId().replace(/:/g, '')}`;
  return (
    // In the chart library's layer for lines: over incident bands, beside change markers.
    <ZIndexLayer zIndex={DefaultZIndexes.line}>
      <g className="series-lines" clipPath={`url(#${clipId})`}>
        <defs>
          <clipPath id={clipId}>
            {/* A line's width beyond the plot's edges, so a line along an edge is drawn whole. */}
            <rect x={scale.left} y={scale.top - 2} width={scale.width} height={scale.height + 4} />
          </clipPath>
        </defs>
        <g transform={`scale(${String(1 / PATH_UNITS_PER_PX)})`}>
          {lines.map((line) => (
            <path
              key={line.key}
              className="series-line"
              d={pathOf(line.series, scale)}
              stroke={line.color}
              strokeWidth={1.5}
              vectorEffect="non-scaling-stroke"
              strokeLinejoin="round"
              strokeLinecap="round"
              fill="none"
            />
          ))}
        </g>
      </g>
    </ZIndexLayer>
  );
});
