import type { RefObject } from 'react';
import type { PanelDefinition } from '../dashboard/default-dashboard';
import type { VariableSelection } from '../dashboard/query-template';
import type { ChangeEvent } from '../domain/changes';
import type { IncidentWindow } from '../domain/incidents';
import type { AbsoluteRange } from '../domain/time-range';
import type { PrometheusEndpoint } from '../prometheus/client';
import type { CursorStore } from './cursor-store';
import { Panel } from './Panel';
import { PANEL_GAP_PX } from './panel-grid';
import { PanelErrorBoundary } from './PanelErrorBoundary';
import type { SuspectMark } from './SuspectHighlight';

export interface PanelGridProps {
  readonly gridRef?: RefObject<HTMLDivElement | null>;
  /** Each panel's content width, when the page lays panels out itself (a wall). */
  readonly panelContentWidth?: number;
  readonly panels: readonly PanelDefinition[];
  readonly columns: number;
  readonly range: AbsoluteRange;
  readonly endpoint: PrometheusEndpoint;
  readonly scrapeIntervalSeconds: number;
  readonly variables: VariableSelection;
  readonly variableNames: readonly string[];
  readonly timeZone: string;
  readonly cursor: CursorStore;
  readonly liveNowMs: number | null;
  /** Height of each panel's charts together; or, on a wall, of each whole panel. */
  readonly chartHeight?: number;
  readonly frameHeight?: number;
  readonly changes: readonly ChangeEvent[];
  readonly incidents: readonly IncidentWindow[];
  readonly nowMs: number;
  /** How often the page refreshes, so a panel can tell late data from data that stopped. */
  readonly refreshSeconds: number | null;
  readonly onZoom?: (startMs: number, endMs: number) => void;
  readonly onOpenAlone?: (panelId: string) => void;
  /** The suspect chosen in the impact strip, highlighted on every chart. */
  readonly suspect?: SuspectMark | null;
}

/** The panels in columns, each kept apart by an error boundary so one crash blanks no other. */
export function PanelGrid(props: PanelGridProps) {
  const { gridRef, panels, columns, onOpenAlone } = props;
  return (
    <div
      ref={gridRef}
      className="panels"
      style={{
        gridTemplateColumns: `repeat(${String(columns)}, minmax(0, 1fr))`,
        gap: PANEL_GAP_PX,
      }}
    >
      {panels.map((panel) => (
        <PanelErrorBoundary key={panel.id} title={panel.title}>
          <Panel
            panel={panel}
            range={props.range}
            endpoint={props.endpoint}
            scrapeIntervalSeconds={props.scrapeIntervalSeconds}
            variables={props.variables}
            variableNames={props.variableNames}
            timeZone={props.timeZone}
            cursor={props.cursor}
            liveNowMs={props.liveNowMs}
            chartHeight={props.chartHeight ?? 0}
            {...(props.panelContentWidth === undefined
              ? {}
              : { contentWidth: props.panelContentWidth })}
            {...(props.frameHeight === undefined ? {} : { frameHeight: props.frameHeight })}
            changes={props.changes}
            incidents={props.incidents}
            nowMs={props.nowMs}
            refreshSeconds={props.refreshSeconds}
            suspect={props.suspect ?? null}
            {...(props.onZoom ? { onZoom: props.onZoom } : {})}
            {...(onOpenAlone
              ? {
                  onOpenAlone: () => {
                    onOpenAlone(panel.id);
                  },
                }
              : {})}
          />
        </PanelErrorBoundary>
      ))}
    </div>
  );
}
