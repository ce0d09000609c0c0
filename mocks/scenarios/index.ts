/** The built-in scenarios: the three seed incidents and a quiet day. */

import type { ScenarioDefinition } from '../scenario/definition';
import { scenarioA } from './a-latent-bug';
import { scenarioB } from './b-telemetry-rollout';
import { scenarioC } from './c-queue-backlog';
import { scenarioQuiet } from './quiet-day';

export type ScenarioId = 'a' | 'b' | 'c' | 'quiet';

export const scenarios: Readonly<Record<ScenarioId, ScenarioDefinition>> = {
  a: scenarioA,
  b: scenarioB,
  c: scenarioC,
  quiet: scenarioQuiet,
};

export function isScenarioId(x: string): x is ScenarioId {
  return Object.hasOwn(scenarios, x);
}
