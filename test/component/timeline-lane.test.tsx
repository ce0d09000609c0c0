import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultDashboard } from '../../src/dashboard/default-dashboard';
import type { ChangeEvent } from '../../src/domain/changes';
import type { IncidentWindow } from '../../src/domain/incidents';
import { App } from '../../src/ui/App';
import { ALL_CHANGES, type ChangeFilter } from '../../src/domain/change-filter';
import { TimelineLane } from '../../src/ui/TimelineLane';
import type { SourceError } from '../../src/ui/use-change-events';
import { LAYOUT_WIDTH_PX } from '../support/component-setup';
import { changeEvent } from '../support/event-factories';
import { server } from '../support/msw-server';
import { renderWithQueries } from '../support/render';

configure({ asyncUtilTimeout: 5000 });

const MINUTE_MS = 60_000;
const startMs = Date.UTC(2024, 0, 30, 0, 0);
const endMs = Date.UTC(2024, 0, 30, 1, 0);
const range = { startMs, endMs };
const HOSTILE = '<img src=x onerror=alert(1)>';

function change(over: Partial<ChangeEvent>): ChangeEvent {
  return changeEvent({ timeMs: startMs + 20 * MINUTE_MS, ...over });
}

function Lane(props: {
  changes: ChangeEvent[];
  incidents?: IncidentWindow[];
  errors?: SourceError[];
}) {
  const [filter, setFilter] = useState<ChangeFilter>(ALL_CHANGES);
  return (
    <TimelineLane
      range={range}
      changes={props.changes}
      incidents={props.incidents ?? []}
      errors={props.errors ?? []}
      timeZone="UTC"
      nowMs={endMs}
      filter={filter}
      onFilterChange={setFilter}
    />
  );
}

function markers(): HTMLButtonElement[] {
  return [...document.querySelectorAll<HTMLButtonElement>('button.lane-marker')];
}

