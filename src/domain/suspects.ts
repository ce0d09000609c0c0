/**
 * Suspects: the changes made in a look-back window before the earliest onset, ranked by how
 * likely each is to have caused it. The score is a sum of points, each with its reason, so a
 * reader can see why one change ranks above another (the README states the rule):
 *
 * - lead time: 30 points for a change made at the onset, halving every 6 hours before it;
 * - scope, the best of: 40 when the change's service is the `service` of a series that moved;
 *   30 when its name is such a service's followed by `-` (a ConfigMap `dalle-worker-config`);
 *   25 when its namespace is the `namespace` of a series that moved; 40 when it is fleet-wide
 *   infrastructure (a DaemonSet, or in `kube-system`, `monitoring`, … ) and a cluster-wide
 *   signal (one without service or namespace labels, such as the API server or DNS) or at
 *   least three services moved;
 * - 10 more when that scope is the signal that moved first;
 * - kind: 10 for a deploy or a config change, 6 for a scale change.
 *
 * Changes after the onset are never suspects of it.
 */

import type { ChangeEvent, ChangeKind } from './changes';
import { formatDuration } from './format-time';
import type { SignalImpact } from './signal-impact';

export interface ScorePart {
  readonly points: number;
  /** Why, in words: `same service as 5xx chatgpt`. */
  readonly reason: string;
}

export interface Suspect {
  readonly change: ChangeEvent;
  /** From the change to the earliest onset. */
  readonly leadMs: number;
  /** The sum of `parts`, rounded to one decimal. */
  readonly score: number;
  readonly parts: readonly ScorePart[];
}

export const DEFAULT_LOOKBACK_MS = 24 * 3_600_000;

export const LEAD_POINTS = 30;
export const LEAD_HALF_LIFE_MS = 6 * 3_600_000;
export const SERVICE_POINTS = 40;
export const SERVICE_PREFIX_POINTS = 30;
export const NAMESPACE_POINTS = 25;
export const FLEET_POINTS = 40;
export const FIRST_MOVER_POINTS = 10;
export const KIND_POINTS: Readonly<Record<ChangeKind, number>> = {
  deploy: 10,
  config: 10,
  scale: 6,
};
/** This many services moving at once is an outage of the platform, not of one of them. */
export const MANY_SERVICES = 3;

/** Namespaces of the platform every service runs on. */
const INFRASTRUCTURE_NAMESPACES = new Set([
  'kube-system',
  'monitoring',
  'observability',
  'logging',
]);

/** Whether a change touches the whole fleet: a DaemonSet, or the platform's own namespaces. */
export function isFleetWide(change: ChangeEvent): boolean {
  const namespace = change.namespace ?? '';
  return (
    change.workload === 'DaemonSet' ||
    INFRASTRUCTURE_NAMESPACES.has(namespace) ||
    namespace.startsWith('kube-') ||
    namespace.endsWith('-system')
  );
}

interface Scope {
  readonly points: number;
  readonly reason: string;
  readonly first: boolean;
}

interface MovedScope {
  readonly signalId: string;
  readonly signalTitle: string;
  readonly name: string;
  readonly service: string | null;
  readonly namespace: string | null;
}

function label(labels: Readonly<Record<string, string>>, name: string): string | null {
  const value = labels[name];
  return value === undefined || value === '' ? null : value;
}

function movedScopes(signals: readonly SignalImpact[]): MovedScope[] {
  return signals.flatMap((signal) =>
    signal.moved.map((m) => ({
      signalId: signal.id,
      signalTitle: signal.title,
      name: m.name,
      service: label(m.labels, 'service'),
      namespace: label(m.labels, 'namespace'),
    })),
  );
}

/** Signals whose moved series name no service or namespace: the cluster's own (API server, DNS). */
function clusterWide(signal: SignalImpact): boolean {
  return signal.moved.some(
    (m) => label(m.labels, 'service') === null && label(m.labels, 'namespace') === null,
  );
}

