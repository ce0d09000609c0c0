import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, it } from 'vitest';
import { generateScenario } from '../../mocks/scenario/engine';
import { scenarioBenchWall } from '../../mocks/scenarios/bench-wall';
import { DEFAULT_LOOKBACK_MS } from '../../src/domain/suspects';
import { buildApp, servePreview } from '../support/app-server';
import { launchChromium } from '../support/chromium';
import { backfill, startPrometheus } from '../support/prometheus';
import type { RunningService } from '../support/service-process';

/**
 * `npm run bench:wall`: a wall screen (`?kiosk`, live, 30 s refresh) in Debian's Chromium against
 * real Prometheus for 24 hours of refreshes — 2,880 cycles, compressed with Playwright's clock so
 * the app's own timers (refresh, clock, caches' garbage collection, backoff) run as they would in
 * a day — with Prometheus stopped for one hour in the middle. Garbage is collected through the
 * DevTools protocol before each reading of the JS heap, DOM nodes and event listeners. It prints
 * the readings and their slope per cycle and writes JSON to `bench-results/wall.json`. It
 * reports; it asserts nothing about time or memory.
 */

const root = resolve(import.meta.dirname, '../..');
const RESULTS_DIR = resolve(root, 'bench-results');
const REFRESH_MS = 30_000;
const CYCLES = Number(process.env.WALL_CYCLES ?? 2880);
/** Readings every this many cycles (48 minutes of wall time). */
const EVERY = Number(process.env.WALL_EVERY ?? 96);
/** Cycles before the first reading, so start-up caches and compiled code are not "growth". */
const WARM_UP = Math.min(96, Math.floor(CYCLES / 10));
/** Prometheus is down for an hour from the middle of the run. */
const OUTAGE = { from: Math.floor(CYCLES / 2), cycles: Math.min(120, Math.floor(CYCLES / 4)) };
/** 14:00 on the first day: the same hour the run ends on the second. */
const START_MS = Date.parse('2024-06-03T14:00:00Z');
/** The wall's range, `from=now-6h`. */
const RANGE_MS = 6 * 3_600_000;
/** Before the earliest sample anything asks for: rate windows and step alignment. */
const DATA_MARGIN_MS = 3_600_000;

let prometheus: RunningService | undefined;
let app: RunningService | undefined;
let browser: Browser | undefined;
let blocks = '';

