import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { GeneratedScenario, RawSeries } from '../../mocks/scenario/series';
import { startDaemon, type RunningService } from './service-process';
import { requireTool } from './tools';

/**
 * Real VictoriaMetrics for the tests: Debian's `victoria-metrics` single node on a free port of
 * 127.0.0.1 with its data in a temporary directory, filled with a scenario's samples (the same
 * ones promtool backfills into Prometheus), stopped by PID.
 */

/**
 * - `-retentionPeriod`: the default of one month would drop the scenarios' samples (2023–2024)
 *   on import, silently.
 * - `-search.disableCache`: VictoriaMetrics caches range results and, by default, resets that
 *   cache only for samples inside `-search.cacheTimestampOffset` of now; backfilled history
 *   must be answered from the samples, as its docs advise while backfilling.
 * - `-search.latencyOffset` hides the last 30 s before now; every scenario lies years back, so
 *   the default stays.
 */
const FLAGS = ['-retentionPeriod=100y', '-search.disableCache', '-loggerLevel=WARN'];

/** Request bodies of about this size: a few requests for the largest scenario. */
const IMPORT_BODY_CHARS = 16 << 20;

export interface ImportReport {
  readonly samples: number;
  readonly importMs: number;
}

/** VictoriaMetrics with nothing in it yet, ready to answer on 127.0.0.1. */
export async function startVictoriaMetrics(): Promise<RunningService> {
  const binary = await requireTool('victoria-metrics');
  const dataDir = await mkdtemp(join(tmpdir(), 'aftershock-victoria-metrics-'));
  return startDaemon({
    command: binary,
    args: (port) => [
      `-storageDataPath=${join(dataDir, 'data')}`,
      `-httpListenAddr=127.0.0.1:${String(port)}`,
      ...FLAGS,
    ],
    readyPath: '/health',
    dataDir,
  });
}

async function post(url: string, body: string): Promise<void> {
  const response = await fetch(url, { method: 'POST', body });
  if (!response.ok) {
    throw new Error(
      `${url} answered ${String(response.status)}: ${(await response.text()).slice(0, 500)}`,
    );
  }
}

/**
 * One series as a line of VictoriaMetrics' JSON import format. Its numbers are JavaScript's
 * shortest round-trip decimals, which Go reads back to the same doubles; JSON has no NaN or
 * infinities, so a series holding one is refused rather than imported wrong.
 */
function jsonLine(series: RawSeries): string {
  const values = Array.from(series.values);
  if (!values.every(Number.isFinite)) {
    throw new Error(
      `Series ${JSON.stringify(series.labels)} has a NaN or infinite sample, which JSON cannot carry`,
    );
  }
  const metric = Object.fromEntries(Object.entries(series.labels).filter(([, v]) => v !== ''));
  return `${JSON.stringify({ metric, values, timestamps: Array.from(series.timestamps) })}\n`;
}

/**
 * Writes the scenario's samples into VictoriaMetrics through `/api/v1/import` (JSON lines,
 * one per series) and waits until queries see all of them (`/internal/force_flush`: imported
 * rows are otherwise searchable only after about a second). The same samples as Prometheus
 * text (`/api/v1/import/prometheus`) are 7 times the bytes and take VictoriaMetrics 5 times as
 * long to read: 11 s instead of 2 s for scenario C's 3 M samples.
 */
export async function importScenario(
  victoriaMetrics: RunningService,
  scenario: GeneratedScenario,
): Promise<ImportReport> {
  const startedAt = performance.now();
  const importUrl = `${victoriaMetrics.url}/api/v1/import`;
  let body = '';
  for (const series of scenario.series) {
    body += jsonLine(series);
    if (body.length >= IMPORT_BODY_CHARS) {
      await post(importUrl, body);
      body = '';
    }
  }
  if (body !== '') await post(importUrl, body);
  const flushed = await fetch(`${victoriaMetrics.url}/internal/force_flush`);
  if (!flushed.ok) throw new Error(`force_flush answered ${String(flushed.status)}`);
  return {
    samples: scenario.series.reduce((sum, series) => sum + series.timestamps.length, 0),
    importMs: performance.now() - startedAt,
  };
}

/** VictoriaMetrics holding the scenario, with one line on the console saying what it took. */
export async function startVictoriaMetricsWith(
  scenario: GeneratedScenario,
): Promise<RunningService> {
  const startedAt = performance.now();
  const victoriaMetrics = await startVictoriaMetrics();
  try {
    const report = await importScenario(victoriaMetrics, scenario);
    console.info(
      `scenario ${scenario.id} in VictoriaMetrics: ${String(report.samples)} samples imported in ` +
        `${(report.importMs / 1000).toFixed(1)} s; ready in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`,
    );
    return victoriaMetrics;
  } catch (error) {
    await victoriaMetrics.stop();
    throw error;
  }
}
