/**
 * Per scrape target: `up` for every job, and `app_build_info{version}` for every service, whose
 * version label moves target by target through a rollout (the first target at the change time).
 */

import { APISERVER_TARGET } from './apiserver-metrics';
import { column, type EngineContext } from './context';
import { COREDNS_TARGET } from './dns-metrics';
import { type Grid, stepAtOrAfter } from './grid';
import { KSM_TARGET } from './kube-state-metrics';
import { toMs } from './time';

const DEFAULT_ROLLOUT_SECONDS = 120;

function addUp(ctx: EngineContext, job: string, instance: string): void {
  ctx.sink.add('up', { __name__: 'up', job, instance }, column(ctx.grid).fill(1));
}

/** Which version each step of one target runs: index into `versions`. */
function versionSteps(
  grid: Grid,
  switches: readonly { at: number; version: number }[],
): Int32Array {
  const out = new Int32Array(grid.steps);
  for (const change of [...switches].sort((a, b) => a.at - b.at)) {
    out.fill(change.version, stepAtOrAfter(grid, change.at));
  }
  return out;
}

export function addTargetMetrics(ctx: EngineContext): void {
  const { grid, sink, def } = ctx;
  sink.family('up', 'gauge', 'Whether the last scrape of the target succeeded.');
  sink.family('app_build_info', 'gauge', 'The running build, as a version label; always 1.');
  for (const target of [APISERVER_TARGET, COREDNS_TARGET, KSM_TARGET]) {
    addUp(ctx, target.job, target.instance);
  }
  for (const service of def.services) {
    const instances = ctx.instancesOf(service);
    const deploys = def.changes.filter((c) => c.kind === 'deploy' && c.service === service.name);
    const versions = [
      service.version,
      ...deploys.map((c) => (c.kind === 'deploy' ? c.version : '')),
    ];
    instances.forEach((instance, i) => {
      addUp(ctx, service.name, instance);
      const switches = deploys.map((c, d) => {
        const rollout =
          (c.kind === 'deploy' ? c.rolloutSeconds : undefined) ?? DEFAULT_ROLLOUT_SECONDS;
        return { at: toMs(c.time) + (rollout * 1000 * i) / instances.length, version: d + 1 };
      });
      const running = versionSteps(grid, switches);
      // One series per distinct version label: a rollback to an older version resumes its series.
      for (const version of new Set(versions)) {
        const present = new Uint8Array(grid.steps);
        for (let k = 0; k < grid.steps; k++)
          present[k] = versions[running[k] ?? 0] === version ? 1 : 0;
        if (!present.includes(1)) continue;
        const labels = {
          __name__: 'app_build_info',
          namespace: service.namespace,
          service: service.name,
          version,
          job: service.name,
          instance,
        };
        sink.add('app_build_info', labels, column(grid).fill(1), present);
      }
    });
  }
}
