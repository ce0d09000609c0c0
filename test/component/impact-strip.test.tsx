import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyzeIncident } from '../../src/domain/incident-analysis';
import { incidentMarkdown } from '../../src/domain/incident-markdown';
import { incidentReport, type IncidentReport } from '../../src/domain/incident-report';
import { App } from '../../src/ui/App';
import { ImpactStrip } from '../../src/ui/ImpactStrip';
import { IncidentReview } from '../../src/ui/IncidentReview';
import { fixtureAnalysis, fixtureInput } from '../support/analysis-fixture';
import { changeEvent } from '../support/event-factories';
import { server } from '../support/msw-server';
import { renderWithQueries } from '../support/render';
import { HOUR, MIN, T0 } from '../support/synthetic-series';

const HOSTILE = '<img src=x onerror=alert(1)>';

function strip(overrides: Partial<Parameters<typeof ImpactStrip>[0]> = {}) {
  const onSelect = vi.fn();
  const onPin = vi.fn();
  render(
    <ImpactStrip
      analysis={fixtureAnalysis}
      errors={[]}
      timeZone="UTC"
      selectedId={null}
      pinnedId={null}
      onSelect={onSelect}
      onPin={onPin}
      {...overrides}
    />,
  );
  return { onSelect, onPin, region: screen.getByRole('region', { name: 'Impact' }) };
}

