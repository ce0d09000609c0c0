import { screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { PanelDefinition } from '../../src/dashboard/default-dashboard';
import { createCursorStore } from '../../src/ui/cursor-store';
import { Panel } from '../../src/ui/Panel';
import { server } from '../support/msw-server';
import { renderWithQueries } from '../support/render';

const panel: PanelDefinition = {
  id: 'error_ratio',
  title: 'Error ratio (5xx)',
  unit: 'percentunit',
  targets: [
    { name: '5xx', expr: 'sum by (service) (rate(http_requests_total[$__rate_interval]))' },
  ],
};
const range = { startMs: Date.UTC(2024, 0, 30, 0, 0), endMs: Date.UTC(2024, 0, 30, 1, 0) };
const RANGE_URL = 'http://prometheus.test/api/v1/query_range';

function renderPanel() {
  return renderWithQueries(
    <Panel
      panel={panel}
      range={range}
      endpoint={{ url: 'http://prometheus.test' }}
      scrapeIntervalSeconds={15}
      variables={{}}
      variableNames={[]}
      timeZone="UTC"
      cursor={createCursorStore()}
      liveNowMs={null}
      chartHeight={220}
    />,
  );
}

describe('Panel', () => {
  it('asks for an aligned range at a step that fits the width, with $__rate_interval expanded', async () => {
    let params = new URLSearchParams();
    server.use(
      http.get(RANGE_URL, ({ request }) => {
        params = new URL(request.url).searchParams;
        return HttpResponse.json({ status: 'success', data: { resultType: 'matrix', result: [] } });
      }),
    );
    renderPanel();
    await screen.findByText('No data in this range');
    expect(params.get('step')).toBe('15');
    expect(params.get('query')).toBe('sum by (service) (rate(http_requests_total[1m]))');
    expect(Number(params.get('start')) % 15).toBe(0);
  });

  it('draws one line per series, named by its labels', async () => {
    const values = Array.from({ length: 20 }, (_, i) => [
      range.startMs / 1000 + i * 15,
      String(i / 100),
    ]);
    server.use(
      http.get(RANGE_URL, () =>
        HttpResponse.json({
          status: 'success',
          data: {
            resultType: 'matrix',
            result: [
              { metric: { service: 'api' }, values },
              { metric: { service: 'web' }, values },
            ],
          },
        }),
      ),
    );
    const { container } = renderPanel();
    const section = await screen.findByRole('region', { name: 'Error ratio (5xx)' });
    await within(section).findByText('5xx api');
    expect(within(section).getByText('5xx web')).toBeTruthy();
    expect(container.querySelectorAll('path.series-line')).toHaveLength(2);
  });

  it('shows the error kind, Prometheus’s message and the PromQL when the query fails', async () => {
    server.use(
      http.get(RANGE_URL, () =>
        HttpResponse.json(
          { status: 'error', errorType: 'bad_data', error: '1:10: parse error: unexpected ")"' },
          { status: 400 },
        ),
      ),
    );
    renderPanel();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('bad_data');
    expect(alert.textContent).toContain('parse error');
    expect(alert.textContent).toContain('rate(http_requests_total[1m])');
  });

  /** Prometheus answering one sample of `api`, with more fields in its envelope. */
  function answerOneSample(envelope: Record<string, unknown>): void {
    server.use(
      http.get(RANGE_URL, () =>
        HttpResponse.json({
          status: 'success',
          data: {
            resultType: 'matrix',
            result: [{ metric: { service: 'api' }, values: [[range.startMs / 1000, '1']] }],
          },
          ...envelope,
        }),
      ),
    );
  }

  it('shows warnings from Prometheus above the chart', async () => {
    answerOneSample({ warnings: ['partial response: store unavailable'] });
    renderPanel();
    expect(await screen.findByText(/partial response: store unavailable/)).toBeTruthy();
  });

  it('shows Prometheus 3’s infos as notes, not as warnings', async () => {
    answerOneSample({
      infos: ['PromQL info: metric might not be a counter, name does not end in _total'],
    });
    const { container } = renderPanel();
    const note = await screen.findByText(/metric might not be a counter/);
    expect(note.className).toBe('panel-info');
    expect(container.querySelectorAll('.panel-warning')).toHaveLength(0);
  });
});
