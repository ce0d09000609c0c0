import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import '../../../src/ui/app.css';
import { chartSamples } from '../../../src/domain/chart-samples';
import { createCursorStore } from '../../../src/ui/cursor-store';
import { PanelCharts } from '../../../src/ui/PanelCharts';
import { plotWidthOf } from '../../../src/ui/TimeSeriesChart';
import { benchData, slid, type BenchPanelData, type BenchShape } from './bench-data';
import { NaiveChart } from './NaiveChart';

/**
 * The render benchmark's page. `window.renderBench` draws a dashboard's charts from data
 * already in memory, with the app's chart or with naive recharts, and says how long it took
 * from data to painted lines; `window.refreshBench` redraws slid data again and again, for
 * long tasks to be counted around it.
 */

export type ChartKind = 'ours' | 'naive';

const CHART_HEIGHT = 220;
const cursor = createCursorStore();
const stage = document.getElementById('stage') as HTMLElement;

const nextFrame = () =>
  new Promise<void>((resolve) => {
    requestAnimationFrame(() => {
      resolve();
    });
  });
/** After the next paint: a task queued from a frame callback runs once that frame is drawn. */
const afterPaint = () =>
  new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

function Dashboard(props: {
  readonly kind: ChartKind;
  readonly panels: readonly BenchPanelData[];
  readonly width: number;
}) {
  return (
    <div style={{ width: props.width }}>
      {props.panels.map((panel, index) =>
        props.kind === 'naive' ? (
          <NaiveChart
            key={String(index)}
            series={panel.series}
            startMs={panel.startMs}
            endMs={panel.endMs}
            width={props.width}
            height={CHART_HEIGHT}
          />
        ) : (
          <PanelCharts
            key={String(index)}
            cursor={cursor}
            content={{
              groups: [
                [
                  'count',
                  panel.series.map((series, i) => ({
                    key: String(i),
                    name: String(i),
                    color: `var(--series-${String(i % 12)})`,
                    series: chartSamples(series, {
                      stepMs: panel.stepMs,
                      startMs: panel.startMs,
                      endMs: panel.endMs,
                      widthPx: plotWidthOf(props.width),
                    }),
                  })),
                ],
              ],
              unit: 'count',
              startMs: panel.startMs,
              endMs: panel.endMs,
              stepMs: panel.stepMs,
              width: props.width,
              height: CHART_HEIGHT,
              timeZone: 'UTC',
              stale: false,
              suspect: null,
            }}
          />
        ),
      )}
    </div>
  );
}

const lineSelector = (kind: ChartKind) =>
  kind === 'naive' ? 'path.recharts-line-curve' : 'path.series-line';

/** Every line drawn, with its path: recharts fills its lines in over more than one render. */
function linesDrawn(kind: ChartKind, expected: number): boolean {
  const paths = stage.querySelectorAll(lineSelector(kind));
  return (
    paths.length === expected && [...paths].every((path) => (path.getAttribute('d') ?? '') !== '')
  );
}

/** The first line of each chart, as drawn now. */
const firstLines = (kind: ChartKind) =>
  [...stage.querySelectorAll('svg.recharts-surface')].map(
    (svg) => svg.querySelector(lineSelector(kind))?.getAttribute('d') ?? '',
  );

/** Until every chart's first line is no longer what it was: the new data is drawn. */
async function redrawn(kind: ChartKind, before: readonly string[]): Promise<void> {
  for (;;) {
    const now = firstLines(kind);
    if (now.length === before.length && now.every((d, i) => d !== '' && d !== before[i])) break;
    await nextFrame();
  }
  await afterPaint();
}

async function drawn(kind: ChartKind, expected: number): Promise<void> {
  while (!linesDrawn(kind, expected)) await nextFrame();
  await afterPaint();
}

let root: Root | null = null;

function freshRoot(): Root {
  root?.unmount();
  stage.replaceChildren();
  root = createRoot(stage);
  return root;
}

export interface RenderReading {
  readonly ms: number;
  readonly lines: number;
  readonly pointsPerLine: number;
  readonly stepSeconds: number;
}

async function renderBench(kind: ChartKind, shape: BenchShape): Promise<RenderReading> {
  const panels = benchData(shape);
  const target = freshRoot();
  await afterPaint();
  const started = performance.now();
  flushSync(() => {
    target.render(<Dashboard kind={kind} panels={panels} width={shape.chartWidth} />);
  });
  const lines = shape.panels * shape.seriesPerPanel;
  await drawn(kind, lines);
  const ms = performance.now() - started;
  return {
    ms,
    lines,
    pointsPerLine: panels[0]?.series[0]?.times.length ?? 0,
    stepSeconds: (panels[0]?.stepMs ?? 0) / 1000,
  };
}

export interface RefreshReading {
  readonly refreshes: number;
  readonly longTasks: number[];
  readonly meanMs: number;
}

/** Draws the panels, then `refreshes` times the range slid by one step, as live mode does. */
async function refreshBench(
  kind: ChartKind,
  shape: BenchShape,
  refreshes: number,
): Promise<RefreshReading> {
  let panels = benchData(shape);
  const target = freshRoot();
  const lines = shape.panels * shape.seriesPerPanel;
  target.render(<Dashboard kind={kind} panels={panels} width={shape.chartWidth} />);
  await drawn(kind, lines);
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });
  let total = 0;
  for (let i = 0; i < refreshes; i++) {
    // Data arrives, as a query answer does, outside the measured render.
    panels = slid(panels, 1, shape.seed + i + 1);
    const before = firstLines(kind);
    const started = performance.now();
    target.render(<Dashboard kind={kind} panels={panels} width={shape.chartWidth} />);
    await redrawn(kind, before);
    total += performance.now() - started;
    // A refresh comes every few seconds, not back to back.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await afterPaint();
  observer.takeRecords().forEach((entry) => longTasks.push(entry.duration));
  observer.disconnect();
  return { refreshes, longTasks, meanMs: total / refreshes };
}

Object.assign(window, { renderBench, refreshBench });
