import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeAlerts, queryRange, type ActiveAlert } from '../../src/prometheus/client';
import { alertWindows, annotateAlertWindows } from '../../src/sources/alert-windows';
import { smallScenario } from '../support/hand-made-scenarios';
import { backfill, startPrometheus } from '../support/prometheus';
import type { RunningService } from '../support/service-process';

/**
 * Alert annotations from a real Prometheus 2.42 evaluating alerting rules at the wall clock:
 * `/api/v1/alerts` read by the client (labels, annotations, state, activeAt), and the open
 * window that `ALERTS` gives the same alert annotated with them.
 */

const RULES = `groups:
  - name: aftershock-test
    rules:
      - alert: CheckoutErrorsHigh
        expr: vector(1)
        labels:
          severity: critical
          namespace: shop
          service: checkout
        annotations:
          summary: "More than 5% of checkout requests fail"
          description: "Long description"
          runbook_url: "https://runbooks.example.com/CheckoutErrorsHigh"
      - alert: CheckoutLatencyHigh
        expr: vector(1)
        for: 1h
        labels:
          severity: warning
          service: checkout
        annotations:
          summary: "p99 latency above 2 s"
`;

let prometheus: RunningService | undefined;
let startedAtMs = 0;

beforeAll(async () => {
  startedAtMs = Date.now();
  prometheus = await startPrometheus(await backfill(smallScenario()), { rules: RULES });
});

afterAll(async () => {
  await prometheus?.stop();
});

function endpoint() {
  if (!prometheus) throw new Error('setup did not complete');
  return { url: prometheus.url };
}

/** Rules are evaluated every second once Prometheus is up; a few seconds on a busy machine. */
async function alertsOnceEvaluated(): Promise<ActiveAlert[]> {
  for (let i = 0; i < 100; i++) {
    const alerts = await activeAlerts(endpoint());
    if (alerts.length === 2) return alerts;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the rules never produced their alerts');
}

/** ALERTS over the last minutes, once an evaluation has written it. */
async function firingAlertsSeries() {
  for (let i = 0; i < 100; i++) {
    const endMs = Date.now();
    const range = { startMs: endMs - 5 * 60_000, endMs };
    const expr = 'ALERTS{alertstate="firing"}';
    const { series } = await queryRange(endpoint(), { expr, ...range, stepSeconds: 1 });
    if (series.length > 0) return { series, range };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('no evaluation wrote ALERTS');
}

describe('alerting rules on a real Prometheus', () => {
  it('lists each alert with its labels, annotations, state and when it went pending', async () => {
    const alerts = await alertsOnceEvaluated();
    const byName = new Map(alerts.map((a) => [a.labels.alertname, a]));
    expect(byName.get('CheckoutErrorsHigh')).toMatchObject({
      labels: {
        alertname: 'CheckoutErrorsHigh',
        severity: 'critical',
        namespace: 'shop',
        service: 'checkout',
      },
      annotations: {
        summary: 'More than 5% of checkout requests fail',
        description: 'Long description',
        runbook_url: 'https://runbooks.example.com/CheckoutErrorsHigh',
      },
      state: 'firing',
    });
    expect(byName.get('CheckoutLatencyHigh')?.state).toBe('pending');
    for (const alert of alerts) {
      expect(alert.activeAtMs).toBeGreaterThanOrEqual(startedAtMs - 1000);
      expect(alert.activeAtMs).toBeLessThanOrEqual(Date.now());
    }
  });

  it('annotates the open window ALERTS gives the firing alert, and only that one', async () => {
    const alerts = await alertsOnceEvaluated();
    const { series, range } = await firingAlertsSeries();
    const windows = alertWindows(series, 1000, range);
    expect(windows.map((w) => [w.title, w.endMs])).toEqual([
      ['CheckoutErrorsHigh · shop/checkout', null],
    ]);
    const [annotated] = annotateAlertWindows(windows, alerts, 1000);
    expect(annotated).toMatchObject({
      detail: 'More than 5% of checkout requests fail',
      url: 'https://runbooks.example.com/CheckoutErrorsHigh',
    });
  });
});
