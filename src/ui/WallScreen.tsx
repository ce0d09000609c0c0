import type { DashboardConfig } from '../dashboard/config-schema';
import { panelQueryPlan } from '../dashboard/panel-query-plan';
import type { VariableSelection } from '../dashboard/query-template';
import type { ChangeEvent } from '../domain/changes';
import type { IncidentAnalysis } from '../domain/incident-analysis';
import type { IncidentWindow } from '../domain/incidents';
import { suspectHeadline } from '../domain/suspect-text';
import type { AbsoluteRange } from '../domain/time-range';
import type { PrometheusEndpoint } from '../prometheus/client';
import type { CursorStore } from './cursor-store';
import { PANEL_FRAME_PX, PANEL_GAP_PX } from './panel-grid';
import { PanelGrid } from './PanelGrid';
import { StatusTiles } from './StatusTiles';
import { plotWidthOf } from './TimeSeriesChart';
import { useViewportSize } from './use-viewport-size';
import { WallHeader } from './WallHeader';
import { WALL_PADDING_PX, wallLayout } from './wall-layout';

export interface WallScreenProps {
  readonly dashboard: DashboardConfig;
  readonly range: AbsoluteRange;
  readonly endpoint: PrometheusEndpoint;
  readonly variables: VariableSelection;
  readonly timeZone: string;
  readonly cursor: CursorStore;
  /** The time of the last refresh in live mode; null for a fixed range. */
  readonly liveNowMs: number | null;
  readonly refreshSeconds: number | null;
  readonly changes: readonly ChangeEvent[];
  readonly incidents: readonly IncidentWindow[];
  readonly failedSources: readonly string[];
  /** The impact analysis, for the top suspect; null while it is not ready. */
  readonly analysis: IncidentAnalysis | null;
  readonly nowMs: number;
  /** Bad URL parameters or config, in words. */
  readonly problems: readonly string[];
}

/**
 * The wall screen (`?kiosk`): no controls, nothing that needs a mouse; a header with the last
 * change, any incident and the clock; a tile per signal; the charts below, all laid out to fill
 * the screen without scrolling.
 */
export function WallScreen(props: WallScreenProps) {
  const { dashboard, range, liveNowMs } = props;
  const first = props.analysis?.order[0];
  const top = props.analysis?.suspects[0];
  const suspect =
    first === undefined || top === undefined ? null : suspectHeadline(top, first.title);
  const layout = wallLayout(useViewportSize(), dashboard.panels.length, suspect !== null);
  const gridWidth = layout.width - 2 * WALL_PADDING_PX;
  const columnWidth = (gridWidth - (layout.columns - 1) * PANEL_GAP_PX) / layout.columns;
  const contentWidth = Math.floor(columnWidth - 2 * PANEL_FRAME_PX);
  const variableNames = dashboard.variables.map((variable) => variable.name);
  const context = {
    range,
    plotWidth: plotWidthOf(Math.max(200, contentWidth)),
    scrapeIntervalSeconds: dashboard.scrapeIntervalSeconds,
    variables: props.variables,
    variableNames,
  };
  const tiles = dashboard.panels.map((panel) => ({ panel, plan: panelQueryPlan(panel, context) }));
  return (
    <main
      className="app kiosk"
      data-now={props.nowMs}
      data-analysis={props.analysis === null ? 'pending' : 'ready'}
      style={{ zoom: layout.zoom, width: layout.width, height: layout.height }}
    >
      <WallHeader
        title={dashboard.title}
        timeZone={props.timeZone}
        fixedNowMs={liveNowMs === null ? range.endMs : null}
        changes={props.changes}
        incidents={props.incidents}
        failedSources={props.failedSources}
      />
      {suspect !== null && (
        <p className="wall-suspect" data-change-id={top?.change.id}>
          <strong>Top suspect</strong> {suspect}
          {props.analysis?.recoveryMs != null && (
            <span className="wall-recovered"> · recovered</span>
          )}
        </p>
      )}
      {props.problems.map((problem, i) => (
        <p className="problem" role="alert" key={`${String(i)}|${problem}`}>
          {problem}
        </p>
      ))}
      <StatusTiles
        tiles={tiles}
        endpoint={props.endpoint}
        scrapeIntervalSeconds={dashboard.scrapeIntervalSeconds}
        refreshSeconds={props.refreshSeconds}
        liveNowMs={liveNowMs}
      />
      <PanelGrid
        panels={dashboard.panels}
        columns={layout.columns}
        panelContentWidth={contentWidth}
        frameHeight={layout.panelHeight}
        range={range}
        endpoint={props.endpoint}
        scrapeIntervalSeconds={dashboard.scrapeIntervalSeconds}
        variables={props.variables}
        variableNames={variableNames}
        timeZone={props.timeZone}
        cursor={props.cursor}
        liveNowMs={liveNowMs}
        changes={props.changes}
        incidents={props.incidents}
        nowMs={props.nowMs}
        refreshSeconds={props.refreshSeconds}
      />
    </main>
  );
}
