/**
 * Incident windows from firing alerts: a range query of `ALERTS{alertstate="firing"}` has a
 * sample at every step while an alert fires, and none while it does not.
 */

import type { IncidentWindow } from '../domain/incidents';
import { seriesKey, type TimeSeries } from '../domain/series';
import { isolated } from '../domain/shown-text';
import type { AbsoluteRange } from '../domain/time-range';
import { httpUrlOrNull } from './http-url';

type Labels = Readonly<Record<string, string>>;

/** An alert's identity: its labels, less those that change while it is the same alert. */
function alertLabels(labels: Labels): Labels {
  return Object.fromEntries(
    Object.entries(labels).filter(([name]) => name !== 'alertstate' && name !== '__name__'),
  );
}

/** `HTTPErrorRateHigh · labs/dalle-api`; a namespace named like its service is said once. */
function alertTitle(labels: Labels, alertname: string): string {
  const { namespace, service } = labels;
  const scope = [...new Set([namespace, service].filter((v): v is string => !!v))]
    .map(isolated)
    .join('/');
  return scope === '' ? alertname : `${isolated(alertname)} · ${scope}`;
}

/**
 * The sample times of each alert, merged over the series that name it alike (a query over two
 * rule evaluators, or one that also keeps `alertstate`).
 */
function firingTimes(
  series: readonly TimeSeries[],
): Map<string, { labels: Labels; times: number[] }> {
  const alerts = new Map<string, { labels: Labels; times: number[] }>();
  for (const one of series) {
    // A query that also matched pending alerts: those have not fired yet.
    if (one.labels.alertstate !== undefined && one.labels.alertstate !== 'firing') continue;
    if (!one.labels.alertname) continue;
    const labels = alertLabels(one.labels);
    const key = seriesKey(labels);
    const entry = alerts.get(key) ?? { labels, times: [] };
    alerts.set(key, entry);
    one.times.forEach((timeMs, i) => {
      const value = one.values[i];
      if (Number.isFinite(timeMs) && value !== undefined && !Number.isNaN(value)) {
        entry.times.push(timeMs);
      }
    });
  }
  for (const entry of alerts.values()) {
    entry.times = [...new Set(entry.times)].sort((a, b) => a - b);
  }
  return alerts;
}

/** The step of the samples, for a caller that did not know it: the smallest gap between two. */
function smallestGap(alerts: Iterable<{ times: readonly number[] }>): number {
  let gap = Infinity;
  for (const { times } of alerts) {
    for (let i = 1; i < times.length; i++) {
      gap = Math.min(gap, (times[i] ?? 0) - (times[i - 1] ?? 0));
    }
  }
  return Number.isFinite(gap) ? gap : 0;
}

/**
 * One window per run of an alert's samples, from the first sample of the run to its last. A
 * silence of one step (a single missing sample) does not split a window: at this resolution it
 * may be a rule evaluation that came late or an alert that flapped for seconds, not a new
 * incident. A run that reaches the last step of `range` is still open (`endMs: null`) and is
 * drawn to now.
 */
export function alertWindows(
  series: readonly TimeSeries[],
  stepMs: number,
  range: AbsoluteRange,
): IncidentWindow[] {
  const windows: IncidentWindow[] = [];
  const alerts = firingTimes(series);
  const step = stepMs > 0 && Number.isFinite(stepMs) ? stepMs : smallestGap(alerts.values());
  // Samples two steps apart bridge one missing sample; the half step absorbs rounding.
  const maxGapMs = 2.5 * step;
  for (const [key, { labels, times }] of alerts) {
    const alertname = labels.alertname ?? '';
    const push = (startMs: number, lastMs: number): void => {
      const open = lastMs + step > range.endMs;
      windows.push({
        id: `alerts:${key}:${String(startMs)}`,
        source: 'alerts',
        title: alertTitle(labels, alertname),
        startMs,
        endMs: open ? null : lastMs,
        phases: [],
        impact: labels.severity ?? null,
        url: null,
        service: labels.service ?? null,
      });
    };
    let start: number | null = null;
    let last = 0;
    for (const timeMs of times) {
      if (start !== null && timeMs - last > maxGapMs) {
        push(start, last);
        start = null;
      }
      start ??= timeMs;
      last = timeMs;
    }
    if (start !== null) push(start, last);
  }
  return windows.sort((a, b) => a.startMs - b.startMs || a.id.localeCompare(b.id));
}

/** An alert the server's rules hold now, as `/api/v1/alerts` lists it. */
export interface RuleAlert {
  readonly labels: Labels;
  readonly annotations: Labels;
  readonly state: 'firing' | 'pending';
  /** When it became pending; null when the server did not say. */
  readonly activeAtMs: number | null;
}

/** The first of the annotations alerting rules put their words in, by common convention. */
const DETAIL_ANNOTATIONS = ['summary', 'description', 'message'] as const;

/** Longer annotations are cut: a description can be pages long, and the lane is one line. */
const MAX_DETAIL_CHARS = 300;

function detailOf(annotations: Labels): string | undefined {
  for (const name of DETAIL_ANNOTATIONS) {
    const text = annotations[name]?.trim();
    if (text) return text.length > MAX_DETAIL_CHARS ? `${text.slice(0, MAX_DETAIL_CHARS)}…` : text;
  }
  return undefined;
}

/**
 * Open alert windows with what ALERTS does not carry: the summary of the rule's firing alert
 * with the same labels and its runbook link (http(s) only). An alert firing now belongs to the
 * open window only if it has been active since the window began (`activeAt` is when it went
 * pending, before it fired); one that fired again since is another episode, and a window that
 * ended is left as it is. `stepMs` absorbs the window's start being read at the step.
 */
export function annotateAlertWindows(
  windows: readonly IncidentWindow[],
  alerts: readonly RuleAlert[],
  stepMs: number,
): IncidentWindow[] {
  const firing = new Map<string, RuleAlert>();
  for (const alert of alerts) {
    if (alert.state === 'firing')
      firing.set(`alerts:${seriesKey(alertLabels(alert.labels))}:`, alert);
  }
  return windows.map((window) => {
    if (window.source !== 'alerts' || window.endMs !== null) return window;
    const prefix = window.id.slice(0, window.id.lastIndexOf(':') + 1);
    const alert = firing.get(prefix);
    if (alert === undefined) return window;
    if (alert.activeAtMs !== null && alert.activeAtMs > window.startMs + stepMs) return window;
    const detail = detailOf(alert.annotations);
    const url = httpUrlOrNull(alert.annotations.runbook_url) ?? window.url;
    return { ...window, ...(detail === undefined ? {} : { detail }), url };
  });
}
