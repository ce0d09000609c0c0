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