describe('TimelineLane', () => {
  it('puts each marker at its exact time on the range’s axis', () => {
    const times = [startMs + 12 * MINUTE_MS + 34_000, startMs + 47 * MINUTE_MS];
    render(<Lane changes={times.map((timeMs, i) => change({ id: `c${String(i)}`, timeMs }))} />);
    expect(markers().map((m) => Number(m.dataset.time))).toEqual(times);
    markers().forEach((marker, i) => {
      const expected = (((times[i] ?? 0) - startMs) / (endMs - startMs)) * LAYOUT_WIDTH_PX;
      expect(parseFloat(marker.parentElement?.style.left ?? '')).toBeCloseTo(expected, 3);
    });
  });

  it('groups markers a few pixels apart into one with a count', () => {
    render(
      <Lane
        changes={[
          change({ id: 'a', timeMs: startMs + 20 * MINUTE_MS }),
          change({ id: 'b', timeMs: startMs + 20 * MINUTE_MS + 5_000, service: 'web' }),
          change({ id: 'c', timeMs: startMs + 20 * MINUTE_MS + 10_000, kind: 'config' }),
          change({ id: 'd', timeMs: startMs + 50 * MINUTE_MS }),
        ]}
      />,
    );
    expect(markers().map((m) => m.dataset.count)).toEqual(['3', '1']);
    expect(markers()[0]?.textContent).toBe('3');
    expect(markers()[0]?.getAttribute('aria-label')).toBe('3 changes from 2024-01-30 00:20 UTC');
  });

  it('filters by kind and by service', () => {
    render(
      <Lane
        changes={[
          change({ id: 'a', kind: 'deploy', timeMs: startMs + 10 * MINUTE_MS }),
          change({ id: 'b', kind: 'config', timeMs: startMs + 30 * MINUTE_MS, service: 'web' }),
          change({ id: 'c', kind: 'scale', timeMs: startMs + 50 * MINUTE_MS, service: 'web' }),
        ]}
      />,
    );
    expect(markers()).toHaveLength(3);
    fireEvent.click(screen.getByRole('button', { name: 'config' }));
    expect(screen.getByRole('button', { name: 'config' }).getAttribute('aria-pressed')).toBe(
      'false',
    );
    expect(markers().map((m) => m.dataset.time)).toEqual([
      String(startMs + 10 * MINUTE_MS),
      String(startMs + 50 * MINUTE_MS),
    ]);
    fireEvent.change(screen.getByLabelText('Service'), { target: { value: 'web' } });
    expect(markers().map((m) => m.dataset.time)).toEqual([String(startMs + 50 * MINUTE_MS)]);
  });

  it('shows a change’s details on keyboard focus, every source string as text', () => {
    render(
      <Lane
        changes={[
          change({
            title: HOSTILE,
            service: `<b>svc</b>`,
            kind: 'scale',
            version: null,
            from: '2',
            to: '5',
            url: 'https://ci.example/run/1',
          }),
        ]}
      />,
    );
    const [marker] = markers();
    expect(marker).toBeDefined();
    if (marker === undefined) return;
    expect(marker.title).toContain(HOSTILE);
    fireEvent.focus(marker);
    const popover = screen.getByRole('tooltip');
    expect(within(popover).getByText(HOSTILE)).toBeTruthy();
    expect(within(popover).getByText('<b>svc</b>')).toBeTruthy();
    expect(within(popover).getByText(/2 → 5/)).toBeTruthy();
    expect(within(popover).getByText('2024-01-30 00:20:00 UTC')).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('b')).toBeNull();
    expect(within(popover).getByRole('link').getAttribute('href')).toBe('https://ci.example/run/1');
  });

  it('renders no link for a javascript: url', () => {
    // ChangeEvent.url is http(s) or null from every source; the lane does not trust that.
    render(<Lane changes={[change({ url: 'javascript:alert(1)' })]} />);
    const [marker] = markers();
    if (marker === undefined) throw new Error('no marker');
    fireEvent.mouseEnter(marker.parentElement ?? marker);
    expect(screen.getByRole('tooltip')).toBeTruthy();
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('draws incident windows as bars, clipped to the range', () => {
    render(
      <Lane
        changes={[]}
        incidents={[
          {
            id: 'i',
            source: 'statuspage',
            title: HOSTILE,
            startMs: startMs - 60 * MINUTE_MS,
            endMs: startMs + 15 * MINUTE_MS,
            phases: [],
            impact: 'major',
            url: null,
            service: null,
          },
        ]}
      />,
    );
    const bar = document.querySelector<HTMLElement>('.lane-incident');
    expect(bar?.dataset.start).toBe(String(startMs));
    expect(bar?.dataset.end).toBe(String(startMs + 15 * MINUTE_MS));
    expect(bar?.getAttribute('aria-label')).toContain(HOSTILE);
  });

  it('opens an incident’s http(s) link from its bar, and names the alert’s summary', () => {
    const window = (id: string, url: string | null): IncidentWindow => ({
      id,
      source: 'alerts',
      title: `Alert ${id}`,
      detail: `${HOSTILE} summary of ${id}`,
      startMs: startMs + 10 * MINUTE_MS,
      endMs: null,
      phases: [],
      impact: 'critical',
      url,
      service: null,
    });
    render(
      <Lane
        changes={[]}
        incidents={[
          window('a', 'https://runbooks.example.com/a'),
          window('b', 'javascript:alert(1)'),
          window('c', null),
        ]}
      />,
    );
    const links = screen.getAllByRole('link');
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      'https://runbooks.example.com/a',
    ]);
    expect(links[0]?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(links[0]?.getAttribute('aria-label')).toContain(`Alert a · ${HOSTILE} summary of a`);
    const bars = [...document.querySelectorAll<HTMLElement>('.lane-incident')];
    expect(bars.map((bar) => bar.tagName)).toEqual(['A', 'SPAN', 'SPAN']);
    expect(document.querySelector('img')).toBeNull();
  });

  it('draws each phase of an incident as a part of its bar, and stacks bars that overlap', () => {
    const incident = (id: string, start: number, end: number): IncidentWindow => ({
      id,
      source: 'statuspage',
      title: id,
      startMs: startMs + start * MINUTE_MS,
      endMs: startMs + end * MINUTE_MS,
      phases: [
        { status: 'investigating', atMs: startMs + start * MINUTE_MS },
        { status: 'monitoring', atMs: startMs + (start + 5) * MINUTE_MS },
      ],
      impact: 'major',
      url: null,
      service: null,
    });
    render(<Lane changes={[]} incidents={[incident('a', 10, 30), incident('b', 20, 40)]} />);
    const bars = [...document.querySelectorAll<HTMLElement>('.lane-incident')];
    expect(bars.map((bar) => bar.style.top)).toEqual(['14px', '22px']);
    const phases = [...(bars[0]?.querySelectorAll<HTMLElement>('.lane-phase') ?? [])];
    expect(phases.map((p) => p.dataset.status)).toEqual(['investigating', 'monitoring']);
    const px = (minutes: number) => (minutes * MINUTE_MS * LAYOUT_WIDTH_PX) / (endMs - startMs);
    // Inside the bar, which starts at 00:10: monitoring from 00:15 to the end at 00:30.
    expect(parseFloat(phases[1]?.style.left ?? '')).toBeCloseTo(px(5), 3);
    expect(parseFloat(phases[1]?.style.width ?? '')).toBeCloseTo(px(15), 3);
  });

  it('lists the sources that failed', () => {
    render(
      <Lane changes={[]} errors={[{ source: 'statuspage', message: `HTTP 500 ${HOSTILE}` }]} />,
    );
    expect(screen.getByText(`Source statuspage: HTTP 500 ${HOSTILE}`)).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
  });
});

