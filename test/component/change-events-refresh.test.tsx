import { renderHook, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import { prometheusHandlers } from '../../mocks/prometheus-api/handlers';
import { createSeriesStore, type SeriesStore } from '../../mocks/promql/series-store';
import { generateScenario } from '../../mocks/scenario/engine';
import { scenarioA } from '../../mocks/scenarios/a-latent-bug';
import { defaultSources } from '../../src/dashboard/default-dashboard';
import { useChangeEvents, type ChangeEventsRequest } from '../../src/ui/use-change-events';
import { server } from '../support/msw-server';
import { queriesWrapper } from '../support/render';

/**
 * A live refresh moves the range and asks the change sources again: the markers already drawn
 * stay while the answer is on its way, and stay (with the source's error named) when it fails.
 */

const PROMETHEUS = 'http://prometheus.test';
const END_MS = Date.parse('2024-01-30T01:00:00Z');
const HOUR_MS = 3_600_000;

let store: SeriesStore;

beforeAll(() => {
  store = createSeriesStore(generateScenario(scenarioA).series);
});

function request(endMs: number): ChangeEventsRequest {
  return {
    sources: defaultSources,
    range: { startMs: endMs - 6 * HOUR_MS, endMs },
    endpoint: { url: PROMETHEUS },
    scrapeIntervalSeconds: 15,
    variables: {},
    variableNames: [],
  };
}

function renderChangeEvents() {
  const { wrapper } = queriesWrapper();
  return renderHook((props: ChangeEventsRequest) => useChangeEvents(props), {
    wrapper,
    initialProps: request(END_MS),
  });
}

describe('change markers across live refreshes', () => {
  it('keeps every change while the moved range is asked for, and after that refresh fails', async () => {
    server.use(
      ...prometheusHandlers(() => store, { baseUrl: `${PROMETHEUS}/api/v1`, now: () => END_MS }),
    );
    const { result, rerender } = renderChangeEvents();
    await waitFor(() => {
      expect(
        result.current.changes.filter((c) => c.kind === 'deploy').length,
      ).toBeGreaterThanOrEqual(2);
    });
    const before = result.current.changes.map((c) => c.id);

    server.use(
      http.get(
        `${PROMETHEUS}/api/v1/query_range`,
        () =>
          new HttpResponse('upstream connect error', {
            status: 503,
            headers: { 'content-type': 'text/plain' },
          }),
      ),
    );
    rerender(request(END_MS + 10 * 60_000));
    expect(result.current.changes.map((c) => c.id)).toEqual(before);
    await waitFor(() => {
      expect(result.current.errors.length).toBeGreaterThan(0);
    });
    expect(result.current.changes.map((c) => c.id)).toEqual(before);
    expect(result.current.errors.map((e) => e.source)).toContain('deploys');
  });
});
