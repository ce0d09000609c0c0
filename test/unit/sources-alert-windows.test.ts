import { describe, expect, it } from 'vitest';
import type { TimeSeries } from '../../src/domain/series';
import { alertWindows } from '../../src/sources/alert-windows';

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
