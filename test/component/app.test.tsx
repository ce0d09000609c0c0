import { act, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { HttpResponse, http, type JsonBodyType } from 'msw';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PRE_ROLL_MS } from '../../src/dashboard/analysis-plan';
import { defaultPanels } from '../../src/dashboard/default-dashboard';
import { App } from '../../src/ui/App';
import { server } from '../support/msw-server';
import { renderWithQueries } from '../support/render';

/**
 * The whole dashboard against a mocked Prometheus: what the URL says is what is shown, a bad
 * parameter or config is named on the page without taking the dashboard down, and every user
 * action (a variable, a panel alone, a key) is a URL change the panels follow.
 */

// A whole dashboard is a dozen charts for jsdom to draw: room for a slow machine, not a delay.
configure({ asyncUtilTimeout: 5000 });

const PROMETHEUS = 'http://prometheus.test';
const RANGE_URL = `${PROMETHEUS}/api/v1/query_range`;
const LABEL_VALUES_URL = `${PROMETHEUS}/api/v1/label/:name/values`;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

const exampleConfig = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../public/dashboards/example.json'), 'utf8'),
) as JsonBodyType;
const defaultTitles = defaultPanels.map((panel) => panel.title);
const targetCount = defaultPanels.reduce((sum, panel) => sum + panel.targets.length, 0);

const labelValues: Readonly<Record<string, readonly string[]>> = {
  cluster: ['prod-eu'],
  namespace: ['shop'],
  service: ['api', 'checkout.v2'],
};