describe('App with change sources', () => {
  const PROMETHEUS = 'http://prometheus.test';

  afterEach(() => {
    window.history.replaceState(null, '', '/');
  });

  /** Prometheus with one deploy of api, a dashboard whose status page and events file fail. */
  function serveOneDeploy(deployAt: number): void {
    server.use(
      http.get(`${PROMETHEUS}/api/v1/query_range`, ({ request }) => {
        const params = new URL(request.url).searchParams;
        const query = params.get('query') ?? '';
        const start = Number(params.get('start'));
        const result = query.includes('kube_replicaset_created')
          ? [
              {
                metric: { namespace: 'labs', replicaset: 'api-7d9', owner_name: 'api' },
                values: [[start, String(deployAt / 1000)]],
              },
            ]
          : query.includes('kube_') || query.includes('ALERTS') || query.includes('build_info')
            ? []
            : [{ metric: { service: 'api' }, values: [[start, '0.25']] }];
        return HttpResponse.json({ status: 'success', data: { resultType: 'matrix', result } });
      }),
      http.get(`${PROMETHEUS}/api/v1/label/:name/values`, () =>
        HttpResponse.json({ status: 'success', data: [] }),
      ),
      http.get('/dashboards/with-sources.json', () =>
        HttpResponse.json({
          title: 'With sources',
          panels: defaultDashboard.panels,
          sources: {
            statuspage: { url: '/status/incidents.json' },
            eventsFile: { url: '/events.json' },
          },
        }),
      ),
      http.get('/status/incidents.json', () => new HttpResponse('boom', { status: 500 })),
      http.get('/events.json', () =>
        HttpResponse.json({ version: 1, changes: [{ time: 'yesterday' }], incidents: [] }),
      ),
    );
  }

  it('names a failing source in the lane, draws the others, and every panel still renders', async () => {
    const deployAt = startMs + 20 * MINUTE_MS + 7_000;
    serveOneDeploy(deployAt);
    window.history.replaceState(
      null,
      '',
      `/?from=${String(startMs)}&to=${String(endMs)}&dashboard=/dashboards/with-sources.json`,
    );
    renderWithQueries(<App endpoint={{ url: PROMETHEUS }} />);
    const lane = await screen.findByRole('region', { name: 'Changes and incidents' });
    await within(lane).findByText(/Source statuspage: HTTP 500/);
    await within(lane).findByText(/Source eventsFile: changes\[0\]/);
    // One track above each column of panels (two at this width), each with the deploy.
    await waitFor(() => {
      expect(markers().map((m) => Number(m.dataset.time))).toEqual([deployAt, deployAt]);
    });
    expect(document.querySelectorAll('.lane-track')).toHaveLength(2);
    await waitFor(() => {
      const panels = [...document.querySelectorAll<HTMLElement>('section.panel')];
      expect(panels).toHaveLength(defaultDashboard.panels.length);
      for (const panel of panels) expect(panel.dataset.state).toBe('chart');
    });
    // Every chart draws the deploy at its second, not at the step.
    const lines = document.querySelectorAll('.change-marker');
    expect(lines.length).toBeGreaterThanOrEqual(defaultDashboard.panels.length);
  });

  it('reads the change filter from the URL and writes it back when it is changed', async () => {
    const deployAt = startMs + 20 * MINUTE_MS + 7_000;
    serveOneDeploy(deployAt);
    window.history.replaceState(
      null,
      '',
      `/?from=${String(startMs)}&to=${String(endMs)}&changes=config,scale&changeService=web`,
    );
    renderWithQueries(<App endpoint={{ url: PROMETHEUS }} />);
    const deploy = await screen.findByRole('button', { name: 'deploy' });
    expect(deploy.getAttribute('aria-pressed')).toBe('false');
    const service = screen.getByLabelText<HTMLSelectElement>('Service');
    expect(service.value).toBe('web');
    // The deploy of api has arrived (api is offered), and the filter hides it everywhere.
    await waitFor(() => {
      expect(service.querySelector('option[value="api"]')).not.toBeNull();
    });
    expect(markers()).toHaveLength(0);
    expect(document.querySelectorAll('.change-marker')).toHaveLength(0);
    fireEvent.click(deploy);
    expect(new URLSearchParams(window.location.search).get('changes')).toBeNull();
    expect(markers()).toHaveLength(0);
    fireEvent.change(service, { target: { value: '' } });
    expect(new URLSearchParams(window.location.search).get('changeService')).toBeNull();
    await waitFor(() => {
      expect(markers().map((m) => Number(m.dataset.time))).toEqual([deployAt, deployAt]);
    });
    await waitFor(() => {
      expect(document.querySelectorAll('.change-marker').length).toBeGreaterThanOrEqual(
        defaultDashboard.panels.length,
      );
    });
  });
});
