import { act, configure, fireEvent, screen, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultPanels } from '../../src/dashboard/default-dashboard';
import { App } from '../../src/ui/App';
import { server } from '../support/msw-server';
import { renderWithQueries } from '../support/render';

/** The wall screen (`?kiosk`) against a mocked Prometheus: no controls, a tile per signal. */

configure({ asyncUtilTimeout: 5000 });

const PROMETHEUS = 'http://prometheus.test';
const startMs = Date.UTC(2024, 0, 30, 0, 0);
const endMs = Date.UTC(2024, 0, 30, 1, 0);
const absolute = `from=${String(startMs)}&to=${String(endMs)}`;
const targetCount = defaultPanels.reduce((sum, panel) => sum + panel.targets.length, 0);
const SOURCE_QUERY = /kube_|ALERTS|app_build_info/;

/** Each panel's first query answers `values[panel]` over the range; a failing one answers 503. */
function servePrometheus(values: Readonly<Record<string, number>>, failing = new Set<string>()) {
  const sent: { query: string; startMs: number }[] = [];
  server.use(
    http.get(`${PROMETHEUS}/api/v1/query_range`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      const query = params.get('query') ?? '';
      const start = Number(params.get('start'));
      const end = Number(params.get('end'));
      sent.push({ query, startMs: start * 1000 });
      if (SOURCE_QUERY.test(query)) {
        return HttpResponse.json({ status: 'success', data: { resultType: 'matrix', result: [] } });
      }
      const panel =
        Object.keys(values).find((id) => query.includes(id)) ??
        (query.includes('http_requests_total') ? 'error_ratio' : 'other');
      if (failing.has(panel)) {
        return HttpResponse.json(
          { status: 'error', errorType: 'unavailable', error: 'overloaded' },
          { status: 503 },
        );
      }
      const value = String(values[panel] ?? 0.5);
      return HttpResponse.json({
        status: 'success',
        data: {
          resultType: 'matrix',
          result: [
            {
              metric: { service: 'api' },
              values: [
                [start, value],
                [end, value],
              ],
            },
          ],
        },
      });
    }),
    http.get(`${PROMETHEUS}/api/v1/label/:name/values`, () =>
      HttpResponse.json({ status: 'success', data: [] }),
    ),
  );
  return sent;
}

function tileStates(): Record<string, string> {
  return Object.fromEntries(
    [...document.querySelectorAll<HTMLElement>('.status-tile')].map((tile): [string, string] => [
      tile.dataset.signal ?? '',
      `${tile.dataset.state ?? ''} ${tile.querySelector('.tile-word')?.textContent ?? ''}`,
    ]),
  );
}

afterEach(() => {
  window.history.replaceState(null, '', '/');
});

describe('the wall screen', () => {
  it('shows a tile per signal in words, the charts, and no control at all', async () => {
    // Keys of the values are words each panel's PromQL holds.
    const sent = servePrometheus({ error_ratio: 0.2, coredns: 0.001, apiserver_request: 0.5 });
    window.history.replaceState(null, '', `/?kiosk&${absolute}`);
    renderWithQueries(<App endpoint={{ url: PROMETHEUS }} />);
    await waitFor(() => {
      expect(tileStates()).toEqual({
        error_ratio: 'critical CRITICAL',
        latency: 'no-threshold NO LEVELS SET',
        queue_depth: 'ok OK',
        apiserver: 'ok OK',
        dns: 'ok OK',
      });
    });
    await waitFor(() => {
      const states = [...document.querySelectorAll<HTMLElement>('section.panel')].map(
        (panel) => panel.dataset.state,
      );
      expect(states).toEqual(defaultPanels.map(() => 'chart'));
    });
    expect(document.querySelectorAll('button, select, input, textarea')).toHaveLength(0);
    expect(screen.queryByRole('region', { name: 'Changes and incidents' })).toBeNull();
    // Tiles read the answers the panels asked for: not one request more. (The analysis asks
    // over the range and an hour before it, for its baselines.)
    const overRange = sent.filter(
      (one) => !SOURCE_QUERY.test(one.query) && one.startMs > startMs - 5 * 60_000,
    );
    expect(overRange).toHaveLength(targetCount);
    expect(screen.getByLabelText('Time').textContent).toMatch(/^\d\d:\d\d UTC$/);
  });

  it('keeps a tile’s last value, marked stale, when its refresh fails', async () => {
    const failing = new Set<string>();
    servePrometheus({ coredns: 0.002 }, failing);
    window.history.replaceState(null, '', `/?kiosk&${absolute}`);
    renderWithQueries(<App endpoint={{ url: PROMETHEUS }} />);
    await waitFor(() => {
      expect(tileStates().dns).toBe('ok OK');
    });
    failing.add('coredns');
    act(() => {
      fireEvent.keyDown(window, { key: 'r' });
    });
    await waitFor(() => {
      expect(tileStates().dns).toBe('stale STALE');
    });
    const tile = document.querySelector('.status-tile[data-signal="dns"]');
    expect(tile?.querySelector('.tile-value')?.textContent).toBe('0.2%');
    expect(tile?.querySelector('.tile-age')?.textContent).toMatch(/^refresh failed: unavailable/);
  });

  it('is switched on and off with k, and Esc leaves it', async () => {
    servePrometheus({});
    window.history.replaceState(null, '', `/?${absolute}`);
    renderWithQueries(<App endpoint={{ url: PROMETHEUS }} />);
    await screen.findByRole('region', { name: 'Changes and incidents' });
    act(() => {
      fireEvent.keyDown(window, { key: 'k' });
    });
    expect(new URLSearchParams(window.location.search).has('kiosk')).toBe(true);
    await waitFor(() => {
      expect(document.querySelectorAll('.status-tile')).toHaveLength(defaultPanels.length);
    });
    act(() => {
      fireEvent.keyDown(window, { key: 'Escape' });
    });
    expect(new URLSearchParams(window.location.search).has('kiosk')).toBe(false);
    await screen.findByRole('region', { name: 'Changes and incidents' });
  });
});