interface SentRangeQuery {
  readonly query: string;
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * Prometheus for the app: every range query answers one series with a sample at each end of
 * the range, label values come from `labelValues`, and dashboard configs from `configs`.
 */
function servePrometheus(configs: Readonly<Record<string, JsonBodyType>> = {}) {
  const sent: SentRangeQuery[] = [];
  server.use(
    http.get(RANGE_URL, ({ request }) => {
      const params = new URL(request.url).searchParams;
      const query = params.get('query') ?? '';
      const start = Number(params.get('start'));
      const end = Number(params.get('end'));
      sent.push({ query, startMs: start * 1000, endMs: end * 1000 });
      return HttpResponse.json({
        status: 'success',
        data: {
          resultType: 'matrix',
          result: [
            {
              metric: { service: 'api' },
              values: [
                [start, '0.25'],
                [end, '0.5'],
              ],
            },
          ],
        },
      });
    }),
    http.get(LABEL_VALUES_URL, ({ params }) =>
      HttpResponse.json({ status: 'success', data: labelValues[String(params.name)] ?? [] }),
    ),
    ...Object.entries(configs).map(([path, body]) => http.get(path, () => HttpResponse.json(body))),
  );
  return sent;
}

/** The change and incident sources query Prometheus too; these tests count the panels' queries. */
const SOURCE_QUERY = /kube_|ALERTS|app_build_info/;
/**
 * The panels' own queries: not those of the change sources, nor the impact analysis's, which
 * start an hour or more before the view's range (the baselines and the look-back).
 */
function panelQueries(sent: readonly SentRangeQuery[]): SentRangeQuery[] {
  const shortest = Math.min(...sent.map((one) => one.endMs - one.startMs));
  return sent.filter(
    (one) => !SOURCE_QUERY.test(one.query) && one.endMs - one.startMs < shortest + PRE_ROLL_MS / 2,
  );
}

function openAt(search: string) {
  window.history.replaceState(null, '', `/${search}`);
}

function renderApp() {
  return renderWithQueries(<App endpoint={{ url: PROMETHEUS }} />);
}

function urlParams(): URLSearchParams {
  return new URLSearchParams(window.location.search);
}

function shownPanels(): string[] {
  return [...document.querySelectorAll<HTMLElement>('section.panel')].map(
    (section) => section.getAttribute('aria-label') ?? '',
  );
}

/** Waits until every panel shown has drawn its chart. */
async function panelsDrawn(titles: readonly string[]) {
  await waitFor(() => {
    expect(shownPanels()).toEqual(titles);
    for (const title of titles) {
      expect(screen.getByRole('region', { name: title }).dataset.state).toBe('chart');
    }
  });
}

function problems(): string[] {
  return screen.queryAllByRole('alert').map((alert) => alert.textContent);
}

afterEach(() => {
  window.history.replaceState(null, '', '/');
});

describe('App: a bad URL parameter', () => {
  it('names from=yesterday and its value, and shows the last 6 hours instead', async () => {
    const sent = servePrometheus();
    openAt('?from=yesterday');
    renderApp();
    await panelsDrawn(defaultTitles);
    expect(problems()).toEqual([
      'URL parameter from=yesterday: expected now-<n><s|m|h|d|w>, RFC 3339 or epoch ms; using now-6h',
    ]);
    expect(screen.getByTitle('Time range (URL: from, to)').textContent).toBe('Last 6 hours');
    // Step-aligned outward: six hours, and at most one step more.
    const span = (sent[0]?.endMs ?? 0) - (sent[0]?.startMs ?? 0);
    expect(span).toBeGreaterThanOrEqual(6 * HOUR_MS);
    expect(span).toBeLessThan(6 * HOUR_MS + 5 * MINUTE_MS);
  });

  it('names refresh=1s and its value, and refreshes at the 10s minimum instead', async () => {
    servePrometheus();
    openAt('?refresh=1s');
    renderApp();
    await panelsDrawn(defaultTitles);
    expect(problems()).toEqual(['URL parameter refresh=1s: below the minimum of 10s; using 10s']);
    const refresh = screen.getByRole('combobox', { name: 'Refresh' });
    expect((refresh as HTMLSelectElement).value).toBe('10');
  });

  it('names tz=Mars/Base and its value, and shows times in UTC instead', async () => {
    servePrometheus();
    openAt('?tz=Mars/Base');
    renderApp();
    await panelsDrawn(defaultTitles);
    expect(problems()).toEqual([
      'URL parameter tz=Mars/Base: not a time zone: expected UTC, browser or an IANA name such as Europe/Berlin; using UTC',
    ]);
    const zone = screen.getByRole('combobox', { name: 'Zone' });
    expect((zone as HTMLSelectElement).value).toBe('UTC');
  });

  it('names every bad parameter at once', async () => {
    servePrometheus();
    openAt('?from=yesterday&refresh=1s&tz=Mars/Base');
    renderApp();
    await panelsDrawn(defaultTitles);
    expect(problems().map((text) => text.split(':')[0])).toEqual([
      'URL parameter from=yesterday',
      'URL parameter refresh=1s',
      'URL parameter tz=Mars/Base',
    ]);
  });
});

describe('App: the dashboard config', () => {
  // The app loads the schema (and zod) only when a config is named; load it once up front so
  // no test waits for the first transform.
  beforeAll(async () => {
    await import('../../src/dashboard/config-schema');
  });

  it('names the wrong field of a bad config and why, and still shows the standard dashboard', async () => {
    const bad = structuredClone(exampleConfig) as { panels: { unit: string }[] };
    if (bad.panels[0]) bad.panels[0].unit = 'percent';
    const sent = servePrometheus({ '/dashboards/bad.json': bad });
    openAt('?dashboard=/dashboards/bad.json');
    renderApp();
    expect(
      await screen.findByText(
        'Dashboard config /dashboards/bad.json is not valid: panels[0].unit: expected one of percentunit, seconds, reqps, count, got "percent"; showing the standard dashboard.',
      ),
    ).toBeTruthy();
    await panelsDrawn(defaultTitles);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      'Aftershock Standard dashboard',
    );
    expect(sent.length).toBeGreaterThanOrEqual(targetCount);
  });

  it('names a config that cannot be loaded, and still shows the standard dashboard', async () => {
    servePrometheus();
    server.use(http.get('/dashboards/missing.json', () => new HttpResponse(null, { status: 404 })));
    openAt('?dashboard=/dashboards/missing.json');
    renderApp();
    expect(
      await screen.findByText(
        'Dashboard config /dashboards/missing.json could not be loaded: HTTP 404 Not Found; showing the standard dashboard.',
      ),
    ).toBeTruthy();
    await panelsDrawn(defaultTitles);
  });

  it('shows the panels and variables of a valid custom config, and nothing else before it', async () => {
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const sent = servePrometheus();
    server.use(
      http.get('/dashboards/example.json', async () => {
        await released;
        return HttpResponse.json(exampleConfig);
      }),
    );
    openAt('?dashboard=/dashboards/example.json');
    renderApp();
    expect(screen.getByText('Loading dashboard /dashboards/example.json…')).toBeTruthy();
    expect(shownPanels()).toEqual([]);

    release();
    await panelsDrawn([
      'Error ratio (5xx) by service',
      'p99 latency by service',
      'Traffic and backlog',
    ]);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      'Aftershock Services and queues',
    );
    expect(problems()).toEqual([]);
    const filters = screen.getByRole('group', { name: 'Filters' });
    expect([...filters.querySelectorAll('summary')].map((s) => s.textContent)).toEqual([
      'Namespace: All',
      'Service: All',
    ]);
    // Three targets of its own in the last panel, and none of the standard dashboard's.
    const traffic = screen.getByRole('region', { name: 'Traffic and backlog' });
    expect(traffic.querySelectorAll('.chart-group')).toHaveLength(3);
    expect(sent.some(({ query }) => query.includes('apiserver'))).toBe(false);
    expect(sent.some(({ query }) => query.includes('queue_oldest_job_age_seconds'))).toBe(true);
  });
});

