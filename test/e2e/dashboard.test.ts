import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateScenario } from '../../mocks/scenario/engine';
import { liveAnchorMs } from '../../mocks/scenario/placement';
import { scenarios } from '../../mocks/scenarios';
import { serveDev, servePreview } from '../support/app-server';
import { launchChromium } from '../support/chromium';
import { panelReading, percentAxisMax, SCREENSHOT_DIR } from '../support/page-readings';
import { backfill, startPrometheus } from '../support/prometheus';
import type { RunningService } from '../support/service-process';

/**
 * The production build, served by `vite preview` in front of a real Prometheus that holds
 * scenario A, driven in Debian's Chromium the way an SRE would use it.
 */

const scenarioA = generateScenario(scenarios.a);
const impactA = Date.parse(scenarios.a.impactStart ?? '');
const HOUR = 3_600_000;

let blocks: string | undefined;
let prometheus: RunningService | undefined;
let app: RunningService | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  blocks = await backfill(scenarioA);
  prometheus = await startPrometheus(blocks);
  [app, browser] = await Promise.all([servePreview(prometheus.url), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await prometheus?.stop();
});

/** What beforeAll started; it throws if setup failed, rather than testing nothing. */
function started() {
  if (!prometheus || !app || !browser || !blocks) throw new Error('setup did not complete');
  return { prometheus, app, browser, blocks };
}

async function open(search: string): Promise<{ page: Page; pageErrors: string[] }> {
  const { app, browser } = started();
  const page = await browser.newPage({ viewport: { width: 1600, height: 1100 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${app.url}/${search}`);
  return { page, pageErrors };
}

async function peakErrorRatio(prometheusUrl: string, from: number, to: number): Promise<number> {
  const expr =
    'max(sum by (service) (rate(http_requests_total{code=~"5.."}[1m])) / sum by (service) (rate(http_requests_total[1m])))';
  const params = new URLSearchParams({
    query: expr,
    start: String(from / 1000),
    end: String(to / 1000),
    step: '15',
  });
  const response = await fetch(`${prometheusUrl}/api/v1/query_range?${params.toString()}`);
  const body = (await response.json()) as { data: { result: { values: [number, string][] }[] } };
  return Math.max(...(body.data.result[0]?.values ?? []).map(([, value]) => Number(value)));
}

const window = `?from=${String(impactA - 2 * HOUR)}&to=${String(impactA + HOUR)}`;

describe('the dashboard against real Prometheus holding scenario A', () => {
  it('draws every panel that has data, and the incident’s error spike at Prometheus’s value', async () => {
    const { prometheus } = started();
    const { page, pageErrors } = await open(window);
    const errors = await panelReading(page, 'error_ratio');
    for (const panel of ['latency', 'apiserver', 'dns']) await panelReading(page, panel);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/e2e-dashboard-a.png`, fullPage: true });

    const services = [
      ...new Set(
        scenarioA.series
          .filter((s) => s.labels.__name__ === 'http_requests_total')
          .map((s) => s.labels.service ?? ''),
      ),
    ];
    expect(errors.legend.map((name) => name.replace(/^5xx /, '')).sort()).toEqual(services.sort());
    expect(Math.min(...errors.pointsPerLine)).toBeGreaterThan(50);
    const peak = await peakErrorRatio(prometheus.url, impactA - 2 * HOUR, impactA + HOUR);
    expect(peak).toBeGreaterThan(0.2);
    expect(percentAxisMax(errors.yTicks)).toBeGreaterThanOrEqual(peak);
    expect(percentAxisMax(errors.yTicks)).toBeLessThan(peak * 2);
    // Scenario A has no queues: that panel says so instead of drawing nothing.
    await expect
      .poll(() => page.locator('[data-panel="queue_depth"]').getAttribute('data-state'))
      .toBe('empty');
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('zooms to a dragged interval by writing it to the URL, and a reload restores it', async () => {
    const { page } = await open(window);
    await panelReading(page, 'error_ratio');
    const overlay = page.locator('[data-panel="error_ratio"] .plot-overlay');
    const box = await overlay.boundingBox();
    if (!box) throw new Error('no plot area');
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect
      .poll(() => new URL(page.url()).searchParams.get('from'))
      .not.toBe(String(impactA - 2 * HOUR));
    const zoomed = new URL(page.url()).searchParams;
    const from = Number(zoomed.get('from'));
    const to = Number(zoomed.get('to'));
    // Half to three quarters of a 3 h window: 45 minutes, starting 1.5 h in.
    expect(to - from).toBeGreaterThan(40 * 60_000);
    expect(to - from).toBeLessThan(50 * 60_000);
    expect(Math.abs(from - (impactA - 0.5 * HOUR))).toBeLessThan(5 * 60_000);

    const ticksBefore = (await panelReading(page, 'error_ratio')).xTicks;
    await page.reload();
    const after = await panelReading(page, 'error_ratio');
    expect(new URL(page.url()).searchParams.get('from')).toBe(String(from));
    expect(after.xTicks).toEqual(ticksBefore);

    await page.goBack();
    await expect
      .poll(() => new URL(page.url()).searchParams.get('from'))
      .toBe(String(impactA - 2 * HOUR));
    await page.close();
  });

  it('prints axis times in the chosen zone', async () => {
    const { page } = await open(window);
    const utc = (await panelReading(page, 'error_ratio')).xTicks;
    await page.locator('.toolbar select').nth(1).selectOption('America/Los_Angeles');
    await expect.poll(() => new URL(page.url()).searchParams.get('tz')).toBe('America/Los_Angeles');
    const pacific = (await panelReading(page, 'error_ratio')).xTicks;
    expect(pacific).not.toEqual(utc);
    // 00:00 UTC on 30 January is 16:00 PST on the 29th.
    expect(utc).toContain('00:00');
    expect(pacific).toContain('16:00');
    await page.close();
  });
});

