import { describe, expect, it } from 'vitest';
import { PrometheusError } from '../../src/prometheus/errors';
import { decidePanelView } from '../../src/ui/panel-view';

const series = { labels: { service: 'api' }, times: [1], values: [0.5] };
const good = { series: [series], warnings: [] };
const empty = { series: [], warnings: [] };
const down = new PrometheusError('unavailable', 'HTTP 503', 503);

describe('decidePanelView', () => {
  it('shows a skeleton until every query has answered once', () => {
    expect(
      decidePanelView(
        [
          { expr: 'a', data: good, error: null },
          { expr: 'b', data: undefined, error: null },
        ],
        null,
      ),
    ).toEqual({ kind: 'loading' });
  });

  it('shows the error with its kind and the PromQL when there is nothing to keep', () => {
    expect(decidePanelView([{ expr: 'up', data: undefined, error: down }], null)).toEqual({
      kind: 'error',
      error: { kind: 'unavailable', message: 'HTTP 503', expr: 'up' },
    });
  });

  it('keeps the last good data, marked stale since its time, when a refresh fails', () => {
    const view = decidePanelView([{ expr: 'up', data: undefined, error: down }], {
      outcomes: [good],
      atMs: 1000,
    });
    expect(view).toMatchObject({ kind: 'chart', outcomes: [good], stale: { sinceMs: 1000 } });
  });

  it('keeps the data marked stale while the refresh after a failed one is on its way', () => {
    const failed = { kind: 'unavailable', message: 'HTTP 503', expr: 'up' };
    // Loading a new range: the previous range's answer stands in, with no error of its own yet.
    const view = decidePanelView(
      [{ expr: 'up', data: good, error: null }],
      { outcomes: [good], atMs: 1000 },
      failed,
    );
    expect(view).toMatchObject({ kind: 'chart', stale: { sinceMs: 1000, error: failed } });
  });

  it('keeps saying what failed, rather than loading anew, while a first load is retried', () => {
    const failed = { kind: 'network', message: 'Cannot reach Prometheus', expr: 'up' };
    expect(decidePanelView([{ expr: 'up', data: undefined, error: null }], null, failed)).toEqual({
      kind: 'error',
      error: failed,
    });
  });

  it('keeps an empty answer marked stale, rather than hiding the panel, when a refresh fails', () => {
    const view = decidePanelView([{ expr: 'up', data: undefined, error: down }], {
      outcomes: [empty],
      atMs: 1000,
    });
    expect(view).toMatchObject({ kind: 'empty', stale: { sinceMs: 1000 } });
  });

  it('says "empty" only when every query answered with no series', () => {
    expect(decidePanelView([{ expr: 'up', data: empty, error: null }], null).kind).toBe('empty');
    expect(
      decidePanelView(
        [
          { expr: 'a', data: empty, error: null },
          { expr: 'b', data: good, error: null },
        ],
        null,
      ).kind,
    ).toBe('chart');
  });

  it('carries warnings once each', () => {
    const warned = { series: [series], warnings: ['partial response'] };
    const view = decidePanelView(
      [
        { expr: 'a', data: warned, error: null },
        { expr: 'b', data: warned, error: null },
      ],
      null,
    );
    expect(view).toMatchObject({ kind: 'chart', warnings: ['partial response'], stale: null });
  });

  it('carries infos apart from warnings, once each, for an empty result too', () => {
    const info = 'PromQL info: metric might not be a counter, name does not end in _total';
    const noted = { series: [], warnings: [], infos: [info] };
    const view = decidePanelView(
      [
        { expr: 'a', data: noted, error: null },
        { expr: 'b', data: noted, error: null },
      ],
      null,
    );
    expect(view).toMatchObject({ kind: 'empty', warnings: [], infos: [info] });
  });
});