describe('ImpactStrip', () => {
  it('lists the signals that moved in order with their onsets, and those that did not', () => {
    const { region } = strip();
    const order = within(region).getByRole('list', { name: 'Signals in the order they moved' });
    expect(
      within(order)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Error ratio 00:00:00 5xx payments']);
    expect(region.textContent).toContain('No onset: Queue depth');
  });

  it('names the top suspects with their lead times before the first signal', () => {
    const { region } = strip();
    const suspects = within(region).getByRole('list', { name: 'Top suspects' });
    const headlines = [...suspects.querySelectorAll('.suspect-headline')].map((e) => e.textContent);
    expect(headlines).toEqual([
      'deploy payments v2 — 3 h 38 min before Error ratio',
      'deploy billing v2 — 2 min before Error ratio',
    ]);
    expect(suspects.textContent).toContain('score 79.7');
  });

  it('selects a suspect on click, and pins or unpins it', () => {
    const { onSelect, onPin, region } = strip({ pinnedId: 'billing-v7' });
    const [first, second] = within(region).getAllByRole('button', { pressed: false });
    fireEvent.click(first ?? region);
    expect(onSelect).toHaveBeenCalledWith('payments-v4.2.0');
    expect(second?.textContent).toBe('Pin');
    fireEvent.click(second ?? region);
    expect(onPin).toHaveBeenCalledWith('payments-v4.2.0');
    fireEvent.click(within(region).getByRole('button', { name: 'Unpin' }));
    expect(onPin).toHaveBeenLastCalledWith(null);
  });

  it('shows text from the sources as text', () => {
    const analysis = analyzeIncident({
      ...fixtureInput,
      changes: [changeEvent({ id: 'x', timeMs: T0 - MIN, title: HOSTILE, version: null })],
    });
    const { region } = strip({ analysis });
    expect(region.textContent).toContain(HOSTILE);
    expect(region.querySelector('img')).toBeNull();
  });

  it('says when it is still looking', () => {
    strip({ analysis: null });
    expect(screen.getByRole('region', { name: 'Impact' }).getAttribute('aria-busy')).toBe('true');
  });

  it('says plainly that nothing moved', () => {
    const { region } = strip({ analysis: analyzeIncident({ ...fixtureInput, signals: [] }) });
    expect(region.textContent).toContain('No signal left its baseline in this range');
  });

  it('names the queries it had to do without', () => {
    const { region } = strip({ errors: [{ source: 'dns', message: 'HTTP 503' }] });
    expect(within(region).getByRole('alert').textContent).toBe('Not included: dns (HTTP 503)');
  });
});

function decode(href: string | null): string {
  return decodeURIComponent((href ?? '').replace(/^data:[^,]*,/, ''));
}

describe('IncidentReview', () => {
  it('shows the durations and every timeline row in the chosen zone', () => {
    render(<IncidentReview analysis={fixtureAnalysis} errors={[]} timeZone="Europe/Berlin" />);
    const review = screen.getByRole('region', { name: 'Incident review' });
    expect(review.textContent).toContain(
      'Time to detect (first alert)1 min2024-01-30 01:01:00 CET',
    );
    const rows = review.querySelectorAll('table.review-timeline tbody tr');
    expect(rows).toHaveLength(11);
    expect(rows[0]?.textContent).toBe(
      '2024-01-29 21:22:00 CETchangedeploy payments/payments: payments v4.2.0v2 · suspect #1',
    );
  });

  it('exports the same Markdown and JSON as the report command', () => {
    const errors = [{ source: 'dns', message: 'HTTP 503' }];
    render(<IncidentReview analysis={fixtureAnalysis} errors={errors} timeZone="UTC" />);
    const markdown = screen.getByRole('link', { name: 'Export Markdown' });
    const json = screen.getByRole('link', { name: 'Export JSON' });
    expect(markdown.getAttribute('download')).toBe('aftershock-2024-01-29T22-00-00Z.md');
    expect(decode(markdown.getAttribute('href'))).toBe(
      incidentMarkdown(fixtureAnalysis, { timeZone: 'UTC', errors }),
    );
    expect(JSON.parse(decode(json.getAttribute('href')))).toEqual(
      incidentReport(fixtureAnalysis, errors),
    );
  });
});

describe('App: the impact strip and review mode', () => {
  const PROMETHEUS = 'http://prometheus.test';
  const from = T0 - 30 * MIN;
  const to = T0 + 30 * MIN;

  afterEach(() => {
    window.history.replaceState(null, '', '/');
  });

  /** Payments' errors jump at T0; payments was deployed 3 h 38 min before, billing 2 min. */
  function serveIncident(): void {
    server.use(
      http.get(`${PROMETHEUS}/api/v1/query_range`, ({ request }) => {
        const params = new URL(request.url).searchParams;
        const query = params.get('query') ?? '';
        const [start, end, step] = ['start', 'end', 'step'].map((p) => Number(params.get(p)));
        const samples = (value: (t: number) => number) => {
          const values: [number, string][] = [];
          for (let t = start ?? 0; t <= (end ?? 0); t += step ?? 15) {
            values.push([t, String(value(t * 1000))]);
          }
          return values;
        };
        const replicaset = (owner: string, createdMs: number) => ({
          metric: { namespace: owner, replicaset: `${owner}-7d9`, owner_name: owner },
          values: samples(() => createdMs / 1000),
        });
        const result = query.includes('kube_replicaset_created')
          ? [replicaset('payments', T0 - 3 * HOUR - 38 * MIN), replicaset('billing', T0 - 2 * MIN)]
          : /kube_|ALERTS|build_info|\(up\)/.test(query)
            ? []
            : query.includes('code=~"5.."')
              ? [
                  {
                    metric: { namespace: 'payments', service: 'payments' },
                    values: samples((t) => (t >= T0 ? 0.3 : 0.002)),
                  },
                ]
              : [{ metric: { service: 'payments' }, values: samples(() => 1) }];
        return HttpResponse.json({ status: 'success', data: { resultType: 'matrix', result } });
      }),
      http.get(`${PROMETHEUS}/api/v1/label/:name/values`, () =>
        HttpResponse.json({ status: 'success', data: [] }),
      ),
    );
  }

  function open(extra = ''): void {
    window.history.replaceState(null, '', `/?from=${String(from)}&to=${String(to)}${extra}`);
    renderWithQueries(<App endpoint={{ url: PROMETHEUS }} />);
  }

  async function suspectsList(): Promise<HTMLElement> {
    const region = await screen.findByRole('region', { name: 'Impact' });
    return within(region).findByRole('list', { name: 'Top suspects' }, { timeout: 10_000 });
  }

  it('names the suspect that moved, highlights it on every chart, and pins it in the URL', async () => {
    serveIncident();
    open();
    const suspects = await suspectsList();
    const [top] = within(suspects).getAllByRole('listitem');
    expect(top?.querySelector('.suspect-headline')?.textContent).toBe(
      'deploy payments — 3 h 38 min before Error ratio (5xx)',
    );
    await waitFor(() => {
      expect(document.querySelectorAll('.chart').length).toBeGreaterThanOrEqual(5);
    });
    expect(document.querySelectorAll('.suspect-marker')).toHaveLength(0);

    fireEvent.click(
      within(top ?? suspects).getByRole('button', { pressed: false, name: /payments/ }),
    );
    const charts = document.querySelectorAll('.chart').length;
    await waitFor(() => {
      expect(document.querySelectorAll('.suspect-lead')).toHaveLength(charts);
    });

    fireEvent.click(within(top ?? suspects).getByRole('button', { name: 'Pin' }));
    const id = top?.dataset.changeId ?? '';
    expect(id).toContain('payments');
    expect(new URLSearchParams(window.location.search).get('suspect')).toBe(id);
    expect(within(top ?? suspects).getByRole('button', { name: 'Unpin' })).toBeTruthy();
  });

  it('highlights a suspect pinned in the URL', async () => {
    serveIncident();
    open('&suspect=kube-state-metrics:replicaset:billing/billing-7d9');
    await suspectsList();
    await waitFor(() => {
      expect(document.querySelectorAll('.suspect-lead').length).toBeGreaterThan(0);
    });
  });

  it('names a pinned suspect that is none of this range’s', async () => {
    serveIncident();
    open('&suspect=nothing-like-it');
    await suspectsList();
    expect((await screen.findByText(/URL parameter suspect=nothing-like-it/)).textContent).toBe(
      'URL parameter suspect=nothing-like-it: not a suspect of this range; nothing pinned',
    );
    expect(document.querySelectorAll('.suspect-lead')).toHaveLength(0);
  });

  it('shows the review of an absolute range, whose JSON says the same as the strip', async () => {
    serveIncident();
    open();
    await suspectsList();
    const review = await screen.findByRole('region', { name: 'Incident review' });
    const link = await within(review).findByRole('link', { name: 'Export JSON' });
    const report = JSON.parse(decode(link.getAttribute('href'))) as IncidentReport;
    expect(report.onset).toBe('2024-01-30T00:00:00Z');
    expect(report.suspects.map((s) => s.service)).toEqual(['payments', 'billing']);
  });

  it('has no review for a live range', async () => {
    serveIncident();
    window.history.replaceState(null, '', '/?from=now-1h');
    renderWithQueries(<App endpoint={{ url: PROMETHEUS }} />);
    await screen.findByRole('region', { name: 'Impact' });
    expect(screen.queryByRole('region', { name: 'Incident review' })).toBeNull();
  });
});
