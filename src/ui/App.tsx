import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { defaultDashboard } from '../dashboard/default-dashboard';
import { fetchJson, loadDashboardConfig } from '../dashboard/load-config';
import {
  parameterProblemText,
  parseView,
  serializeView,
  viewWithRange,
  zoomOutView,
  type ViewState,
} from '../dashboard/url-state';
import { filterChanges } from '../domain/change-filter';
import { resolveTimeZone } from '../domain/format-time';
import { shownValue } from '../domain/shown-text';
import { resolveRange, shiftRange } from '../domain/time-range';
import type { PrometheusEndpoint } from '../prometheus/client';
import { documentVisibility } from '../prometheus/scheduler';
import { useScheduler } from '../prometheus/scheduler-context';
import { createCursorStore } from './cursor-store';
import { ImpactStrip } from './ImpactStrip';
import { IncidentReview } from './IncidentReview';
import { panelColumns, PLOT_INSET } from './panel-grid';
import { PanelGrid } from './PanelGrid';
import { suspectMark } from './SuspectHighlight';
import { TimelineLane } from './TimelineLane';
import { Toolbar } from './Toolbar';
import { useChangeEvents } from './use-change-events';
import { useClock } from './use-clock';
import { useElementWidth } from './use-element-width';
import { useIncidentAnalysis } from './use-incident-analysis';
import { useKeyboardShortcuts } from './use-keyboard-shortcuts';
import { useLocationSearch } from './use-location-search';
import { VariableBar } from './VariableBar';
import { WallScreen } from './WallScreen';

export interface AppProps {
  readonly endpoint: PrometheusEndpoint;
  /** A line above the panels, e.g. which built-in scenario the demo shows. */
  readonly banner?: string | null;
}

const PANEL_HEIGHT = 220;
const SINGLE_PANEL_HEIGHT = 560;
/** A wall screen's refresh when the URL sets none. */
const WALL_REFRESH_SECONDS = 30;

