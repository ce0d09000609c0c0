import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, it } from 'vitest';
import { generateScenario } from '../../mocks/scenario/engine';
import { scenarioQuiet } from '../../mocks/scenarios/quiet-day';
import { buildApp, E2E_OUT_DIR, servePreview } from '../support/app-server';
import { launchChromium } from '../support/chromium';
import { SCREENSHOT_DIR } from '../support/page-readings';
import { backfill, startPrometheus } from '../support/prometheus';
import type { RunningService } from '../support/service-process';
import { classicGraphQueries, classicGraphUrl, panelQueries } from './classic-graph';
import { drawnTimes, recordDrawing, type DrawnTimes, type PageKind } from './drawn-times';
import { initialJsSize } from './initial-js-size';
import { MONTH_END_MS, monthOfFiftyServices, SERVICE_COUNT } from './month-of-fifty-services';
import { watchTraffic, type RangeRequest, type TrafficSpan } from './page-traffic';
import { counterDelta, fullRefetchCounter, mapLimited, readCounters } from './prometheus-counters';
import { benchTable, type BenchRow } from './bench-table';

/**
 * `npm run bench`: the dashboard's production build in Debian's Chromium against real
 * Prometheus, each figure beside what it is compared with, measured in the same run:
 * - live mode (the quiet day, `now-1h` to `now`, 10 s refresh) for 30 simulated minutes under
 *   Playwright's clock: samples fetched per refresh against what refetching each range whole
 *   would fetch, requests and peak in-flight per refresh, and Prometheus's CPU seconds and
 *   queries per page-hour, from its own `/metrics`;
 * - the JavaScript `index.html` loads, gzipped;
 * - time to a complete dashboard (6 h) against Prometheus's classic graph page with the same
 *   panel queries, alternating, medians;
 * - time to first chart over 1 h … 30 d of 50 services.
 * It prints a table and writes `bench-results/dashboard.json`. It reports; it asserts nothing.
 */

const root = resolve(import.meta.dirname, '../..');
const RESULTS_DIR = resolve(root, 'bench-results');
const VIEWPORT = { width: 1600, height: 1100 };
const HOUR = 3_600_000;
const LIVE = {
  atMs: Date.parse('2024-06-04T13:00:00Z'),
  search: '?from=now-1h&to=now&refresh=10s',
  refreshMs: 10_000,
  minutes: Number(process.env.BENCH_LIVE_MINUTES ?? 30),
};
const COMPARE = {
  range: { startMs: Date.parse('2024-06-04T10:00:00Z'), endMs: Date.parse('2024-06-04T16:00:00Z') },
  repeats: Number(process.env.BENCH_REPEATS ?? 5),
};
const RANGES: readonly (readonly [string, number])[] = [
  ['1 h', HOUR],
  ['24 h', 24 * HOUR],
  ['7 d', 7 * 24 * HOUR],
  ['30 d', 30 * 24 * HOUR],
];
const RANGE_REPEATS = Number(process.env.BENCH_RANGE_REPEATS ?? 3);

let quietProm: RunningService | undefined;
let monthProm: RunningService | undefined;
let quietApp: RunningService | undefined;
let monthApp: RunningService | undefined;
let browser: Browser | undefined;
const startedAt = performance.now();
const loadAtStart = loadavg()[0] ?? 0;
const setupMs: Record<string, number> = {};
const figures: Record<string, unknown> = {};
const rows: BenchRow[] = [];

async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  setupMs[name] = Math.round(performance.now() - start);
  return result;
}

beforeAll(async () => {
  await timed('build', buildApp);
  const quietBlocks = await timed('backfill quiet day', () =>
    backfill(generateScenario(scenarioQuiet)),
  );
  const monthBlocks = await timed('backfill 50 services × 31 d', () =>
    backfill(monthOfFiftyServices()),
  );
  [quietProm, monthProm] = await Promise.all([
    startPrometheus(quietBlocks),
    startPrometheus(monthBlocks),
  ]);
  [quietApp, monthApp, browser] = await Promise.all([
    servePreview(quietProm.url),
    servePreview(monthProm.url),
    launchChromium(),
  ]);
  await mkdir(SCREENSHOT_DIR, { recursive: true });
});

