import type { BrowserContext, Page } from 'playwright-core';

/**
 * When a page first drew a chart and when every chart on it was drawn, in ms since navigation
 * started (`performance.now()` in the page), taken at the animation frame after the DOM shows
 * it. Two kinds of page: this dashboard, where a panel is done when it is empty, failed, or
 * every chart in it has a `path.series-line` with points; and Prometheus's classic graph
 * page, where a graph is done when Rickshaw drew a path or the graph shows an error ("No
 * datapoints found.").
 */
export type PageKind = 'dashboard' | 'classic';

export interface DrawnTimes {
  readonly firstChartMs: number;
  readonly completeMs: number;
}

declare global {
  interface Window {
    __drawn?: { firstChartMs?: number; completeMs?: number };
  }
}

/** Runs in the page before its own scripts. */
function observeDrawing(kind: PageKind): void {
  const drawn: { firstChartMs?: number; completeMs?: number } = {};
  window.__drawn = drawn;
  const hasPoints = (root: ParentNode, selector: string) =>
    [...root.querySelectorAll(selector)].some((path) => (path.getAttribute('d') ?? '').length > 1);
  const dashboardState = () => {
    const panels = [...document.querySelectorAll<HTMLElement>('section.panel')];
    const first = hasPoints(document, 'path.series-line');
    const complete =
      panels.length > 0 &&
      panels.every((panel) => {
        const state = panel.dataset.state;
        if (state === 'empty' || state === 'error') return true;
        if (state !== 'chart') return false;
        const charts = [...panel.querySelectorAll('.chart')];
        return charts.length > 0 && charts.every((c) => hasPoints(c, 'path.series-line'));
      });
    return { first, complete };
  };
  const classicState = () => {
    const graphs = [...document.querySelectorAll('.graph_wrapper')];
    const drew = (graph: Element) => hasPoints(graph, '.graph_area svg path');
    const failed = (graph: Element) => {
      const error = graph.querySelector<HTMLElement>('.error');
      return error !== null && error.style.display !== 'none' && error.textContent !== '';
    };
    return {
      first: graphs.some(drew),
      complete: graphs.length > 0 && graphs.every((g) => drew(g) || failed(g)),
    };
  };
  const check = () => {
    const { first, complete } = kind === 'dashboard' ? dashboardState() : classicState();
    if (first && drawn.firstChartMs === undefined) {
      requestAnimationFrame(() => (drawn.firstChartMs ??= performance.now()));
    }
    if (complete && drawn.completeMs === undefined) {
      requestAnimationFrame(() => (drawn.completeMs ??= performance.now()));
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  document.addEventListener('DOMContentLoaded', () => {
    observer.observe(document.body, { childList: true, subtree: true, attributes: true });
    check();
  });
}

export async function recordDrawing(context: BrowserContext, kind: PageKind): Promise<void> {
  // As source text: a transpiler may have wrapped the function's inner functions in its own
  // naming helper (esbuild's `__name`), which the page does not have.
  const script = `var __name = (f) => f; (${observeDrawing.toString()})(${JSON.stringify(kind)});`;
  await context.addInitScript({ content: script });
}

/** The times once the page is complete (real time, polled). */
export async function drawnTimes(page: Page, timeoutMs = 120_000): Promise<DrawnTimes> {
  const handle = await page.waitForFunction(
    () => {
      const { firstChartMs, completeMs } = window.__drawn ?? {};
      return firstChartMs !== undefined && completeMs !== undefined
        ? { firstChartMs, completeMs }
        : null;
    },
    undefined,
    { timeout: timeoutMs, polling: 50 },
  );
  return (await handle.jsonValue()) as DrawnTimes;
}