export function App({ endpoint, banner = null }: AppProps) {
  const [search, navigate] = useLocationSearch();
  const { view, problems } = useMemo(() => parseView(search), [search]);
  const visibility = useMemo(() => documentVisibility(document), []);
  const live = view.to.kind === 'relative';
  // A wall screen that never refreshed would show a frozen, healthy-looking past.
  const refreshSeconds = live
    ? (view.refreshSeconds ?? (view.kiosk ? WALL_REFRESH_SECONDS : null))
    : null;
  const clock = useClock(refreshSeconds, visibility);
  const range = resolveRange(view.from, view.to, clock.nowMs);
  const timeZone = resolveTimeZone(view.tz);
  const [cursor] = useState(createCursorStore);
  const queryClient = useQueryClient();
  const scheduler = useScheduler();

  const config = useQuery({
    queryKey: ['dashboard-config', view.dashboard],
    queryFn: () => loadDashboardConfig(view.dashboard, fetchJson),
    staleTime: Infinity,
  });
  const dashboard = config.data?.config ?? defaultDashboard;
  const configProblem = config.data?.problem ?? null;
  // Until a named config arrives, the standard dashboard is not drawn in its place: its queries
  // would load Prometheus for panels about to be replaced.
  const configLoading = view.dashboard !== null && config.isPending;
  const variableNames = dashboard.variables.map((variable) => variable.name);
  const events = useChangeEvents({
    sources: dashboard.sources,
    range,
    endpoint,
    scrapeIntervalSeconds: dashboard.scrapeIntervalSeconds,
    variables: view.variables,
    variableNames,
    enabled: !configLoading,
  });
  const shownChanges = useMemo(
    () => filterChanges(events.changes, view.changeFilter),
    [events.changes, view.changeFilter],
  );
  const [gridRef, gridWidth] = useElementWidth<HTMLDivElement>();
  const impact = useIncidentAnalysis({
    dashboard,
    range,
    endpoint,
    variables: view.variables,
    lookbackMs: view.analysis.lookbackMs,
    live,
    enabled: !configLoading,
  });
  // A suspect chosen in the strip is highlighted until another is; a pinned one is in the URL.
  const [chosenSuspect, setChosenSuspect] = useState<string | null>(null);
  const pinned = view.analysis.suspect;
  const suspect = suspectMark(impact.analysis, chosenSuspect ?? pinned);
  const pinnedUnknown =
    pinned !== null && impact.analysis !== null && suspectMark(impact.analysis, pinned) === null;
  const review = view.from.kind === 'absolute' && view.to.kind === 'absolute' && !view.kiosk;

  const show = (next: ViewState) => {
    navigate(serializeView(next, search));
  };
  const change = (patch: Partial<ViewState>) => {
    show({ ...view, ...patch });
  };
  const actions = {
    refresh: () => {
      clock.refresh();
      scheduler.probeNow();
      void queryClient.invalidateQueries({ queryKey: ['query_range'] });
    },
    shift: (direction: -1 | 1) => {
      show(viewWithRange(view, shiftRange(range, direction, 0.5, clock.nowMs)));
    },
    zoomOut: () => {
      show(zoomOutView(view, range, clock.nowMs));
    },
    zoomTo: (startMs: number, endMs: number) => {
      show(viewWithRange(view, { startMs, endMs }));
    },
  };

  useKeyboardShortcuts({
    ArrowLeft: () => {
      actions.shift(-1);
    },
    ArrowRight: () => {
      actions.shift(1);
    },
    '-': actions.zoomOut,
    z: actions.zoomOut,
    r: actions.refresh,
    Escape: () => {
      if (view.viewPanel !== null) change({ viewPanel: null });
      else if (view.kiosk) change({ kiosk: false });
    },
    k: () => {
      change({ kiosk: !view.kiosk });
    },
  });

  useEffect(() => {
    if (view.theme === null) delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = view.theme;
  }, [view.theme]);

  const single =
    view.viewPanel === null ? null : dashboard.panels.find((p) => p.id === view.viewPanel);
  // Panels wait for the grid's width, so each sizes its first query for the column it is in.
  const panels = configLoading || gridWidth === 0 ? [] : single ? [single] : dashboard.panels;
  const columns = single ? 1 : panelColumns(gridWidth, dashboard.panels.length);

  const problemTexts = [
    ...problems.map(parameterProblemText),
    ...(configProblem ? [configProblem] : []),
  ];
  if (view.kiosk) {
    return (
      <WallScreen
        dashboard={configLoading ? { ...dashboard, panels: [] } : dashboard}
        range={range}
        endpoint={endpoint}
        variables={view.variables}
        timeZone={timeZone}
        cursor={cursor}
        liveNowMs={live ? clock.nowMs : null}
        refreshSeconds={refreshSeconds}
        changes={shownChanges}
        incidents={events.incidents}
        failedSources={events.errors.map((error) => error.source)}
        analysis={impact.analysis}
        nowMs={clock.nowMs}
        problems={problemTexts}
      />
    );
  }

  return (
    // data-now: when the page last refreshed, for anyone checking how refreshes are spread.
    <main className="app" data-now={clock.nowMs}>
      <header className="app-header">
        <h1>
          Aftershock <span className="dashboard-title">{configLoading ? '' : dashboard.title}</span>
        </h1>
        <Toolbar
          view={view}
          range={range}
          timeZone={timeZone}
          onChange={change}
          onRefresh={actions.refresh}
          onShift={actions.shift}
          onZoomOut={actions.zoomOut}
        />
      </header>
      {banner !== null && <p className="banner">{banner}</p>}
      {[
        ...problemTexts,
        ...(view.viewPanel !== null && !single && !configLoading
          ? [
              parameterProblemText({
                parameter: 'viewPanel',
                value: view.viewPanel,
                message: 'no such panel; showing all',
              }),
            ]
          : []),
        ...(pinnedUnknown
          ? [
              parameterProblemText({
                parameter: 'suspect',
                value: pinned,
                message: 'not a suspect of this range; nothing pinned',
              }),
            ]
          : []),
      ].map((problem, i) => (
        // Two long values may read alike once shortened: the place keeps the keys apart.
        <p className="problem" role="alert" key={`${String(i)}|${problem}`}>
          {problem}
        </p>
      ))}
      {configLoading && (
        <p className="panel-state skeleton" aria-busy="true">
          Loading dashboard {shownValue(view.dashboard)}…
        </p>
      )}
      <VariableBar
        variables={configLoading ? [] : dashboard.variables}
        selection={view.variables}
        endpoint={endpoint}
        range={range}
        onChange={(name, values) => {
          change({ variables: { ...view.variables, [name]: values } });
        }}
      />
      {single && (
        <button
          type="button"
          className="back"
          onClick={() => {
            change({ viewPanel: null });
          }}
        >
          ← All panels (Esc)
        </button>
      )}
      {!configLoading && (
        <ImpactStrip
          analysis={impact.analysis}
          errors={impact.errors}
          timeZone={timeZone}
          selectedId={chosenSuspect ?? (suspect === null ? null : pinned)}
          pinnedId={pinned}
          onSelect={setChosenSuspect}
          onPin={(id) => {
            setChosenSuspect(null);
            change({ analysis: { ...view.analysis, suspect: id } });
          }}
        />
      )}
      {!configLoading && (
        <TimelineLane
          range={range}
          changes={events.changes}
          incidents={events.incidents}
          errors={events.errors}
          timeZone={timeZone}
          nowMs={clock.nowMs}
          filter={view.changeFilter}
          onFilterChange={(changeFilter) => {
            change({ changeFilter });
          }}
          columns={columns}
          plotInset={PLOT_INSET}
        />
      )}
      <PanelGrid
        gridRef={gridRef}
        panels={panels}
        columns={columns}
        range={range}
        endpoint={endpoint}
        scrapeIntervalSeconds={dashboard.scrapeIntervalSeconds}
        variables={view.variables}
        variableNames={variableNames}
        timeZone={timeZone}
        cursor={cursor}
        liveNowMs={live ? clock.nowMs : null}
        chartHeight={single ? SINGLE_PANEL_HEIGHT : PANEL_HEIGHT}
        changes={shownChanges}
        incidents={events.incidents}
        nowMs={clock.nowMs}
        refreshSeconds={refreshSeconds}
        suspect={suspect}
        onZoom={actions.zoomTo}
        {...(single
          ? {}
          : {
              onOpenAlone: (viewPanel: string) => {
                change({ viewPanel });
              },
            })}
      />
      {review && !configLoading && (
        <IncidentReview analysis={impact.analysis} errors={impact.errors} timeZone={timeZone} />
      )}
      <footer className="shortcuts">
        Keys: ← → shift · − zoom out · r refresh · Esc all panels · k wall display · drag on a chart
        to zoom
      </footer>
    </main>
  );
}