afterAll(async () => {
  await report();
  await browser?.close();
  await Promise.all([quietApp?.stop(), monthApp?.stop()]);
  await Promise.all([quietProm?.stop(), monthProm?.stop()]);
});

function started() {
  if (!quietProm || !monthProm || !quietApp || !monthApp || !browser) {
    throw new Error('setup did not complete');
  }
  return { quietProm, monthProm, quietApp, monthApp, browser };
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
const median = (xs: readonly number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const ms = (x: number) => `${x.toFixed(0)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Until every panel has answered (real time); the page's own clock may be paused. */
async function panelsSettled(page: Page): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const states = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('section.panel')].map((p) => p.dataset.state),
    );
    if (states.length > 0 && states.every((s) => s === 'chart' || s === 'empty')) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the panels did not settle');
}

it('initial JavaScript, gzip', async () => {
  const size = await initialJsSize(E2E_OUT_DIR);
  figures.initialJs = size;
  const lazy = size.lazy.reduce((sum, one) => sum + one.gzipBytes, 0);
  rows.push({
    figure: 'initial JS (gzip), what index.html loads',
    ours: kb(size.initialGzipBytes),
    note: `${size.initial.map((a) => a.file).join(', ')}; lazy chunks ${kb(lazy)} more in ${String(size.lazy.length)} files`,
  });
});

it('live mode for 30 simulated minutes: samples, requests, Prometheus’s work', async () => {
  const { browser, quietApp, quietProm } = started();
  const idleStart = await readCounters(quietProm.url);
  await new Promise((r) => setTimeout(r, 5_000));
  const idleCpuPerSecond =
    counterDelta(idleStart, await readCounters(quietProm.url)).cpuSeconds / 5;

  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.clock.install({ time: LIVE.atMs });
  const page = await context.newPage();
  const traffic = watchTraffic(page);
  await page.goto(`${quietApp.url}/${LIVE.search}`);
  await panelsSettled(page);
  await context.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
  await traffic.settle();
  const initialLoad = traffic.take();

  const cycles = Math.round((LIVE.minutes * 60_000) / LIVE.refreshMs);
  const before = await readCounters(quietProm.url);
  const realStart = performance.now();
  const refreshes: TrafficSpan[] = [];
  for (let cycle = 0; cycle < cycles; cycle++) {
    await context.clock.runFor(LIVE.refreshMs);
    await traffic.settle();
    refreshes.push(traffic.take());
  }
  const realSeconds = (performance.now() - realStart) / 1000;
  const work = counterDelta(before, await readCounters(quietProm.url));
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'bench-live-end.png'), fullPage: true });
  await context.close();

  // Only now, so these queries are not counted as the page's.
  const refetch = fullRefetchCounter(quietProm.url, initialLoad.rangeRequests);
  const whole = await mapLimited(refreshes, 1, async (span) =>
    (await mapLimited(span.rangeRequests, 4, (r) => refetch.wholeRangeSamples(r))).reduce(
      (s, n) => s + n,
      0,
    ),
  );
  const ours = refreshes.map((span) => span.samples);
  const perHour = (3_600_000 / (cycles * LIVE.refreshMs)) * 1;
  const queryRange = work.requestsByHandler['/api/v1/query_range'] ?? 0;
  const instant = work.requestsByHandler['/api/v1/query'] ?? 0;
  const live = {
    scenario: scenarioQuiet.id,
    clockStart: new Date(LIVE.atMs).toISOString(),
    search: LIVE.search,
    refreshes: cycles,
    realSeconds,
    initialLoad: {
      requests: initialLoad.requests,
      peakInFlight: initialLoad.peakInFlight,
      samples: initialLoad.samples,
    },
    samplesPerRefresh: {
      ours: mean(ours),
      fullRefetch: mean(whole),
      ratio: mean(whole) / mean(ours),
    },
    requestsPerRefresh: {
      mean: mean(refreshes.map((s) => s.requests)),
      max: Math.max(...refreshes.map((s) => s.requests)),
    },
    peakInFlightPerRefresh: {
      mean: mean(refreshes.map((s) => s.peakInFlight)),
      max: Math.max(...refreshes.map((s) => s.peakInFlight)),
      answeredMax: Math.max(...refreshes.map((s) => s.peakAnsweredInFlight)),
    },
    prometheusPerPageHour: {
      cpuSeconds: work.cpuSeconds * perHour,
      cpuSecondsAboveIdle: (work.cpuSeconds - idleCpuPerSecond * realSeconds) * perHour,
      idleCpuPerRealSecond: idleCpuPerSecond,
      requests: Object.fromEntries(
        Object.entries(work.requestsByHandler).map(([h, n]) => [h, n * perHour]),
      ),
      queriesEvaluated: work.queriesEvaluated * perHour,
    },
  };
  figures.live = live;
  const s = live.samplesPerRefresh;
  rows.push(
    {
      figure: 'samples fetched per refresh (live 1 h, 10 s, 30 min)',
      ours: s.ours.toFixed(0),
      baseline: `${s.fullRefetch.toFixed(0)} full refetch`,
      ratio: `${s.ratio.toFixed(1)}× fewer`,
      note: `initial load ${String(initialLoad.samples)} samples`,
    },
    {
      figure: 'requests per refresh',
      ours: `${live.requestsPerRefresh.mean.toFixed(1)} (max ${String(live.requestsPerRefresh.max)})`,
      note: `initial load ${String(initialLoad.requests)}`,
    },
    {
      figure: 'peak in-flight per refresh',
      ours: `${live.peakInFlightPerRefresh.mean.toFixed(1)} (max ${String(live.peakInFlightPerRefresh.max)})`,
      note: `initial load ${String(initialLoad.peakInFlight)}; of answered requests at most ${String(live.peakInFlightPerRefresh.answeredMax)} (the rest were aborted: the page had left their range)`,
    },
    {
      figure: 'Prometheus CPU per page-hour of live mode',
      ours: `${live.prometheusPerPageHour.cpuSeconds.toFixed(2)} s`,
      note: `${live.prometheusPerPageHour.cpuSecondsAboveIdle.toFixed(2)} s above its idle ${(idleCpuPerSecond * 1000).toFixed(1)} ms/s; ${String(cycles)} refreshes took ${realSeconds.toFixed(0)} s of real time`,
    },
    {
      figure: 'Prometheus queries per page-hour of live mode',
      ours: `${(queryRange * perHour).toFixed(0)} query_range + ${(instant * perHour).toFixed(0)} query`,
      note: `${(work.queriesEvaluated * perHour).toFixed(0)} evaluated (engine count)`,
    },
  );
});

/** One cold load (a fresh context, so nothing cached) and when it drew. */
async function coldLoad(
  kind: PageKind,
  url: string,
): Promise<DrawnTimes & { readonly traffic: TrafficSpan }> {
  const { browser } = started();
  const context: BrowserContext = await browser.newContext({ viewport: VIEWPORT });
  await recordDrawing(context, kind);
  const page = await context.newPage();
  const traffic = watchTraffic(page);
  await page.goto(url);
  const times = await drawnTimes(page);
  await traffic.settle();
  await context.close();
  return { ...times, traffic: traffic.take() };
}

it('time to a complete dashboard against the classic graph page, same queries and range', async () => {
  const { quietApp, quietProm } = started();
  const { startMs, endMs } = COMPARE.range;
  const ourUrl = `${quietApp.url}/?from=${String(startMs)}&to=${String(endMs)}`;
  // A first load, not counted, finds the panel queries and warms Prometheus's page cache.
  const warm = await coldLoad('dashboard', ourUrl);
  const queries: RangeRequest[] = panelQueries(warm.traffic.rangeRequests, COMPARE.range);
  const classicQueries = classicGraphQueries(queries);
  const classicUrl = classicGraphUrl(quietProm.url, classicQueries.shown);
  await coldLoad('classic', classicUrl);
  const ours: number[] = [];
  const classic: number[] = [];
  for (let i = 0; i < COMPARE.repeats; i++) {
    const order: PageKind[] = i % 2 === 0 ? ['dashboard', 'classic'] : ['classic', 'dashboard'];
    for (const kind of order) {
      const load = await coldLoad(kind, kind === 'dashboard' ? ourUrl : classicUrl);
      (kind === 'dashboard' ? ours : classic).push(load.completeMs);
    }
  }
  const compare = {
    range: { start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString() },
    panelQueries: queries.map((q) => ({ expr: q.expr, stepSeconds: q.stepSeconds })),
    leftOutOfClassic: classicQueries.left.map((q) => q.expr),
    classicUrl,
    oursCompleteMs: ours,
    classicCompleteMs: classic,
    medians: {
      ours: median(ours),
      classic: median(classic),
      ratio: median(ours) / median(classic),
    },
    requestsPerLoad: { ours: warm.traffic.requests },
  };
  figures.completeDashboard = compare;
  rows.push({
    figure: 'time to complete dashboard (6 h, every panel drawn)',
    ours: ms(compare.medians.ours),
    baseline: `${ms(compare.medians.classic)} classic /classic/graph`,
    ratio: `${compare.medians.ratio.toFixed(2)}×`,
    note: `median of ${String(COMPARE.repeats)} cold loads, alternating; classic draws ${String(classicQueries.shown.length)} of the ${String(queries.length)} panel queries (it takes 10 graphs at most; ${String(classicQueries.left.length)} left out, those with no data first) and nothing else; ours also loads ${String(warm.traffic.requests - queries.length)} analysis, change and variable requests`,
  });
});

it('time to first chart over 1 h … 30 d of 50 services', async () => {
  const { monthApp } = started();
  const results = [];
  for (const [label, spanMs] of RANGES) {
    const url = `${monthApp.url}/?from=${String(MONTH_END_MS - spanMs)}&to=${String(MONTH_END_MS)}`;
    const loads = [];
    for (let i = 0; i < RANGE_REPEATS; i++) loads.push(await coldLoad('dashboard', url));
    const result = {
      range: label,
      firstChartMs: median(loads.map((l) => l.firstChartMs)),
      completeMs: median(loads.map((l) => l.completeMs)),
      samplesPerLoad: median(loads.map((l) => l.traffic.samples)),
      requestsPerLoad: median(loads.map((l) => l.traffic.requests)),
    };
    results.push(result);
    rows.push({
      figure: `time to first chart, ${label}, ${String(SERVICE_COUNT)} series per panel`,
      ours: ms(result.firstChartMs),
      note: `complete ${ms(result.completeMs)}; ${String(result.samplesPerLoad)} samples in ${String(result.requestsPerLoad)} requests; median of ${String(RANGE_REPEATS)}`,
    });
  }
  figures.firstChartByRange = results;
});

async function report(): Promise<void> {
  const machine = {
    date: new Date().toISOString(),
    nproc: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    chromium: browser?.version() ?? 'unknown',
    node: process.version,
    load: [loadAtStart, loadavg()[0] ?? 0],
  };
  rows.push({
    figure: 'render: ours vs naive recharts',
    ours: null,
    note: 'measured by the render benchmark, not here',
  });
  const totalSeconds = (performance.now() - startedAt) / 1000;
  const summary = { machine, setupMs, totalSeconds, figures, table: rows };
  console.info(
    [
      `Aftershock bench, ${machine.date.slice(0, 10)}: ${String(machine.nproc)} × ${machine.cpu}, Chromium ${machine.chromium}, Node ${machine.node}, load ${machine.load.map((l) => l.toFixed(1)).join(' → ')}`,
      benchTable(rows),
      `setup: ${Object.entries(setupMs)
        .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
        .join(', ')}; total ${totalSeconds.toFixed(0)} s`,
    ].join('\n'),
  );
  await mkdir(RESULTS_DIR, { recursive: true });
  await writeFile(join(RESULTS_DIR, 'dashboard.json'), `${JSON.stringify(summary, null, 2)}\n`);
}
