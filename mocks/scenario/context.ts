/** What every metric generator of the engine reads: the definition, the grid and the faults. */

import type { ScenarioDefinition, ServiceDefinition } from './definition';
import type { FaultLevels } from './fault-levels';
import type { Grid } from './grid';
import { type Random, randomFor } from './random';
import type { SeriesSink } from './series-sink';

export interface EngineContext {
  readonly def: ScenarioDefinition;
  readonly grid: Grid;
  readonly sink: SeriesSink;
  readonly faults: FaultLevels;
  /** Relative traffic of the daily cycle at each step (mean 1). */
  readonly daily: Float64Array;
  /** A noise stream of its own for each series (or group of series) identity. */
  random(identity: string): Random;
  /** The `instance` labels of a service's scrape targets. */
  instancesOf(service: ServiceDefinition): readonly string[];
}

export function createContext(
  def: ScenarioDefinition,
  grid: Grid,
  sink: SeriesSink,
  faults: FaultLevels,
  daily: Float64Array,
): EngineContext {
  const indexOf = new Map(def.services.map((service, index) => [service.name, index]));
  return {
    def,
    grid,
    sink,
    faults,
    daily,
    random: (identity) => randomFor(def.seed, identity),
    instancesOf(service) {
      // Pod IPs as Kubernetes service discovery would give them; one /24 per service.
      const subnet = 10 + (indexOf.get(service.name) ?? 0);
      return Array.from(
        { length: service.instances },
        (_, i) => `10.8.${String(subnet)}.${String(21 + i)}:8080`,
      );
    },
  };
}

/** Sample values of one series, filled step by step. */
export function column(grid: Grid): Float64Array {
  return new Float64Array(grid.steps);
}
