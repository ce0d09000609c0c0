/**
 * `/api/v1/alerts` as Prometheus answers it at `nowMs` for a scenario's alerting rules: the
 * alerts pending (within the rule's `for` before a firing window) or firing then, with their
 * labels, the rule's annotations and `activeAt`, when each went pending.
 */

import type { ScenarioDefinition } from './definition';
import { toMs, toRfc3339 } from './time';

export interface RuleAlertJson {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly state: 'pending' | 'firing';
  readonly activeAt: string;
  readonly value: string;
}

export function ruleAlerts(
  definition: ScenarioDefinition,
  shiftMs: number,
  nowMs: number,
): RuleAlertJson[] {
  return definition.alerts.flatMap((alert) =>
    alert.firing.flatMap((window) => {
      const firingMs = toMs(window.start) + shiftMs;
      const pendingMs = firingMs - alert.forSeconds * 1000;
      if (nowMs < pendingMs || nowMs >= toMs(window.end) + shiftMs) return [];
      // The rule's expression keeps the `cluster` every series of the scenario has, as ALERTS does.
      const labels = {
        alertname: alert.alertname,
        cluster: definition.cluster.name,
        ...(alert.namespace === undefined ? {} : { namespace: alert.namespace }),
        ...(alert.service === undefined ? {} : { service: alert.service }),
        severity: alert.severity,
      };
      return [
        {
          labels,
          annotations: alert.annotations ?? {},
          state: nowMs < firingMs ? 'pending' : 'firing',
          activeAt: toRfc3339(pendingMs),
          value: '1e+00',
        },
      ];
    }),
  );
}