describe('changes and incidents from real Prometheus', () => {
  it('marks both deploys of scenario A at their exact second and its alert window', async () => {
    const { page } = await open(window);
    await panelReading(page, 'error_ratio');
    const markers = page.locator('.timeline-lane .lane-marker');
    await markers.first().waitFor({ timeout: 30_000 });
    const times = (
      await markers.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-time')))
    ).map(Number);
    // The culprit deploy (22:33) and the trigger (00:17), both to the second, not to the step.
    expect(times).toContain(Date.parse('2024-01-29T22:33:00Z'));
    expect(times).toContain(Date.parse('2024-01-30T00:17:00Z'));
    const incidents = page.locator('.timeline-lane .lane-incident');
    await incidents.first().waitFor({ timeout: 30_000 });
    const start = Number(await incidents.first().getAttribute('data-start'));
    // ALERTS fire at 00:19:45; the window starts at the first step that sees them.
    expect(Math.abs(start - Date.parse('2024-01-30T00:19:45Z'))).toBeLessThanOrEqual(60_000);
    // Every chart carries the same markers.
    expect(
      await page.locator('[data-panel="error_ratio"] .recharts-reference-line').count(),
    ).toBeGreaterThanOrEqual(2);
    await page.screenshot({
      path: `${SCREENSHOT_DIR}/e2e-dashboard-a-changes.png`,
      fullPage: true,
    });
    await page.close();
  });
});

describe('change markers, lined up and explained', () => {
  it('puts each lane marker right above the same change on the charts, and names it on hover', async () => {
    const { page, pageErrors } = await open(window);
    await panelReading(page, 'latency');
    const deployAt = Date.parse('2024-01-30T00:17:00Z');
    const lane = page.locator(`.timeline-lane .lane-marker[data-time="${String(deployAt)}"]`);
    await lane.first().waitFor({ timeout: 30_000 });
    // One track above each of the two columns: error ratio is in the first, latency the second.
    const laneX = await lane.evaluateAll((nodes) =>
      nodes.map((node) => node.parentElement?.getBoundingClientRect().left ?? NaN),
    );
    expect(laneX).toHaveLength(2);
    const chartX = async (panel: string) =>
      page
        .locator(`[data-panel="${panel}"] .change-marker line`)
        .evaluateAll((lines) => lines.map((line) => line.getBoundingClientRect().left));
    const [errorX, latencyX] = [await chartX('error_ratio'), await chartX('latency')];
    expect(errorX.some((x) => Math.abs(x - (laneX[0] ?? NaN)) <= 1)).toBe(true);
    expect(latencyX.some((x) => Math.abs(x - (laneX[1] ?? NaN)) <= 1)).toBe(true);

    // Hovering the marker on a chart names the deploy, to the second.
    const overlay = page.locator('[data-panel="error_ratio"] .plot-overlay').first();
    const box = await overlay.boundingBox();
    if (box === null) throw new Error('no plot overlay');
    const x = errorX.find((value) => Math.abs(value - (laneX[0] ?? NaN)) <= 1) ?? 0;
    await page.mouse.move(x + 1, box.y + box.height / 2);
    const tooltip = page.locator('[data-panel="error_ratio"] .marker-popover');
    await tooltip.waitFor();
    expect(await tooltip.textContent()).toContain('chatgpt');
    expect(await tooltip.textContent()).toContain('2024-01-30 00:17:00 UTC');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/e2e-dashboard-a-marker-hover.png` });
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});

describe('npm run dev against real Prometheus', () => {
  it('serves the dashboard on the given host and port, proxying /api/v1', async () => {
    const { browser } = started();
    const dev = await serveDev(started().prometheus.url);
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1100 } });
      await page.goto(`${dev.url}/${window}`);
      const reading = await panelReading(page, 'error_ratio');
      expect(Math.min(...reading.pointsPerLine)).toBeGreaterThan(50);
      await page.close();
    } finally {
      await dev.stop();
    }
  });
});

describe('when Prometheus goes away', () => {
  it('keeps the last data marked stale while Prometheus is down, and recovers when it is back', async () => {
    const { page } = await open(window);
    await panelReading(page, 'error_ratio');
    const port = new URL(started().prometheus.url).port;
    await started().prometheus.stop();
    prometheus = undefined;
    await page.keyboard.press('r');
    const badge = page.locator('[data-panel="error_ratio"] .badge-stale');
    await badge.waitFor({ timeout: 60_000 });
    expect(await badge.textContent()).toMatch(/stale since \d\d:\d\d/);
    // Still drawn, not blanked.
    expect((await panelReading(page, 'error_ratio')).pointsPerLine.length).toBeGreaterThan(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/e2e-dashboard-a-stale.png`, fullPage: true });

    prometheus = await startPrometheus(blocks ?? '', { port: Number(port) });
    await page.keyboard.press('r');
    await badge.waitFor({ state: 'detached', timeout: 60_000 });
    expect((await panelReading(page, 'error_ratio')).pointsPerLine.length).toBeGreaterThan(0);
    await page.close();
  });
});

