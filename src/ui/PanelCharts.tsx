import { memo, useDeferredValue } from 'react';
import type { PanelUnit } from '../dashboard/default-dashboard';
import type { ChangeEvent } from '../domain/changes';
import type { IncidentWindow } from '../domain/incidents';
import type { CursorStore } from './cursor-store';
import { SeriesLegend } from './SeriesLegend';
import type { SuspectMark } from './SuspectHighlight';
import { TimeSeriesChart, type ChartSeries, type Thresholds } from './TimeSeriesChart';

export interface PanelChartsContent {
  /** One chart per unit, in order, each with its series. */
  readonly groups: readonly (readonly [PanelUnit, readonly ChartSeries[]])[];
  /** The unit the thresholds are in; other units' charts draw none. */
  readonly unit: PanelUnit;
  readonly thresholds?: Thresholds;
  readonly startMs: number;
  readonly endMs: number;
  readonly stepMs: number;
  readonly width: number;
  readonly height: number;
  readonly timeZone: string;
  /** Greyed: the data is stale or late. */
  readonly stale: boolean;
  readonly changes?: readonly ChangeEvent[];
  readonly incidents?: readonly IncidentWindow[];
  readonly nowMs?: number;
  readonly suspect: SuspectMark | null;
  readonly onZoom?: (startMs: number, endMs: number) => void;
}

export interface PanelChartsProps {
  readonly content: PanelChartsContent;
  readonly cursor: CursorStore;
}

const Charts = memo(function Charts({ content, cursor }: PanelChartsProps) {
  return (
    <div
      className={content.stale ? 'panel-charts is-stale' : 'panel-charts'}
      // The range and zone drawn, which trail the panel's while a new answer is being drawn.
      data-range={`${String(content.startMs)}-${String(content.endMs)}`}
      data-time-zone={content.timeZone}
    >
      {content.groups.map(([unit, list]) => (
        <div key={unit} className="chart-group">
          <TimeSeriesChart
            series={list}
            unit={unit}
            startMs={content.startMs}
            endMs={content.endMs}
            width={content.width}
            height={content.height}
            timeZone={content.timeZone}
            cursor={cursor}
            {...(content.thresholds && unit === content.unit
              ? { thresholds: content.thresholds }
              : {})}
            {...(content.onZoom ? { onZoom: content.onZoom } : {})}
            {...(content.changes ? { changes: content.changes } : {})}
            {...(content.incidents ? { incidents: content.incidents } : {})}
            {...(content.nowMs !== undefined ? { nowMs: content.nowMs } : {})}
            suspect={content.suspect}
          />
          <SeriesLegend series={list} unit={unit} stepMs={content.stepMs} cursor={cursor} />
        </div>
      ))}
    </div>
  );
});

/**
 * A panel's charts and legends, drawn a step behind the rest of the page: a refresh's new
 * answer is drawn as interruptible work the browser can pause between charts, so a dashboard
 * of many series never holds the page for one long task. The first drawing is immediate.
 */
export function PanelCharts({ content, cursor }: PanelChartsProps) {
  const shown = useDeferredValue(content);
  return <Charts content={shown} cursor={cursor} />;
}
