import { mkdir } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateScenario } from '../../mocks/scenario/engine';
import { liveAnchorMs } from '../../mocks/scenario/placement';
import { scenarios } from '../../mocks/scenarios';
import { servePreview } from '../support/app-server';
import { launchChromium } from '../support/chromium';
import { panelReading, SCREENSHOT_DIR } from '../support/page-readings';
import { backfill, startPrometheus } from '../support/prometheus';
import type { RunningService } from '../support/service-process';

/** Every seed scenario in real Prometheus, each panel drawn, in both themes. */

const PANELS = ['error_ratio', 'latency', 'queue_depth', 'apiserver', 'dns'] as const;
/** Panels with no series in a scenario (it has no queues). */
const EMPTY: Readonly<Record<string, readonly string[]>> = {
  a: ['queue_depth'],
  b: ['queue_depth'],
  c: [],
  quiet: ['queue_depth'],
};

/** Tile states on the wall at each scenario's live moment, where the story makes them certain. */
const WALL_STATES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  a: { queue_depth: 'no-data', latency: 'no-threshold', apiserver: 'ok', dns: 'ok' },
  b: { error_ratio: 'critical', apiserver: 'critical', dns: 'critical', queue_depth: 'no-data' },
  c: { error_ratio: 'critical', queue_depth: 'warning', apiserver: 'ok', dns: 'ok' },
  quiet: { error_ratio: 'ok', apiserver: 'ok', dns: 'ok', queue_depth: 'no-data' },
};

/** What the wall's top-suspect line names at each scenario's live moment; null: no line. */
const WALL_SUSPECT: Readonly<Record<string, RegExp | null>> = {
  a: /^Top suspect deploy (chatgpt|backend) /,
  b: /^Top suspect deploy node-telemetry v1\.15\.0 — /,
  c: /^Top suspect (config|scale) dalle-worker/,
  quiet: null,
};

let browser: Browser | undefined;

