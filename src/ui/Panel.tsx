import { keepPreviousData, useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import type { PanelDefinition, PanelUnit } from '../dashboard/default-dashboard';
import { panelQueryPlan } from '../dashboard/panel-query-plan';
import type { VariableSelection } from '../dashboard/query-template';
import type { ChangeEvent } from '../domain/changes';
import { formatAge, formatClock } from '../domain/format-time';
import { missingDataMs } from '../domain/wall-status';
import type { IncidentWindow } from '../domain/incidents';
import { chartSamples } from '../domain/chart-samples';
import { seriesKey, seriesName } from '../domain/series';
import { capNotice, MAX_SERIES_PER_TARGET } from '../domain/series-cap';
import type { AbsoluteRange } from '../domain/time-range';
import type { PrometheusEndpoint } from '../prometheus/client';
import { rangeQueryOptions } from '../prometheus/range-query-options';
import { useScheduler } from '../prometheus/scheduler-context';
import type { CursorStore } from './cursor-store';
import {
  decidePanelView,
  panelFailure,
  type LastGood,
  type PanelFailure,
  type TargetResult,
} from './panel-view';
import { PanelCharts } from './PanelCharts';
import type { SuspectMark } from './SuspectHighlight';
import { plotWidthOf, type ChartSeries } from './TimeSeriesChart';
import { useElementWidth } from './use-element-width';

export interface PanelProps {
  readonly panel: PanelDefinition;
  readonly range: AbsoluteRange;
  readonly endpoint: PrometheusEndpoint;
  readonly scrapeIntervalSeconds: number;
  readonly variables: VariableSelection;
  /** Variables the dashboard defines; a `var-` for any other name in the URL is ignored. */
  readonly variableNames: readonly string[];
  readonly timeZone: string;
  readonly cursor: CursorStore;
  /** Set in live mode: the panel then shows how old its newest sample is. */
  readonly liveNowMs: number | null;
  readonly chartHeight: number;
  /** The width of the panel's content box, when the page lays panels out itself (a wall). */
  readonly contentWidth?: number;
  /**
   * On a wall: the height of the whole panel, header and legends included, which its charts
   * share; `chartHeight` is then unused.
   */
  readonly frameHeight?: number;
  /** The page's refresh interval in live mode, for telling late data from data that stopped. */
  readonly refreshSeconds?: number | null;
  readonly onZoom?: (startMs: number, endMs: number) => void;
  /** Opens this panel alone; absent when it already is. */
  readonly onOpenAlone?: () => void;
  /** Changes and incident windows, drawn on every chart of the panel. */
  readonly changes?: readonly ChangeEvent[];
  readonly incidents?: readonly IncidentWindow[];
  /** Where open incident windows end. */
  readonly nowMs?: number;
  /** The suspect chosen in the impact strip, highlighted on every chart. */
  readonly suspect?: SuspectMark | null;
}

/** A wall panel's header and one-line legends (`.kiosk` in app.css), and its smallest chart. */
const WALL_HEADER_PX = 40;
const WALL_LEGEND_PX = 26;
const WALL_MIN_CHART_PX = 60;

/** Colour-blind-safe series colours, defined per theme in app.css. */
const PALETTE_SIZE = 12;
const seriesColour = (index: number) => `var(--series-${String(index % PALETTE_SIZE)})`;

function newestSampleMs(series: readonly ChartSeries[]): number | null {
  let newest: number | null = null;
  for (const one of series) {
    const last = one.series.times[one.series.times.length - 1];
    if (last !== undefined && (newest === null || last > newest)) newest = last;
  }
  return newest;
}

function sameFailure(a: PanelFailure, b: PanelFailure | null): boolean {
  return b !== null && a.kind === b.kind && a.message === b.message && a.expr === b.expr;
}

function FailureText({ failure }: { readonly failure: PanelFailure }) {
  return (
    <>
      <strong>{failure.kind}</strong>
      <span>{failure.message}</span>
      <code>{failure.expr}</code>
    </>
  );
}

export function Panel(props: PanelProps) {
  const { panel, range, endpoint, scrapeIntervalSeconds, variables, timeZone, cursor } = props;
  const scheduler = useScheduler();
  const [ref, measured] = useElementWidth<HTMLElement>();
  // A wall lays its panels out itself and says how wide they are; elsewhere the panel measures.
  const width = props.contentWidth ?? measured;
  const chartWidth = Math.max(200, width);
  const plotWidth = plotWidthOf(chartWidth);
  const { stepSeconds, aligned, targets } = panelQueryPlan(panel, {
    range,
    plotWidth,
    scrapeIntervalSeconds,
    variables,
    variableNames: props.variableNames,
  });
  const results = useQueries({
    queries: targets.map((target) => ({
      ...rangeQueryOptions(endpoint, { expr: target.expr, ...aligned }, scheduler, 'panel', {
        maxSeries: MAX_SERIES_PER_TARGET,
      }),
      enabled: width > 0,
      placeholderData: keepPreviousData,
    })),
  });

  // The last complete answer, kept so a failed refresh can show it marked stale.
  const [lastGood, setLastGood] = useState<LastGood | null>(null);
  // Placeholder data is the previous range's answer: shown while loading, never "fresh".
  const answers: TargetResult[] = results.map((r, i) => ({
    expr: targets[i]?.expr ?? '',
    data: r.isPlaceholderData ? undefined : r.data,
    error: r.error,
  }));
  const fresh = answers.map((answer) => answer.data);
  const answeredAt = Math.max(...results.map((r) => r.dataUpdatedAt));
  const answered = fresh.every((data) => data !== undefined);
  if (answered && answeredAt !== lastGood?.atMs) {
    setLastGood({ outcomes: fresh, atMs: answeredAt });
  }
  // The newest failure stays said until an answer comes: a refresh retrying after it (a new
  // range, so a new query with no error yet) must not make old data look fresh.
  const [lastFailure, setLastFailure] = useState<PanelFailure | null>(null);
  const failure = panelFailure(answers);
  if (answered ? lastFailure !== null : failure !== null && !sameFailure(failure, lastFailure)) {
    setLastFailure(answered ? null : failure);
  }
  const view = decidePanelView(
    answers.map((answer, i) => ({ ...answer, data: answer.data ?? results[i]?.data })),
    lastGood,
    answered ? null : lastFailure,
  );

  // One chart per unit: a panel may mix request rates, counts and latencies.
  const stepMs = stepSeconds * 1000;
  const groups = new Map<PanelUnit, ChartSeries[]>();
  if (view.kind === 'chart') {
    let colour = 0;
    view.outcomes.forEach((outcome, index) => {
      const target = targets[index];
      const unit = target?.unit ?? panel.unit;
      const list = groups.get(unit) ?? [];
      for (const series of outcome.series) {
        list.push({
          key: `${String(index)}|${seriesKey(series.labels)}`,
          name: seriesName(series.labels, target?.name ?? ''),
          color: seriesColour(colour++),
          series: chartSamples(series, {
            stepMs,
            startMs: aligned.startMs,
            endMs: aligned.endMs,
            widthPx: plotWidth,
          }),
        });
      }
      groups.set(unit, list);
    });
  }
  const chartGroups = [...groups.entries()].filter(([, list]) => list.length > 0);
  const groupCount = Math.max(1, chartGroups.length);
  // Extra charts for other units are shorter, but never too short to read.
  const chartHeight =
    props.frameHeight === undefined
      ? Math.max(110, props.chartHeight / groupCount)
      : Math.max(
          WALL_MIN_CHART_PX,
          (props.frameHeight - WALL_HEADER_PX - groupCount * WALL_LEGEND_PX) / groupCount,
        );
  const newest = newestSampleMs(chartGroups.flatMap(([, list]) => list));
  const missingMs =
    props.liveNowMs === null
      ? null
      : missingDataMs(newest, props.liveNowMs, {
          stepMs,
          scrapeMs: scrapeIntervalSeconds * 1000,
          refreshMs: (props.refreshSeconds ?? 0) * 1000,
        });
  const stale = (view.kind === 'chart' || view.kind === 'empty') && view.stale !== null;

  return (
    <section
      className="panel"
      ref={ref}
      data-panel={panel.id}
      data-state={view.kind}
      data-range={`${String(aligned.startMs)}-${String(aligned.endMs)}`}
      data-time-zone={timeZone}
      aria-label={panel.title}
      style={props.frameHeight === undefined ? undefined : { height: props.frameHeight }}
    >
      <header className="panel-header">
        <h2>{panel.title}</h2>
        <span className="panel-badges">
          {(view.kind === 'chart' || view.kind === 'empty') && view.stale && (
            <span
              className="badge badge-stale"
              role="status"
              title={`${view.stale.error.kind}: ${view.stale.error.message}`}
            >
              stale since {formatClock(view.stale.sinceMs, timeZone)}
            </span>
          )}
          {missingMs !== null && (
            <span className="badge badge-missing" role="status">
              no data for {formatAge(missingMs)}
            </span>
          )}
          {props.liveNowMs !== null && newest !== null && missingMs === null && (
            <span className="panel-meta data-age" title="Age of the newest sample">
              data {formatAge(props.liveNowMs - newest)} old
            </span>
          )}
          <span className="panel-meta">step {stepSeconds}s</span>
          {props.onOpenAlone && (
            <button
              type="button"
              className="icon-button"
              onClick={props.onOpenAlone}
              title="Open this panel alone"
            >
              ⤢
            </button>
          )}
        </span>
      </header>
      {view.kind === 'loading' && (
        <div
          className="panel-state skeleton"
          style={{ height: props.chartHeight }}
          aria-busy="true"
        >
          Loading…
        </div>
      )}
      {view.kind === 'error' && (
        <div className="panel-state panel-error" role="alert" style={{ height: props.chartHeight }}>
          <FailureText failure={view.error} />
        </div>
      )}
      {view.kind === 'empty' && (
        <div className="panel-state" style={{ height: props.chartHeight }}>
          No data in this range
        </div>
      )}
      {view.kind !== 'loading' &&
        view.kind !== 'error' &&
        view.warnings.map((warning) => (
          <p className="panel-warning" key={warning}>
            ⚠ {warning}
          </p>
        ))}
      {view.kind !== 'loading' &&
        view.kind !== 'error' &&
        view.infos.map((info) => (
          <p className="panel-info" key={info}>
            ⓘ {info}
          </p>
        ))}
      {view.kind === 'chart' &&
        view.outcomes.map(
          (outcome, index) =>
            outcome.seriesTotal !== undefined && (
              <p className="panel-cap" role="note" key={targets[index]?.expr ?? index}>
                {capNotice(
                  outcome.series.length,
                  outcome.seriesTotal,
                  view.outcomes.length > 1 ? (targets[index]?.name ?? '') : '',
                )}
              </p>
            ),
        )}
      {view.kind === 'chart' && (
        <PanelCharts
          cursor={cursor}
          content={{
            groups: chartGroups,
            unit: panel.unit,
            ...(panel.thresholds ? { thresholds: panel.thresholds } : {}),
            startMs: aligned.startMs,
            endMs: aligned.endMs,
            stepMs,
            width: chartWidth,
            height: chartHeight,
            timeZone,
            stale: stale || missingMs !== null,
            ...(props.changes ? { changes: props.changes } : {}),
            ...(props.incidents ? { incidents: props.incidents } : {}),
            ...(props.nowMs !== undefined ? { nowMs: props.nowMs } : {}),
            suspect: props.suspect ?? null,
            ...(props.onZoom ? { onZoom: props.onZoom } : {}),
          }}
        />
      )}
    </section>
  );
}
