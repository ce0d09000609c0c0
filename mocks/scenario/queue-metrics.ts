/**
 * Queue gauges: jobs waiting and the age of the oldest. A quiet queue breathes with traffic; a
 * backlog is a fault that adds jobs and age. The gauges belong to the scrape target that exports
 * them (a separate health monitor in scenario C), so that target's blind spots hide them.
 */

import { column, type EngineContext } from './context';
import { wander } from './random';

export function addQueueMetrics(ctx: EngineContext): void {
  const { grid, sink, faults, def } = ctx;
  const queues = def.services.filter((service) => service.queue !== undefined);
  if (queues.length === 0) return;
  sink.family('queue_depth', 'gauge', 'Jobs waiting in the queue.');
  sink.family('queue_oldest_job_age_seconds', 'gauge', 'Age of the oldest waiting job.');
  for (const service of queues) {
    const queue = service.queue;
    if (queue === undefined) continue;
    const exporter =
      def.services.find((s) => s.name === (queue.exportedBy ?? service.name)) ?? service;
    const random = ctx.random(`queue|${service.name}|${queue.name}`);
    const swing = wander(random, grid.steps, grid.stepSeconds, 0.25, 600);
    const extraJobs = faults.level('queue_depth', { service: service.name });
    const extraAge = faults.level('queue_age', { service: service.name });
    const depth = column(grid);
    const age = column(grid);
    for (let k = 0; k < grid.steps; k++) {
      const busy = Math.max(0.05, (ctx.daily[k] ?? 1) * (1 + (swing[k] ?? 0)));
      const noise = 1 + 0.03 * random.gauss();
      depth[k] = Math.max(0, Math.round(queue.depth * busy + (extraJobs[k] ?? 0) * noise));
      // A fuller queue makes its oldest job older; 0.1 s is the resolution a monitor reports.
      const ageSeconds =
        queue.oldestAgeSeconds * busy * (1 + 0.1 * random.gauss()) + (extraAge[k] ?? 0) * noise;
      age[k] = Math.max(0, Math.round(ageSeconds * 10) / 10);
    }
    const labels = {
      namespace: service.namespace,
      service: service.name,
      queue: queue.name,
      job: exporter.name,
      instance: ctx.instancesOf(exporter)[0] ?? '',
    };
    sink.add('queue_depth', { __name__: 'queue_depth', ...labels }, depth);
    sink.add(
      'queue_oldest_job_age_seconds',
      { __name__: 'queue_oldest_job_age_seconds', ...labels },
      age,
    );
  }
}
