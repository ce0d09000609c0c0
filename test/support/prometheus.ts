import { cp, mkdir, mkdtemp, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { GeneratedScenario } from '../../mocks/scenario/series';
import { writeOpenMetricsFile } from './openmetrics-file';
import { scenarioContentHash } from './scenario-hash';
import { startDaemon, type RunningService } from './service-process';
import { requireTool, runTool } from './tools';

/**
 * Real Prometheus for the tests: a scenario backfilled with promtool into TSDB blocks (cached by
 * content, so repeated runs skip the slow part), served by Debian's `prometheus` on a free port
 * of 127.0.0.1 over a fresh copy of the blocks, and stopped by PID — also when the test process
 * dies without running its `afterAll` (see `startDaemon`).
 */

const root = resolve(import.meta.dirname, '../..');
const BLOCKS_CACHE = join(root, '.cache/blocks');

/**
 * promtool cuts blocks of at most this span (2h × 3ⁿ, here ≈ 6 months). Each block costs one more
 * pass over the whole file: a 2.5-day, 3.6 M-sample scenario takes ≈ 92 s in 2h blocks (31
 * passes) and ≈ 10 s in one block. Prometheus serves blocks of any span.
 */
const MAX_BLOCK_DURATION = '4374h';

/** Nothing to scrape: the data is backfilled. Rules, when given, are evaluated every second. */
function configYaml(rulesFile?: string): string {
  if (rulesFile === undefined) return 'global:\n  scrape_interval: 15s\nscrape_configs: []\n';
  return [
    'global:',
    '  scrape_interval: 15s',
    '  evaluation_interval: 1s',
    'scrape_configs: []',
    'rule_files:',
    `  - ${JSON.stringify(rulesFile)}`,
    '',
  ].join('\n');
}

interface BackfillReport {
  readonly blocksDir: string;
  /** True when the blocks came from `.cache/blocks` and nothing was written. */
  readonly cached: boolean;
  readonly samples: number;
  readonly writerMs: number;
  readonly promtoolMs: number;
}

function countSamples(scenario: GeneratedScenario): number {
  return scenario.series.reduce((sum, series) => sum + series.timestamps.length, 0);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Unused this long, cached blocks are removed; a half-built directory after a crash, sooner. */
const CACHE_TTL_MS = 14 * 86_400_000;
const PARTIAL_TTL_MS = 3_600_000;

/** Keeps `.cache/blocks` from growing with every change to a scenario. */
async function pruneCache(): Promise<void> {
  const now = Date.now();
  for (const name of await readdir(BLOCKS_CACHE)) {
    const path = join(BLOCKS_CACHE, name);
    // Another test process may be pruning or renaming the same entries right now.
    const info = await stat(path).catch(() => undefined);
    if (info === undefined) continue;
    if (now - info.mtimeMs > (name.includes('.partial-') ? PARTIAL_TTL_MS : CACHE_TTL_MS)) {
      await rm(path, { recursive: true, force: true });
    }
  }
}

/** Backfills the scenario into TSDB blocks and says how long each part took. */
async function backfillWithReport(scenario: GeneratedScenario): Promise<BackfillReport> {
  const promtool = await requireTool('promtool');
  const hash = await scenarioContentHash(scenario, {
    toolVersion: await runTool(promtool, ['--version']),
    maxBlockDuration: MAX_BLOCK_DURATION,
  });
  const blocksDir = join(BLOCKS_CACHE, hash);
  const samples = countSamples(scenario);
  if (await exists(blocksDir)) {
    const now = new Date();
    await utimes(blocksDir, now, now);
    return { blocksDir, cached: true, samples, writerMs: 0, promtoolMs: 0 };
  }

  await mkdir(BLOCKS_CACHE, { recursive: true });
  const work = await mkdtemp(join(tmpdir(), 'aftershock-backfill-'));
  // Built next to its final place and renamed there, so a half-written directory is never
  // mistaken for a cached one, and two test files backfilling at once do not collide.
  const partial = await mkdtemp(join(BLOCKS_CACHE, `${hash}.partial-`));
  try {
    const file = join(work, 'scenario.om');
    const writeStart = performance.now();
    await writeOpenMetricsFile(scenario, file);
    const writerMs = performance.now() - writeStart;

    const promtoolStart = performance.now();
    await runTool(promtool, [
      'tsdb',
      'create-blocks-from',
      'openmetrics',
      `--max-block-duration=${MAX_BLOCK_DURATION}`,
      '--quiet',
      file,
      partial,
    ]);
    const promtoolMs = performance.now() - promtoolStart;
    // promtool leaves its scratch head chunks beside the blocks; keep only the blocks.
    await rm(join(partial, 'chunks_head'), { recursive: true, force: true });
    try {
      await rename(partial, blocksDir);
    } catch (error) {
      // Another run finished the same scenario first: its blocks are as good as ours.
      if (!(await exists(blocksDir))) throw error;
    }
    await pruneCache();
    return { blocksDir, cached: false, samples, writerMs, promtoolMs };
  } finally {
    await rm(work, { recursive: true, force: true });
    await rm(partial, { recursive: true, force: true });
  }
}

/** TSDB blocks holding exactly the scenario's samples, in a directory to pass to `startPrometheus`. */
export async function backfill(scenario: GeneratedScenario): Promise<string> {
  return (await backfillWithReport(scenario)).blocksDir;
}

export interface StartOptions {
  /** A port to listen on, e.g. the one of a Prometheus just stopped; default: a free one. */
  readonly port?: number;
  /**
   * A rules file (YAML) for Prometheus to evaluate every second from its start, so alerting
   * rules fire at the wall clock's now and `/api/v1/alerts` lists them.
   */
  readonly rules?: string;
}

/**
 * Prometheus serving a fresh copy of the blocks on 127.0.0.1, ready to answer queries.
 * The copy matters: Prometheus writes `wal/` and may compact where it runs.
 */
export async function startPrometheus(
  blocksDir: string,
  options: StartOptions = {},
): Promise<RunningService> {
  const prometheus = await requireTool('prometheus');
  const dataDir = await mkdtemp(join(tmpdir(), 'aftershock-prometheus-'));
  const storage = join(dataDir, 'data');
  const config = join(dataDir, 'prometheus.yml');
  try {
    await cp(blocksDir, storage, { recursive: true });
    let rulesFile: string | undefined;
    if (options.rules !== undefined) {
      rulesFile = join(dataDir, 'rules.yml');
      await writeFile(rulesFile, options.rules);
    }
    await writeFile(config, configYaml(rulesFile));
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return startDaemon({
    command: prometheus,
    args: (port) => [
      `--config.file=${config}`,
      `--storage.tsdb.path=${storage}`,
      '--storage.tsdb.retention.time=100y',
      `--web.listen-address=127.0.0.1:${String(port)}`,
      '--log.level=warn',
    ],
    readyPath: '/-/ready',
    dataDir,
    ...(options.port === undefined ? {} : { port: options.port }),
  });
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Prometheus serving the scenario, backfilled or taken from the cache, with one line on the
 * console saying the scenario's size and what each part took.
 */
export async function startPrometheusWith(scenario: GeneratedScenario): Promise<RunningService> {
  const report = await backfillWithReport(scenario);
  const startedAt = performance.now();
  const prometheus = await startPrometheus(report.blocksDir);
  console.info(
    `scenario ${scenario.id}: ${String(scenario.series.length)} series, ${String(report.samples)} samples; ` +
      (report.cached
        ? 'blocks from cache'
        : `writer ${seconds(report.writerMs)}, promtool ${seconds(report.promtoolMs)}`) +
      `; Prometheus ready in ${seconds(performance.now() - startedAt)}`,
  );
  return prometheus;
}
