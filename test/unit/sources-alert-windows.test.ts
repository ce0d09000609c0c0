import { describe, expect, it } from 'vitest';
import type { TimeSeries } from '../../src/domain/series';
import {
  alertWindows,
  annotateAlertWindows,
  type RuleAlert,
} from '../../src/sources/alert-windows';

const T0 = Date.parse('2024-01-30T00:00:00Z');
const STEP = 30_000;
const range = { startMs: T0, endMs: T0 + 40 * STEP };
const firing = {
  __name__: 'ALERTS',
  alertname: 'HTTPErrorRateHigh',
  alertstate: 'firing',
  namespace: 'chatgpt',
  service: 'chatgpt',
  severity: 'critical',
};

/** An ALERTS series with a sample (value 1) at each of the given steps. */
function alert(steps: readonly number[], labels: Record<string, string> = firing): TimeSeries {
  return { labels, times: steps.map((k) => T0 + k * STEP), values: steps.map(() => 1) };
}

const span = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

const shape = (windows: ReturnType<typeof alertWindows>) =>
  windows.map((w) => [(w.startMs - T0) / STEP, w.endMs === null ? null : (w.endMs - T0) / STEP]);

describe('incident windows from firing alerts', () => {
  it('makes one window per run of samples, titled by alert and service', () => {
    const windows = alertWindows([alert(span(4, 10))], STEP, range);
    expect(shape(windows)).toEqual([[4, 10]]);
    expect(windows[0]).toMatchObject({
      source: 'alerts',
      title: 'HTTPErrorRateHigh · chatgpt',
      impact: 'critical',
      service: 'chatgpt',
      phases: [],
      url: null,
    });
  });

  it('bridges one missing sample but not two', () => {
    const oneMissing = alertWindows([alert([...span(2, 5), ...span(7, 9)])], STEP, range);
    expect(shape(oneMissing)).toEqual([[2, 9]]);
    const twoMissing = alertWindows([alert([...span(2, 5), ...span(8, 9)])], STEP, range);
    expect(shape(twoMissing)).toEqual([
      [2, 5],
      [8, 9],
    ]);
  });

  it('leaves a window open when it reaches the last step of the range', () => {
    const unaligned = { startMs: T0, endMs: T0 + 40 * STEP + 12_000 };
    expect(shape(alertWindows([alert(span(30, 40))], STEP, unaligned))).toEqual([[30, null]]);
    expect(shape(alertWindows([alert(span(30, 39))], STEP, unaligned))).toEqual([[30, 39]]);
  });

  it('keeps alerts apart by their labels and ignores pending ones', () => {
    const windows = alertWindows(
      [
        alert(span(1, 3)),
        alert(span(5, 6), { ...firing, service: 'api', namespace: 'api' }),
        alert(span(0, 9), { ...firing, alertstate: 'pending' }),
        alert(span(0, 9), { alertname: 'Watchdog', alertstate: 'firing' }),
        alert(span(0, 9), { alertstate: 'firing' }),
      ],
      STEP,
      range,
    );
    expect(windows.map((w) => [w.title, ...(shape([w])[0] ?? [])])).toEqual([
      ['Watchdog', 0, 9],
      ['HTTPErrorRateHigh · chatgpt', 1, 3],
      ['HTTPErrorRateHigh · api', 5, 6],
    ]);
  });

  it('merges the series of one alert from two Prometheus replicas', () => {
    const windows = alertWindows([alert(span(1, 4)), alert(span(3, 8))], STEP, range);
    expect(shape(windows)).toEqual([[1, 8]]);
  });

  it('says namespace and service when they differ, and skips NaN samples', () => {
    const labels = { ...firing, namespace: 'labs', service: 'dalle-api' };
    const nan = {
      labels,
      times: span(0, 4).map((k) => T0 + k * STEP),
      values: [NaN, 1, 1, NaN, NaN],
    };
    const windows = alertWindows([nan], STEP, range);
    expect(windows.map((w) => w.title)).toEqual(['HTTPErrorRateHigh · labs/dalle-api']);
    expect(shape(windows)).toEqual([[1, 2]]);
  });

  it('gives ids that stay the same on refresh and differ between windows', () => {
    const series = [alert([...span(1, 2), ...span(9, 10)])];
    const first = alertWindows(series, STEP, range).map((w) => w.id);
    expect(new Set(first).size).toBe(2);
    expect(alertWindows(series, STEP, range).map((w) => w.id)).toEqual(first);
  });

  it('finds the step from the samples when the caller has none', () => {
    expect(shape(alertWindows([alert([...span(2, 5), ...span(7, 9)])], NaN, range))).toEqual([
      [2, 9],
    ]);
  });
});

describe("open alert windows with their rule's annotations", () => {
  const ruleLabels = Object.fromEntries(
    Object.entries(firing).filter(([name]) => name !== '__name__' && name !== 'alertstate'),
  );
  const rule = (overrides: Partial<RuleAlert> = {}): RuleAlert => ({
    labels: ruleLabels,
    annotations: {
      summary: 'More than 5% of chatgpt requests fail',
      description: 'Long text',
      runbook_url: 'https://runbooks.example/HTTPErrorRateHigh',
    },
    state: 'firing',
    activeAtMs: T0 + 27 * STEP,
    ...overrides,
  });
  const open = alertWindows([alert([...span(2, 5), ...span(30, 40)])], STEP, range);

  it('gives the window still open the summary and runbook of the alert firing now', () => {
    const [ended, current] = annotateAlertWindows(open, [rule()], STEP);
    expect(current).toMatchObject({
      endMs: null,
      detail: 'More than 5% of chatgpt requests fail',
      url: 'https://runbooks.example/HTTPErrorRateHigh',
    });
    expect(ended).toBe(open[0]);
    expect(ended?.detail).toBeUndefined();
  });

  it('falls back to the description, then the message, and cuts a long one', () => {
    const described = annotateAlertWindows(
      open,
      [rule({ annotations: { description: ' Why ' } })],
      STEP,
    );
    expect(described[1]?.detail).toBe('Why');
    const long = 'x'.repeat(10_000);
    const [, cut] = annotateAlertWindows(open, [rule({ annotations: { message: long } })], STEP);
    expect(cut?.detail).toHaveLength(301);
    expect(cut?.detail?.endsWith('…')).toBe(true);
  });

  it('leaves the window alone for an alert that went pending after it began: another episode', () => {
    const later = annotateAlertWindows(open, [rule({ activeAtMs: T0 + 32 * STEP })], STEP);
    expect(later).toEqual(open);
  });

  it('matches on every label, and only firing alerts', () => {
    const otherService = rule({ labels: { ...ruleLabels, service: 'sora' } });
    const pending = rule({ state: 'pending' });
    expect(annotateAlertWindows(open, [otherService, pending], STEP)).toEqual(open);
  });

  it('keeps only an http(s) runbook as the link', () => {
    for (const runbook of ['javascript:alert(1)', 'data:text/html,<script>', '/runbooks/x']) {
      const [, current] = annotateAlertWindows(
        open,
        [rule({ annotations: { summary: 'S', runbook_url: runbook } })],
        STEP,
      );
      expect(current?.url).toBeNull();
      expect(current?.detail).toBe('S');
    }
  });
});
