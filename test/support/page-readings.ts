import { resolve } from 'node:path';
import type { Page } from 'playwright-core';

/** Screenshots from the end-to-end tests land here, to be looked at. */
export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../.cache/screenshots');

export interface PanelReading {
  /** Legend entries, as the user reads them. */
  readonly legend: string[];
  /** Number of points in each drawn line's SVG path. */
  readonly pointsPerLine: number[];
  /** Number of separate stretches of each line: more than one means it has a gap. */
  readonly segmentsPerLine: number[];
  /** Y-axis tick labels, top to bottom as drawn. */
  readonly yTicks: string[];
  /** X-axis tick labels of the first chart, left to right. */
  readonly xTicks: string[];
}

/** What a person would read off a panel once its chart has drawn. */
export async function panelReading(page: Page, panelId: string): Promise<PanelReading> {
  const panel = page.locator(`[data-panel="${panelId}"]`);
  // 'attached', not 'visible': a perfectly flat line has a zero-height box, which Playwright calls hidden.
  await panel.locator('path.series-line').first().waitFor({ state: 'attached', timeout: 30_000 });
  // A new answer is drawn as deferred work: the charts may still show the range or zone before.
  // Polled from here, on real time: the page's own timers may be a paused fake clock.
  for (let waited = 0; ; waited += 50) {
    const caughtUp = await panel.evaluate((element: HTMLElement) => {
      const charts = element.querySelector<HTMLElement>('.panel-charts');
      return (
        charts !== null &&
        charts.dataset.range === element.dataset.range &&
        charts.dataset.timeZone === element.dataset.timeZone
      );
    });
    if (caughtUp) break;
    if (waited > 30_000) throw new Error(`the charts of ${panelId} never caught up with it`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return panel.evaluate((element) => {
    const texts = (selector: string) =>
      [...element.querySelectorAll(selector)].map((node) => node.textContent);
    return {
      legend: texts('.legend-name'),
      pointsPerLine: [...element.querySelectorAll('path.series-line')].map(
        (path) => (path.getAttribute('d') ?? '').split(/[ML]/).length - 1,
      ),
      segmentsPerLine: [...element.querySelectorAll('path.series-line')].map(
        (path) => (path.getAttribute('d') ?? '').split('M').length - 1,
      ),
      yTicks: texts('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value'),
      xTicks: [
        ...(element
          .querySelector('.recharts-xAxis-tick-labels')
          ?.querySelectorAll('.recharts-cartesian-axis-tick-value') ?? []),
      ].map((node) => node.textContent),
    };
  });
}

/** The largest value on a percent axis (`"40%"` → 0.4). */
export function percentAxisMax(ticks: readonly string[]): number {
  return Math.max(...ticks.map((tick) => Number.parseFloat(tick) / 100).filter(Number.isFinite));
}
