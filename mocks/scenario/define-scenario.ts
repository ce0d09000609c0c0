/**
 * Checks a scenario spec for the mistakes a hand-written timeline invites (a change to a service
 * that does not exist, a scale change whose `from` is not the current replica count, a fault
 * that never returns to normal) and derives its flat timeline of changes. Runs when a scenario
 * module is loaded, so a broken definition fails every test at once with a clear message.
 */

import type { ScenarioChange, ScenarioDefinition, ScenarioSpec } from './definition';
import { neutralValue, profilePoints } from './fault-levels';
import { toMs } from './time';

/** Jobs that exist in every scenario besides the services' own. */
export const INFRASTRUCTURE_JOBS: readonly string[] = [
  'apiserver',
  'coredns',
  'kube-state-metrics',
];

function check(condition: boolean, spec: ScenarioSpec, message: string): asserts condition {
  if (!condition) throw new Error(`scenario ${spec.id}: ${message}`);
}

function checkServices(spec: ScenarioSpec): void {
  const names = new Set<string>();
  for (const service of spec.services) {
    check(!names.has(service.name), spec, `service ${service.name} is defined twice`);
    names.add(service.name);
    check(
      Number.isInteger(service.instances) && service.instances >= 1,
      spec,
      `${service.name}: instances must be ≥ 1`,
    );
    check(
      service.workload !== 'Deployment' || Number.isInteger(service.replicas),
      spec,
      `${service.name}: a Deployment needs replicas`,
    );
    const buckets = service.http?.buckets ?? [];
    check(
      buckets.every((b, i) => b > 0 && (i === 0 || b > (buckets[i - 1] ?? 0))),
      spec,
      `${service.name}: buckets must be positive and ascending`,
    );
  }
  for (const service of spec.services) {
    const exporter = service.queue?.exportedBy;
    check(
      exporter === undefined || names.has(exporter),
      spec,
      `${service.name}: unknown queue exporter ${String(exporter)}`,
    );
  }
}

function checkTimes(spec: ScenarioSpec): void {
  const start = toMs(spec.window.start);
  const end = toMs(spec.window.end);
  check(start < end, spec, 'window ends before it starts');
  const inWindow = (time: string, what: string): void => {
    const ms = toMs(time);
    check(ms >= start && ms <= end, spec, `${what} ${time} is outside the window`);
  };
  if (spec.impactStart !== null) inWindow(spec.impactStart, 'impactStart');
  if (spec.liveNow !== undefined) inWindow(spec.liveNow, 'liveNow');
  for (const change of spec.changes) inWindow(change.time, `change "${change.title}"`);
  for (const absence of spec.absences) {
    check(
      toMs(absence.start) < toMs(absence.end),
      spec,
      `absence "${absence.reason}" ends before it starts`,
    );
  }
  for (const alert of spec.alerts) {
    for (const w of alert.firing)
      check(toMs(w.start) < toMs(w.end), spec, `${alert.alertname} ends before it starts`);
  }
  for (const incident of spec.statuspage) {
    if (incident.startedAt !== undefined) toMs(incident.startedAt);
    const times = incident.updates.map((u) => toMs(u.at));
    check(
      times.every((t, i) => i === 0 || t >= (times[i - 1] ?? t)),
      spec,
      `updates of "${incident.name}" out of order`,
    );
  }
  for (const incident of spec.reviewIncidents) {
    toMs(incident.start);
    if (incident.end !== undefined) toMs(incident.end);
    for (const phase of incident.phases ?? []) toMs(phase.time);
  }
}

function checkFaults(spec: ScenarioSpec): void {
  const names = new Set(spec.services.map((s) => s.name));
  for (const fault of spec.faults) {
    if ('services' in fault) {
      for (const name of fault.services)
        check(names.has(name), spec, `fault "${fault.note}": unknown service ${name}`);
    }
    const neutral = neutralValue(fault.signal);
    const points = profilePoints(fault.profile, neutral);
    check(
      points.every(([t], i) => i === 0 || t >= (points[i - 1]?.[0] ?? t)),
      spec,
      `fault "${fault.note}": profile times must not go back`,
    );
    check(
      points[0]?.[1] === neutral && points[points.length - 1]?.[1] === neutral,
      spec,
      `fault "${fault.note}": profile must start and end at the neutral value ${String(neutral)}`,
    );
  }
  const jobs = new Set([...names, ...INFRASTRUCTURE_JOBS]);
  for (const absence of spec.absences) {
    check(jobs.has(absence.job), spec, `absence: unknown job ${absence.job}`);
    check(
      absence.metrics?.includes('up') !== true,
      spec,
      `absence "${absence.reason}": up is recorded at every scrape; a failed scrape is targetDown`,
    );
  }
}

/** The flat timeline of changes in time order, checking each against the state before it. */
function deriveTimeline(spec: ScenarioSpec): ScenarioChange[] {
  const services = new Map(spec.services.map((s) => [s.name, s]));
  const version = new Map(spec.services.map((s) => [s.name, s.version]));
  const replicas = new Map(spec.services.map((s) => [s.name, s.replicas]));
  return spec.changes.map((change, index) => {
    const service = services.get(change.service);
    check(
      service !== undefined,
      spec,
      `change "${change.title}": unknown service ${change.service}`,
    );
    const common = {
      id: `${spec.id}-${String(index + 1)}`,
      time: change.time,
      kind: change.kind,
      namespace: service.namespace,
      service: service.name,
      title: change.title,
      ...(change.author === undefined ? {} : { author: change.author }),
    };
    switch (change.kind) {
      case 'deploy': {
        const from = version.get(service.name) ?? '';
        version.set(service.name, change.version);
        return { ...common, version: change.version, from, to: change.version };
      }
      case 'config':
        check(
          service.configmaps?.includes(change.configmap) === true,
          spec,
          `change "${change.title}": ${service.name} has no configmap ${change.configmap}`,
        );
        return { ...common, from: change.from, to: change.to };
      case 'scale':
        check(
          service.workload === 'Deployment',
          spec,
          `change "${change.title}": only Deployments scale`,
        );
        check(
          replicas.get(service.name) === change.from,
          spec,
          `change "${change.title}": ${service.name} has ${String(replicas.get(service.name))} replicas, not ${String(change.from)}`,
        );
        replicas.set(service.name, change.to);
        return { ...common, from: String(change.from), to: String(change.to) };
    }
  });
}

export function defineScenario(spec: ScenarioSpec): ScenarioDefinition {
  checkServices(spec);
  checkTimes(spec);
  checkFaults(spec);
  // Kept in time order so that everything downstream can walk the changes as they happened.
  const ordered = {
    ...spec,
    changes: [...spec.changes].sort((a, b) => toMs(a.time) - toMs(b.time)),
  };
  return { ...ordered, timeline: deriveTimeline(ordered) };
}
