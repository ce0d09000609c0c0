/**
 * The synthetic-metrics engine: a scenario definition in, the raw samples a Prometheus scraping
 * that world would have stored out. Deterministic: the same definition and options always give
 * identical output, and a shift moves timestamps (and time-valued samples such as ReplicaSet
 * creation times) without changing anything else.
 */

import { addAlertMetrics } from './alert-metrics';
import { addApiserverMetrics } from './apiserver-metrics';
import { createContext } from './context';
import type { ScenarioDefinition } from './definition';
import { addDnsMetrics } from './dns-metrics';
import { createFaultLevels } from './fault-levels';
import { dailyCycle, makeGrid } from './grid';
import { addHttpMetrics } from './http-metrics';
import { addKubeStateMetrics } from './kube-state-metrics';
import { addQueueMetrics } from './queue-metrics';
import type { GeneratedScenario } from './series';
import { createSeriesSink } from './series-sink';
import { addTargetMetrics } from './target-metrics';

export interface GenerateOptions {
  /** Added to every timestamp, ms (see `shiftToNow`); default 0, the real dates. */
  readonly shiftMs?: number;
  /** Default: the definition's (15 s). */
  readonly scrapeIntervalSeconds?: number;
}

export function generateScenario(
  def: ScenarioDefinition,
  options: GenerateOptions = {},
): GeneratedScenario {
  const grid = makeGrid(
    def.window,
    options.scrapeIntervalSeconds ?? def.scrapeIntervalSeconds,
    options.shiftMs ?? 0,
  );
  const sink = createSeriesSink(grid, { cluster: def.cluster.name });
  const daily = dailyCycle(grid, def.traffic.peakUtcHour, def.traffic.dailyAmplitude);
  const ctx = createContext(def, grid, sink, createFaultLevels(def.faults, grid), daily);
  addTargetMetrics(ctx);
  addHttpMetrics(ctx);
  addQueueMetrics(ctx);
  addApiserverMetrics(ctx);
  addDnsMetrics(ctx);
  addKubeStateMetrics(ctx);
  addAlertMetrics(ctx);
  const { families, series } = sink.finish(def.absences);
  return {
    id: def.id,
    startMs: grid.timestamps[0] ?? grid.realStartMs + grid.shiftMs,
    endMs: grid.timestamps[grid.steps - 1] ?? grid.realStartMs + grid.shiftMs,
    scrapeIntervalSeconds: grid.stepSeconds,
    families,
    series,
  };
}
