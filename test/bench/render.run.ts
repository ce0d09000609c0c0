import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { freePort, startService, type RunningService } from '../support/service-process';
import type { BenchShape } from './render-page/bench-data';
import type { ChartKind, RefreshReading, RenderReading } from './render-page/main';

/**
 * The render part of `npm run bench`: the app's charts against naive recharts (every sample a
 * point of a `<Line dot={false} isAnimationActive={false}>`) on the same data, in one Chromium
 * page, alternating so both see the same machine. Times run from data in memory to painted
 * lines. Then steady refresh: the range slid by a step at a time, long tasks counted. It
 * prints and writes `bench-results/render.json`; it asserts nothing about time.
 */

const root = resolve(import.meta.dirname, '../..');
const vite = resolve(root, 'node_modules/vite/bin/vite.js');
const config = resolve(import.meta.dirname, 'render-page/vite.config.ts');
const RESULTS = resolve(root, 'bench-results/render.json');
const ROUNDS = Number(process.env.RENDER_ROUNDS ?? 9);
const REFRESHES = Number(process.env.RENDER_REFRESHES ?? 40);

const dashboard: BenchShape = {
  panels: 4,
  seriesPerPanel: 10,
  chartWidth: 1600,
  rangeMs: 6 * 3_600_000,
  endMs: Date.parse('2024-06-03T14:00:00Z'),
  scrapeSeconds: 15,
  seed: 7,
};
const steady: BenchShape = { ...dashboard, panels: 6, seed: 11 };

let server: RunningService | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  await promisify(execFile)(process.execPath, [vite, 'build', '--config', config], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const port = await freePort();
  [server, browser] = await Promise.all([
    startService({
      command: process.execPath,
      args: [vite, 'preview', '--config', config, '--port', String(port), '--strictPort'],
      env: {},
      url: `http://127.0.0.1:${String(port)}`,
      readyPath: '/',
    }),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

function render(page: Page, kind: ChartKind, shape: BenchShape): Promise<RenderReading> {
  return page.evaluate(
    ([k, s]) =>
      (
        window as unknown as {
          renderBench: (kind: ChartKind, shape: BenchShape) => Promise<RenderReading>;
        }
      ).renderBench(k, s),
    [kind, shape] as const,
  );
}

function refresh(page: Page, kind: ChartKind, shape: BenchShape): Promise<RefreshReading> {
  return page.evaluate(
    ([k, s, n]) =>
      (
        window as unknown as {
          refreshBench: (kind: ChartKind, shape: BenchShape, n: number) => Promise<RefreshReading>;
        }
      ).refreshBench(k, s, n),
    [kind, shape, REFRESHES] as const,
  );
}

it('renders a dashboard in a fraction of naive recharts’ time, and refreshes without long tasks', async () => {
  if (!browser || !server) throw new Error('setup did not complete');
  const page = await browser.newPage({ viewport: { width: 1700, height: 1000 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(server.url);
  await page.waitForFunction(() => 'renderBench' in window);

  // One of each first, so neither pays for compiling the code.
  await render(page, 'ours', dashboard);
  await render(page, 'naive', dashboard);
  const times: Record<ChartKind, number[]> = { ours: [], naive: [] };
  let shape: RenderReading | undefined;
  for (let round = 0; round < ROUNDS; round++) {
    const order: ChartKind[] = round % 2 === 0 ? ['ours', 'naive'] : ['naive', 'ours'];
    for (const kind of order) {
      const reading = await render(page, kind, { ...dashboard, seed: dashboard.seed + round });
      times[kind].push(reading.ms);
      shape = reading;
    }
  }
  const steadyOurs = await refresh(page, 'ours', steady);
  const steadyNaive = await refresh(page, 'naive', steady);
  await page.close();
  if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);

  const ours = median(times.ours);
  const naive = median(times.naive);
  const longest = (r: RefreshReading) => Math.max(0, ...r.longTasks);
  const summary = {
    date: new Date().toISOString(),
    machine: `${String(cpus().length)} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}`,
    chromium: browser.version(),
    render: {
      shape: { ...dashboard, lines: shape?.lines, pointsPerLine: shape?.pointsPerLine },
      stepSeconds: shape?.stepSeconds,
      rounds: ROUNDS,
      oursMs: times.ours,
      naiveMs: times.naive,
      oursMedianMs: ours,
      naiveMedianMs: naive,
      ratio: ours / naive,
    },
    steadyRefresh: {
      shape: steady,
      refreshes: REFRESHES,
      ours: {
        meanMs: steadyOurs.meanMs,
        longestTaskMs: longest(steadyOurs),
        longTasks: steadyOurs.longTasks,
      },
      naive: {
        meanMs: steadyNaive.meanMs,
        longestTaskMs: longest(steadyNaive),
        longTasks: steadyNaive.longTasks,
      },
    },
  };
  await mkdir(resolve(RESULTS, '..'), { recursive: true });
  await writeFile(RESULTS, `${JSON.stringify(summary, null, 2)}\n`);
  const f = (ms: number) => `${ms.toFixed(1)} ms`;
  console.log(
    [
      `render: ${String(dashboard.panels)} panels × ${String(dashboard.seriesPerPanel)} series × ${String(shape?.pointsPerLine)} points at ${String(dashboard.chartWidth)} px (median of ${String(ROUNDS)})`,
      `  ours ${f(ours)} · naive recharts ${f(naive)} · ratio ${(ours / naive).toFixed(3)}`,
      `steady refresh: ${String(steady.panels)} panels × ${String(steady.seriesPerPanel)} series, ${String(REFRESHES)} refreshes`,
      `  ours: mean ${f(steadyOurs.meanMs)}, longest task ${f(longest(steadyOurs))}, ${String(steadyOurs.longTasks.length)} long tasks`,
      `  naive: mean ${f(steadyNaive.meanMs)}, longest task ${f(longest(steadyNaive))}, ${String(steadyNaive.longTasks.length)} long tasks`,
      `(${summary.machine}, Chromium ${summary.chromium})`,
    ].join('\n'),
  );
});