describe('a wall left alone', () => {
  it('spreads the refreshes of screens opened together over the interval', async () => {
    const { browser, app } = started();
    const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
    const pages = await Promise.all(Array.from({ length: 10 }, () => context.newPage()));
    // A light page: one panel; each page notes when its data-now first moves after load.
    await Promise.all(
      pages.map((page) => page.goto(`${app.url}/?from=now-1h&to=now&refresh=10s&viewPanel=dns`)),
    );
    const firstRefresh = () =>
      new Promise<number>((resolve) => {
        const main = document.querySelector('main');
        const loadedAt = performance.now();
        const initial = main?.dataset.now;
        const timer = setInterval(() => {
          if (document.querySelector('main')?.dataset.now !== initial) {
            clearInterval(timer);
            resolve(performance.now() - loadedAt);
          }
        }, 50);
      });
    const delays = await Promise.all(pages.map((page) => page.evaluate(firstRefresh)));
    // Without a random phase every page would refresh 10 s after it loaded.
    expect(Math.max(...delays) - Math.min(...delays)).toBeGreaterThan(2_500);
    expect(delays.every((delay) => delay <= 11_500)).toBe(true);
    await context.close();
  });
  it('shows data as stale when Prometheus stops, also an hour on, and recovers by itself', async () => {
    const { browser, app } = started();
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await context.clock.install({ time: liveAnchorMs(scenarios.a) });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${app.url}/?kiosk&from=now-1h&to=now&refresh=10s`);
    const tile = page.locator('.status-tile[data-signal="dns"]');
    const state = () => tile.getAttribute('data-state');
    await expect.poll(state, { timeout: 30_000 }).toBe('ok');

    const port = new URL(started().prometheus.url).port;
    await started().prometheus.stop();
    prometheus = undefined;
    await expect.poll(state, { timeout: 60_000 }).toBe('stale');
    await expect(page.locator('.status-tile.state-stale').count()).resolves.toBeGreaterThan(1);
    // An hour later, still down: nothing looks healthy, and the data's age says how old it is.
    await context.clock.fastForward('01:00:00');
    await expect
      .poll(() => page.locator('[data-panel="dns"] .badge-missing').textContent(), {
        timeout: 60_000,
      })
      .toMatch(/^no data for (1 h|59 min)/);
    expect(await state()).toBe('stale');
    // What the change and alert sources would say is unknown, not "all clear".
    await expect
      .poll(() => page.locator('.wall-incident').textContent(), { timeout: 60_000 })
      .toMatch(/^Incidents unknown: /);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/e2e-wall-a-prometheus-down.png` });

    prometheus = await startPrometheus(blocks ?? '', { port: Number(port) });
    // Nobody touches it: the next refreshes find Prometheus again.
    await expect.poll(state, { timeout: 90_000 }).not.toBe('stale');
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