describe('App: variables', () => {
  it('writes a chosen value to the URL as var-<name>, and every panel queries its escaped regex', async () => {
    const sent = servePrometheus();
    openAt('');
    renderApp();
    await panelsDrawn(defaultTitles);

    fireEvent.click(await screen.findByLabelText('checkout.v2'));
    expect(urlParams().getAll('var-service')).toEqual(['checkout.v2']);
    await waitFor(() => {
      expect(
        panelQueries(sent).filter(({ query }) => query.includes('service=~"checkout\\\\.v2"'))
          .length,
      ).toBe(
        // Every target of the error-ratio, latency and queue panels filters by service.
        5,
      );
    });
    expect(screen.getByText('checkout.v2', { selector: 'summary strong' })).toBeTruthy();

    fireEvent.click(screen.getByLabelText('api'));
    expect(urlParams().getAll('var-service')).toEqual(['checkout.v2', 'api']);
    await waitFor(() => {
      expect(sent.some(({ query }) => query.includes('service=~"(checkout\\\\.v2|api)"'))).toBe(
        true,
      );
    });
  });

  it('narrows the choices of a variable by the values chosen for the others', async () => {
    const matches: string[] = [];
    servePrometheus();
    server.use(
      http.get(`${PROMETHEUS}/api/v1/label/service/values`, ({ request }) => {
        matches.push(new URL(request.url).searchParams.get('match[]') ?? '');
        return HttpResponse.json({ status: 'success', data: labelValues.service });
      }),
    );
    openAt('?var-namespace=shop');
    renderApp();
    await waitFor(() => {
      expect(matches).toContain('http_requests_total{cluster=~".*", namespace=~"shop"}');
    });
  });
});

