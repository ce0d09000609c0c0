/**
 * `ALERTS` as Prometheus's rule evaluation writes it: a `pending` series for the rule's `for`
 * before each firing window, then a `firing` series while the alert fires. Both are absent the
 * rest of the time. Windows of the same alert share one series, with a gap between them.
 */

import { column, type EngineContext } from './context';
import { stepAtOrAfter } from './grid';
import type { Labels } from './series';
import { toMs } from './time';

export function addAlertMetrics(ctx: EngineContext): void {
  const { grid, sink, def } = ctx;
  if (def.alerts.length === 0) return;
  sink.family('ALERTS', 'gauge', 'Alerts that are pending or firing.');
  const series = new Map<string, { labels: Labels; present: Uint8Array }>();
  const mark = (labels: Labels, fromMs: number, toMsExclusive: number): void => {
    const key = JSON.stringify(labels);
    let entry = series.get(key);
    if (entry === undefined) {
      entry = { labels, present: new Uint8Array(grid.steps) };
      series.set(key, entry);
    }
    entry.present.fill(1, stepAtOrAfter(grid, fromMs), stepAtOrAfter(grid, toMsExclusive));
  };
  for (const alert of def.alerts) {
    const scope = {
      ...(alert.namespace === undefined ? {} : { namespace: alert.namespace }),
      ...(alert.service === undefined ? {} : { service: alert.service }),
    };
    const base = { __name__: 'ALERTS', alertname: alert.alertname };
    for (const window of alert.firing) {
      const start = toMs(window.start);
      if (alert.forSeconds > 0) {
        mark(
          { ...base, alertstate: 'pending', severity: alert.severity, ...scope },
          start - alert.forSeconds * 1000,
          start,
        );
      }
      mark(
        { ...base, alertstate: 'firing', severity: alert.severity, ...scope },
        start,
        toMs(window.end),
      );
    }
  }
  for (const { labels, present } of series.values()) {
    if (present.includes(1)) sink.add('ALERTS', labels, column(grid).fill(1), present);
  }
}