function bestScope(
  change: ChangeEvent,
  moved: readonly MovedScope[],
  signals: readonly SignalImpact[],
  firstId: string | null,
): Scope | null {
  const candidates: Scope[] = [];
  for (const m of moved) {
    const first = m.signalId === firstId;
    if (m.service !== null && change.service === m.service) {
      candidates.push({ points: SERVICE_POINTS, reason: `same service as ${m.name}`, first });
    } else if (m.service !== null && change.service.startsWith(`${m.service}-`)) {
      const reason = `named after the service of ${m.name}`;
      candidates.push({ points: SERVICE_PREFIX_POINTS, reason, first });
    }
    if (m.namespace !== null && change.namespace === m.namespace) {
      const reason = `same namespace as ${m.name}`;
      candidates.push({ points: NAMESPACE_POINTS, reason, first });
    }
  }
  if (isFleetWide(change)) {
    const services = (list: readonly MovedScope[]) =>
      new Set(list.map((m) => m.service).filter((s) => s !== null)).size;
    const firstSignal = signals.find((s) => s.id === firstId);
    const firstServices = services(moved.filter((m) => m.signalId === firstId));
    const firstWide =
      firstSignal !== undefined && (clusterWide(firstSignal) || firstServices >= MANY_SERVICES);
    const wideSignal = firstWide ? firstSignal : signals.find(clusterWide);
    const allServices = services(moved);
    if (wideSignal !== undefined || allServices >= MANY_SERVICES) {
      const why =
        wideSignal !== undefined && clusterWide(wideSignal)
          ? `${wideSignal.title} moved`
          : `${String(firstWide ? firstServices : allServices)} services moved`;
      candidates.push({
        points: FLEET_POINTS,
        reason: `fleet-wide change and ${why}`,
        first: firstWide,
      });
    }
  }
  return candidates.reduce<Scope | null>((best, c) => {
    const total = c.points + (c.first ? FIRST_MOVER_POINTS : 0);
    const bestTotal = best === null ? -1 : best.points + (best.first ? FIRST_MOVER_POINTS : 0);
    return total > bestTotal ? c : best;
  }, null);
}

/** Points for lead time: full at the onset, half every LEAD_HALF_LIFE_MS before it. */
export function leadPoints(leadMs: number): number {
  return LEAD_POINTS * 0.5 ** (Math.max(0, leadMs) / LEAD_HALF_LIFE_MS);
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export interface SuspectRequest {
  readonly changes: readonly ChangeEvent[];
  /** Every signal, moved or not; the earliest onset is the one suspects lead. */
  readonly signals: readonly SignalImpact[];
  readonly lookbackMs: number;
}

/** The suspects of the earliest onset, best first; none when nothing moved. */
export function rankSuspects({ changes, signals, lookbackMs }: SuspectRequest): Suspect[] {
  const movedSignals = signals.filter((s) => s.onsetMs !== null);
  const onsetMs = Math.min(...movedSignals.map((s) => s.onsetMs ?? Infinity));
  if (!Number.isFinite(onsetMs)) return [];
  const first = movedSignals.find((s) => s.onsetMs === onsetMs)?.id ?? null;
  const moved = movedScopes(movedSignals);
  const suspects = changes
    .filter((c) => c.timeMs <= onsetMs && c.timeMs >= onsetMs - lookbackMs)
    .map((change): Suspect => {
      const leadMs = onsetMs - change.timeMs;
      const parts: ScorePart[] = [
        {
          points: round1(leadPoints(leadMs)),
          reason: `made ${formatDuration(leadMs)} before the onset`,
        },
      ];
      const scope = bestScope(change, moved, movedSignals, first);
      if (scope !== null) {
        parts.push({ points: scope.points, reason: scope.reason });
        if (scope.first) {
          parts.push({ points: FIRST_MOVER_POINTS, reason: 'where the first signal moved' });
        }
      }
      parts.push({ points: KIND_POINTS[change.kind], reason: `${change.kind} change` });
      const score = round1(parts.reduce((sum, p) => sum + p.points, 0));
      return { change, leadMs, score, parts };
    });
  return suspects.sort(
    (a, b) => b.score - a.score || a.leadMs - b.leadMs || a.change.id.localeCompare(b.change.id),
  );
}