beforeAll(async () => {
  const scenario = generateScenario(scenarioBenchWall);
  // The analysis reads change sources over its look-back before the wall's range. If the data
  // began inside that, each answer would hold more samples than the last until the range filled,
  // and that would read as the page's heap growing.
  const firstAskedMs = START_MS - RANGE_MS - DEFAULT_LOOKBACK_MS - DATA_MARGIN_MS;
  if (scenario.startMs > firstAskedMs) {
    throw new Error(
      `the scenario's data begin at ${new Date(scenario.startMs).toISOString()}, after the ` +
        `first refresh's look-back (${new Date(firstAskedMs).toISOString()})`,
    );
  }
  await buildApp();
  blocks = await backfill(scenario);
  prometheus = await startPrometheus(blocks);
  [app, browser] = await Promise.all([servePreview(prometheus.url), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await prometheus?.stop();
});

interface Reading {
  readonly cycle: number;
  readonly heapBytes: number;
  readonly nodes: number;
  readonly listeners: number;
}

async function read(cdp: CDPSession, cycle: number): Promise<Reading> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  return {
    cycle,
    heapBytes: metric('JSHeapUsedSize'),
    nodes: metric('Nodes'),
    listeners: metric('JSEventListeners'),
  };
}

/** Requests to the Prometheus API the page has sent, and how many are still open. */
function watchRequests(page: Page) {
  let sent = 0;
  let open = 0;
  let lastAt = 0;
  const isApi = (url: string) => url.includes('/api/v1/');
  page.on('request', (request) => {
    if (!isApi(request.url())) return;
    sent += 1;
    open += 1;
    lastAt = Date.now();
  });
  const done = (request: { url(): string }) => {
    if (!isApi(request.url())) return;
    open -= 1;
    lastAt = Date.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return {
    get sent() {
      return sent;
    },
    /** Until nothing is open and nothing new was sent for a moment (real time). */
    async settle(quietMs = 60, maxMs = 15_000): Promise<void> {
      const until = Date.now() + maxMs;
      while (Date.now() < until && (open > 0 || Date.now() - lastAt < quietMs)) {
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
}

/** Least-squares slope of `y` over `x`. */
function slope(points: readonly (readonly [number, number])[]): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return sxx === 0 ? 0 : sxy / sxx;
}

async function wallState(page: Page) {
  return page.evaluate(() => ({
    tiles: [...document.querySelectorAll<HTMLElement>('.status-tile')].map(
      (tile) => tile.dataset.state ?? '',
    ),
    panels: [...document.querySelectorAll<HTMLElement>('section.panel')].map(
      (panel) => panel.dataset.state ?? '',
    ),
  }));
}

async function openWall(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${app?.url ?? ''}/?kiosk&from=now-6h&to=now&refresh=30s`);
  await page.locator('.status-tile').first().waitFor();
  for (let i = 0; i < 300; i++) {
    const { panels } = await wallState(page);
    if (panels.length > 0 && panels.every((s) => s === 'chart' || s === 'empty')) break;
    await page.waitForTimeout(100);
  }
  return page;
}

it('a wall screen over 24 hours of refreshes, with an hour of Prometheus down', async () => {
  if (!browser || !app || !prometheus) throw new Error('setup did not complete');
  const loadAtStart = loadavg()[0] ?? 0;
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await context.clock.install({ time: START_MS });
  const page = await openWall(context);
  const requests = watchRequests(page);
  // From here on the clock moves only in the cycles below.
  await context.clock.pauseAt((await page.evaluate(() => Date.now())) + 10_000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');

  const readings: Reading[] = [];
  const requestsPerHour: { healthy: number; down: number } = { healthy: 0, down: 0 };
  const realStart = Date.now();
  let stoppedPort: number | null = null;
  for (let cycle = 1; cycle <= CYCLES; cycle++) {
    if (cycle === OUTAGE.from) {
      stoppedPort = Number(new URL(prometheus.url).port);
      await prometheus.stop();
    }
    if (cycle === OUTAGE.from + OUTAGE.cycles && stoppedPort !== null) {
      prometheus = await startPrometheus(blocks, { port: stoppedPort });
      stoppedPort = null;
    }
    const before = requests.sent;
    await context.clock.runFor(REFRESH_MS);
    await requests.settle();
    const sent = requests.sent - before;
    if (cycle >= OUTAGE.from && cycle < OUTAGE.from + OUTAGE.cycles) requestsPerHour.down += sent;
    else if (cycle >= OUTAGE.from - OUTAGE.cycles && cycle < OUTAGE.from) {
      requestsPerHour.healthy += sent;
    }
    if (cycle === WARM_UP || (cycle > WARM_UP && (cycle - WARM_UP) % EVERY === 0)) {
      readings.push(await read(cdp, cycle));
    }
    if (cycle === CYCLES && (cycle - WARM_UP) % EVERY !== 0) readings.push(await read(cdp, cycle));
  }
  // What arrived after the last cycle is delivered by the app's own zero-delay timers.
  await context.clock.runFor(1_000);
  const end = await wallState(page);
  const realSeconds = (Date.now() - realStart) / 1000;

  const first = readings[0];
  const last = readings.at(-1);
  if (first === undefined || last === undefined) throw new Error('no readings');
  const perCycle = (pick: (r: Reading) => number) =>
    slope(readings.map((r) => [r.cycle, pick(r)] as const));
  const summary = {
    cycles: CYCLES,
    warmUpCycles: WARM_UP,
    outage: { fromCycle: OUTAGE.from, cycles: OUTAGE.cycles, ...requestsPerHour },
    heapGrowthBytes: last.heapBytes - first.heapBytes,
    heapSlopeBytesPerCycle: perCycle((r) => r.heapBytes),
    nodesGrowth: last.nodes - first.nodes,
    nodesSlopePerCycle: perCycle((r) => r.nodes),
    listenersGrowth: last.listeners - first.listeners,
    listenersSlopePerCycle: perCycle((r) => r.listeners),
    recoveredAtEnd: end.tiles.every((s) => s !== 'stale') && end.panels.every((s) => s !== 'error'),
    endStates: end,
    realSeconds,
    machine: {
      date: new Date().toISOString(),
      nproc: cpus().length,
      cpu: cpus()[0]?.model.trim() ?? 'unknown',
      chromium: browser.version(),
      node: process.version,
      load: [loadAtStart, loadavg()[0] ?? 0],
    },
    readings,
  };
  const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(2)} MB`;
  const lines = [
    `| reading | cycle | JS heap (after GC) | DOM nodes | listeners |`,
    `| --- | --- | --- | --- | --- |`,
    `| start | ${String(first.cycle)} | ${mb(first.heapBytes)} | ${String(first.nodes)} | ${String(first.listeners)} |`,
    `| end | ${String(last.cycle)} | ${mb(last.heapBytes)} | ${String(last.nodes)} | ${String(last.listeners)} |`,
    `| growth | | ${mb(summary.heapGrowthBytes)} | ${String(summary.nodesGrowth)} | ${String(summary.listenersGrowth)} |`,
    `| slope per cycle | | ${(summary.heapSlopeBytesPerCycle / 1024).toFixed(2)} KB | ${summary.nodesSlopePerCycle.toFixed(3)} | ${summary.listenersSlopePerCycle.toFixed(3)} |`,
  ];
  console.info(
    [
      `Wall screen, ${String(CYCLES)} refresh cycles of 30 s (${(CYCLES / 120).toFixed(1)} h) in ${realSeconds.toFixed(0)} s,` +
        ` Prometheus down for cycles ${String(OUTAGE.from)}–${String(OUTAGE.from + OUTAGE.cycles - 1)}`,
      ...lines,
      `requests: ${String(requestsPerHour.healthy)} in the healthy hour before the outage, ${String(requestsPerHour.down)} during it`,
      `at the end: tiles ${end.tiles.join(', ')}; panels ${end.panels.join(', ')}`,
      `machine: ${String(summary.machine.nproc)} × ${summary.machine.cpu}, Chromium ${summary.machine.chromium}, load ${summary.machine.load.map((l) => l.toFixed(1)).join(' → ')}`,
    ].join('\n'),
  );
  await mkdir(RESULTS_DIR, { recursive: true });
  await writeFile(join(RESULTS_DIR, 'wall.json'), `${JSON.stringify(summary, null, 2)}\n`);
  await context.close();
});