describe('App: one panel alone', () => {
  it('shows only the panel viewPanel names, and Escape brings back all panels', async () => {
    servePrometheus();
    openAt('?viewPanel=latency');
    renderApp();
    await panelsDrawn(['Latency']);
    expect(screen.getByRole('button', { name: '← All panels (Esc)' })).toBeTruthy();

    fireEvent.keyDown(window, { key: 'Escape' });
    expect(urlParams().has('viewPanel')).toBe(false);
    await panelsDrawn(defaultTitles);
  });

  it('opens a panel alone from its button, writing viewPanel to the URL', async () => {
    servePrometheus();
    openAt('');
    renderApp();
    await panelsDrawn(defaultTitles);
    const queue = screen.getByRole('region', { name: 'Queue depth' });
    fireEvent.click(within(queue).getByTitle('Open this panel alone'));
    expect(urlParams().get('viewPanel')).toBe('queue_depth');
    await panelsDrawn(['Queue depth']);
  });

  it('names a viewPanel that is no panel, and shows all panels', async () => {
    servePrometheus();
    openAt('?viewPanel=nope');
    renderApp();
    await panelsDrawn(defaultTitles);
    expect(problems()).toEqual(['URL parameter viewPanel=nope: no such panel; showing all']);
  });
});

describe('App: keyboard shortcuts', () => {
  const startMs = Date.UTC(2024, 0, 30, 0, 0);
  const endMs = Date.UTC(2024, 0, 30, 1, 0);
  const absolute = `?from=${String(startMs)}&to=${String(endMs)}`;

  function shownRange(): [number, number] {
    return [Number(urlParams().get('from')), Number(urlParams().get('to'))];
  }

  it('← shifts the range back by half its length, and the panels query the new range', async () => {
    const sent = servePrometheus();
    openAt(absolute);
    renderApp();
    await panelsDrawn(defaultTitles);

    fireEvent.keyDown(window, { key: 'ArrowLeft' });
    expect(shownRange()).toEqual([startMs - 30 * MINUTE_MS, endMs - 30 * MINUTE_MS]);
    await waitFor(() => {
      expect(
        panelQueries(sent).filter((one) => one.startMs === startMs - 30 * MINUTE_MS),
      ).toHaveLength(targetCount);
    });
  });

  it('→ shifts the range forward by half its length', async () => {
    servePrometheus();
    openAt(absolute);
    renderApp();
    await panelsDrawn(defaultTitles);
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    expect(shownRange()).toEqual([startMs + 30 * MINUTE_MS, endMs + 30 * MINUTE_MS]);
  });

  it('− zooms out to twice the range around its centre', async () => {
    servePrometheus();
    openAt(absolute);
    renderApp();
    await panelsDrawn(defaultTitles);
    fireEvent.keyDown(window, { key: '-' });
    expect(shownRange()).toEqual([startMs - 30 * MINUTE_MS, endMs + 30 * MINUTE_MS]);
  });

  it('− keeps a live range live: the last 1 hour becomes the last 2 hours', async () => {
    servePrometheus();
    openAt('?from=now-1h&to=now');
    renderApp();
    await panelsDrawn(defaultTitles);
    fireEvent.keyDown(window, { key: '-' });
    expect(urlParams().get('from')).toBe('now-2h');
    expect(urlParams().has('to')).toBe(false);
  });

  it('r sends every panel query again, over the same range', async () => {
    const all = servePrometheus();
    openAt(absolute);
    renderApp();
    await panelsDrawn(defaultTitles);
    await waitFor(() => {
      expect(panelQueries(all)).toHaveLength(targetCount);
    });
    const search = window.location.search;

    act(() => {
      fireEvent.keyDown(window, { key: 'r' });
    });
    await waitFor(() => {
      expect(panelQueries(all)).toHaveLength(2 * targetCount);
    });
    const byQuery = (a: SentRangeQuery, b: SentRangeQuery) => a.query.localeCompare(b.query);
    const panelSent = panelQueries(all);
    expect(panelSent.slice(targetCount).sort(byQuery)).toEqual(
      panelSent.slice(0, targetCount).sort(byQuery),
    );
    expect(window.location.search).toBe(search);
  });

  it('ignores shortcuts typed into a field', async () => {
    servePrometheus();
    openAt(absolute);
    renderApp();
    await panelsDrawn(defaultTitles);
    fireEvent.keyDown(screen.getByLabelText('From'), { key: 'ArrowLeft' });
    expect(shownRange()).toEqual([startMs, endMs]);
  });
});