beforeAll(async () => {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe.each(['a', 'b', 'c', 'quiet'] as const)('scenario %s in real Prometheus', (id) => {
  let prometheus: RunningService | undefined;
  let app: RunningService | undefined;
  const definition = scenarios[id];

  beforeAll(async () => {
    prometheus = await startPrometheus(await backfill(generateScenario(definition)));
    app = await servePreview(prometheus.url);
  });

  afterAll(async () => {
    await app?.stop();
    await prometheus?.stop();
  });

  it('draws every panel that has data and says so for the others, in both themes', async () => {
    if (!browser || !app) throw new Error('setup did not complete');
    const from = Date.parse(definition.window.start);
    const to = Date.parse(definition.window.end);
    for (const theme of ['dark', 'light'] as const) {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1200 } });
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.goto(`${app.url}/?from=${String(from)}&to=${String(to)}&theme=${theme}`);
      for (const panel of PANELS) {
        if (EMPTY[id]?.includes(panel)) {
          await expect
            .poll(() => page.locator(`[data-panel="${panel}"]`).getAttribute('data-state'))
            .toBe('empty');
        } else {
          const reading = await panelReading(page, panel);
          expect(reading.pointsPerLine.length, panel).toBeGreaterThan(0);
          expect(Math.max(...reading.pointsPerLine), panel).toBeGreaterThan(20);
        }
      }
      await page.screenshot({
        path: `${SCREENSHOT_DIR}/e2e-scenario-${id}-${theme}.png`,
        fullPage: true,
      });
      expect(pageErrors).toEqual([]);
      await page.close();
    }
  });

  it('fills a 1080p and a 4K wall with kiosk, every signal in words, nothing to scroll or click', async () => {
    if (!browser || !app) throw new Error('setup did not complete');
    for (const [width, height] of [
      [1920, 1080],
      [3840, 2160],
    ] as const) {
      const context = await browser.newContext({ viewport: { width, height } });
      // The wall is live: "now" is the scenario's live moment, and time runs from there.
      await context.clock.install({ time: liveAnchorMs(definition) });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.goto(`${app.url}/?kiosk&from=now-6h&to=now`);
      const tiles = page.locator('.status-tile');
      await expect.poll(() => tiles.count()).toBe(PANELS.length);
      for (const [panel, state] of Object.entries(WALL_STATES[id] ?? {})) {
        await expect
          .poll(
            () => page.locator(`.status-tile[data-signal="${panel}"]`).getAttribute('data-state'),
            {
              timeout: 30_000,
            },
          )
          .toBe(state);
      }
      for (const panel of PANELS) {
        if (!EMPTY[id]?.includes(panel)) await panelReading(page, panel);
      }
      const suspect = WALL_SUSPECT[id] ?? null;
      await expect
        .poll(() => page.locator('main').getAttribute('data-analysis'), { timeout: 60_000 })
        .toBe('ready');
      if (suspect === null) {
        expect(await page.locator('.wall-suspect').count()).toBe(0);
      } else {
        await expect
          .poll(() => page.locator('.wall-suspect').textContent(), { timeout: 60_000 })
          .toMatch(suspect);
      }
      const layout = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        scrollHeight: document.documentElement.scrollHeight,
        innerWidth: window.innerWidth,
        innerHeight: window.innerHeight,
        controls: document.querySelectorAll('button, select, input, textarea').length,
        words: [...document.querySelectorAll('.tile-word')].map((n) => n.textContent),
        clock: document.querySelector('.wall-clock')?.textContent ?? '',
      }));
      expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);
      expect(layout.scrollHeight).toBeLessThanOrEqual(layout.innerHeight);
      expect(layout.controls).toBe(0);
      expect(layout.words.every((word) => /^[A-Z ]+$/.test(word))).toBe(true);
      expect(layout.clock).toMatch(/^\d\d:\d\d UTC$/);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/e2e-wall-${id}-${String(width)}.png` });
      expect(pageErrors).toEqual([]);
      await context.close();
    }
  });

  it.runIf(id === 'c')(
    'marks the config and scale changes about 16 h before the backlog, and the queue gap',
    async () => {
      if (!browser || !app) throw new Error('setup did not complete');
      const from = Date.parse('2023-03-17T20:00:00Z');
      const to = Date.parse('2023-03-18T14:00:00Z');
      const backlog = Date.parse('2023-03-18T13:20:00Z');
      const page = await browser.newPage({ viewport: { width: 1600, height: 1200 } });
      await page.goto(`${app.url}/?from=${String(from)}&to=${String(to)}`);
      await panelReading(page, 'queue_depth');
      // Five minutes apart over 18 h, the two changes share one marker in the lane: its details
      // list both, each at its own time.
      const marker = page.locator('.timeline-lane .lane-marker.change-config').first();
      await marker.waitFor({ state: 'attached', timeout: 30_000 });
      await marker.focus();
      const details = page.locator('.timeline-lane .lane-popover .lane-change');
      await details.first().waitFor();
      const timeOf = async (kind: string) => {
        const text = await details
          .filter({ hasText: new RegExp(`^${kind}`) })
          .first()
          .textContent();
        const clock = /2023-03-17 (\d\d:\d\d:\d\d) UTC/.exec(text ?? '')?.[1];
        return { text: text ?? '', timeMs: Date.parse(`2023-03-17T${clock ?? ''}Z`) };
      };
      const config = await timeOf('config');
      const scale = await timeOf('scale');
      // Seen at the source queries' step: within a couple of minutes of 21:00 and 21:05.
      expect(Math.abs(config.timeMs - Date.parse('2023-03-17T21:00:00Z'))).toBeLessThanOrEqual(
        150_000,
      );
      expect(Math.abs(scale.timeMs - Date.parse('2023-03-17T21:05:00Z'))).toBeLessThanOrEqual(
        150_000,
      );
      const leadHours = (backlog - config.timeMs) / 3_600_000;
      expect(leadHours).toBeGreaterThan(16);
      expect(leadHours).toBeLessThan(16.5);
      expect(scale.text).toMatch(/12 → 6/);
      // The charts draw them too (one thicker line with a count, at this zoom).
      const chartKinds = await page
        .locator('[data-panel="error_ratio"] .change-marker')
        .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('class') ?? ''));
      expect(chartKinds.some((c) => c.includes('has-config'))).toBe(true);
      expect(chartKinds.some((c) => c.includes('has-scale'))).toBe(true);
      await page.screenshot({
        path: `${SCREENSHOT_DIR}/e2e-scenario-c-changes.png`,
        fullPage: true,
      });
      // The queue went unobserved from 21:35 on the 18th: over the whole window its lines break.
      const start = String(Date.parse(definition.window.start));
      const end = String(Date.parse(definition.window.end));
      await page.goto(`${app.url}/?from=${start}&to=${end}`);
      const queue = await panelReading(page, 'queue_depth');
      expect(Math.max(...queue.segmentsPerLine)).toBeGreaterThan(1);
      await page.close();
    },
  );
});
