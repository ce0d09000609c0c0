/**
 * The report's JSON: the same document from `npm run report -- --format json` and from the
 * review's "Export JSON". Field names are a public contract (README, "The report"): times are
 * RFC 3339 in UTC, a time that is not known is null, suspects come best first.
 */

import type { IncidentAnalysis } from './incident-analysis';
import type { Milestone } from './durations';
import { formatRfc3339Utc } from './rfc3339';

export interface ReportError {
  /** The query or file that failed: a panel id, a source name such as `deploys`. */
  readonly source: string;
  readonly message: string;
}

export interface IncidentReport {
  readonly from: string;
  readonly to: string;
  readonly lookbackSeconds: number;
  readonly stepSeconds: number;
  readonly onset: string | null;
  readonly recovery: string | null;
  readonly signals: readonly {
    readonly id: string;
    readonly title: string;
    readonly onset: string | null;
    readonly recovery: string | null;
    /** 1 for the signal that moved first; null for one that did not move. */
    readonly order: number | null;
    readonly series: readonly {
      readonly name: string;
      readonly labels: Readonly<Record<string, string>>;
      readonly onset: string;
      readonly recovery: string | null;
      readonly direction: 'up' | 'down';
      readonly baseline: number;
      readonly peak: number;
    }[];
  }[];
  readonly changes: readonly ReportChange[];
  readonly incidents: readonly {
    readonly id: string;
    readonly source: string;
    readonly title: string;
    readonly start: string;
    readonly end: string | null;
    readonly phases: readonly { readonly status: string; readonly time: string }[];
  }[];
  readonly suspects: readonly (ReportChange & {
    readonly leadSeconds: number;
    readonly score: number;
    readonly reasons: readonly { readonly points: number; readonly reason: string }[];
  })[];
  readonly blindSpots: readonly {
    readonly signal: string;
    readonly series: readonly string[];
    readonly reason: string;
    readonly start: string;
    readonly end: string | null;
  }[];
  readonly durations: {
    readonly detectAlertSeconds: number | null;
    readonly detectStatusSeconds: number | null;
    readonly mitigateSeconds: number | null;
    readonly recoverSeconds: number | null;
    readonly firstAlert: ReportMilestone | null;
    readonly firstStatusUpdate: ReportMilestone | null;
    readonly firstMitigation: ReportMilestone | null;
  } | null;
  /** Queries and files that failed; the rest of the report stands without them. */
  readonly errors: readonly ReportError[];
}

export interface ReportChange {
  readonly id: string;
  readonly time: string;
  readonly kind: string;
  /** The Deployment (or events-file service, DaemonSet, ConfigMap) the change touched. */
  readonly service: string;
  readonly namespace: string | null;
  readonly title: string;
  readonly source: string;
}

export interface ReportMilestone {
  readonly time: string;
  readonly title: string;
}

const time = formatRfc3339Utc;
const maybeTime = (ms: number | null) => (ms === null ? null : time(ms));
const seconds = (ms: number) => Math.round(ms / 1000);

function since(onsetMs: number, milestone: Milestone | null): number | null {
  return milestone === null ? null : seconds(milestone.atMs - onsetMs);
}

function milestone(m: Milestone | null): ReportMilestone | null {
  return m === null ? null : { time: time(m.atMs), title: m.title };
}

export function incidentReport(
  analysis: IncidentAnalysis,
  errors: readonly ReportError[] = [],
): IncidentReport {
  const order = new Map(analysis.order.map((s, i) => [s.id, i + 1]));
  const change = (c: IncidentAnalysis['changes'][number]): ReportChange => ({
    id: c.id,
    time: time(c.timeMs),
    kind: c.kind,
    service: c.service,
    namespace: c.namespace,
    title: c.title,
    source: c.source,
  });
  const d = analysis.durations;
  return {
    from: time(analysis.range.startMs),
    to: time(analysis.range.endMs),
    lookbackSeconds: seconds(analysis.lookbackMs),
    stepSeconds: seconds(analysis.stepMs),
    onset: maybeTime(analysis.onsetMs),
    recovery: maybeTime(analysis.recoveryMs),
    signals: analysis.signals.map((s) => ({
      id: s.id,
      title: s.title,
      onset: maybeTime(s.onsetMs),
      recovery: maybeTime(s.recoveryMs),
      order: order.get(s.id) ?? null,
      series: s.moved.map((m) => ({
        name: m.name,
        labels: m.labels,
        onset: time(m.onset.onsetMs),
        recovery: maybeTime(m.onset.recoveryMs),
        direction: m.onset.direction,
        baseline: m.onset.baseline,
        peak: m.onset.peak,
      })),
    })),
    changes: analysis.changes.map(change),
    incidents: analysis.incidents.map((i) => ({
      id: i.id,
      source: i.source,
      title: i.title,
      start: time(i.startMs),
      end: maybeTime(i.endMs),
      phases: i.phases.map((p) => ({ status: p.status, time: time(p.atMs) })),
    })),
    suspects: analysis.suspects.map((s) => ({
      ...change(s.change),
      leadSeconds: seconds(s.leadMs),
      score: s.score,
      reasons: s.parts,
    })),
    blindSpots: analysis.blindSpots.map((b) => ({
      signal: b.signal,
      series: b.series,
      reason: b.reason,
      start: time(b.startMs),
      end: maybeTime(b.endMs),
    })),
    durations:
      d === null
        ? null
        : {
            detectAlertSeconds: since(d.onsetMs, d.firstAlert),
            detectStatusSeconds: since(d.onsetMs, d.firstStatusUpdate),
            mitigateSeconds: since(d.onsetMs, d.firstMitigation),
            recoverSeconds: d.recoveryMs === null ? null : seconds(d.recoveryMs - d.onsetMs),
            firstAlert: milestone(d.firstAlert),
            firstStatusUpdate: milestone(d.firstStatusUpdate),
            firstMitigation: milestone(d.firstMitigation),
          },
    errors,
  };
}
