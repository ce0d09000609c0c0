import { renderHook, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import { prometheusHandlers } from '../../mocks/prometheus-api/handlers';
import { createSeriesStore, type SeriesStore } from '../../mocks/promql/series-store';
import { generateScenario } from '../../mocks/scenario/engine';
import { ruleAlerts } from '../../mocks/scenario/rule-alerts';
import { scenarioA } from '../../mocks/scenarios/a-latent-bug';
import { defaultSources } from '../../src/dashboard/default-dashboard';
import { useChangeEvents, type ChangeEventsRequest } from '../../src/ui/use-change-events';
import { server } from '../support/msw-server';
import { queriesWrapper } from '../support/render';

/**
 * ALERTS says which alert fires, not what it means: while an alert window is open, the rules'
 * alerts (`/api/v1/alerts`) give it the rule's summary and runbook. Scenario A's alerts fire
 * from 00:19:45 to 00:35:30; the MSW server answers both endpoints from the scenario.
 */

const PROMETHEUS = 'http://prometheus.test';
const HOUR_MS = 3_600_000;
const DURING = Date.parse('2024-01-30T00:30:00Z');
const AFTER = Date.parse('2024-01-30T01:00:00Z');
/** Six range queries over an hour of the scenario, on a busy machine. */
const WAIT = { timeout: 5_000 };

let store: SeriesStore;

beforeAll(() => {
  store = createSeriesStore(generateScenario(scenarioA).series);
});

function request(endMs: number): ChangeEventsRequest {
  return {
    sources: defaultSources,
    range: { startMs: endMs - HOUR_MS, endMs },
    endpoint: { url: PROMETHEUS },
    scrapeIntervalSeconds: 15,
    variables: {},
    variableNames: [],
  };
}

/** The scenario's Prometheus at `nowMs`, counting the requests for its alerts. */
function prometheusAt(nowMs: number) {
  const asked = { alerts: 0 };
  server.use(
    http.get(`${PROMETHEUS}/api/v1/alerts`, () => {
      asked.alerts += 1;
    }),
    ...prometheusHandlers(() => store, {
      baseUrl: `${PROMETHEUS}/api/v1`,
      now: () => nowMs,
      alerts: (atMs) => ruleAlerts(scenarioA, 0, atMs),
    }),
  );
  return asked;
}

function renderAt(endMs: number) {
  const { wrapper } = queriesWrapper();
  return renderHook(() => useChangeEvents(request(endMs)), { wrapper });
}

const alertIncidents = (incidents: ChangeEventsResult['incidents']) =>
  incidents.filter((i) => i.source === 'alerts');
type ChangeEventsResult = ReturnType<typeof useChangeEvents>;

describe('alert windows with their rule’s annotations', () => {
  it('gives each open alert window its summary and runbook link', async () => {
    prometheusAt(DURING);
    const { result } = renderAt(DURING);
    await waitFor(() => {
      const open = alertIncidents(result.current.incidents);
      expect(open.length).toBe(4);
      expect(open.every((i) => i.detail !== undefined)).toBe(true);
    }, WAIT);
    const latency = alertIncidents(result.current.incidents).find((i) =>
      i.title.startsWith('HTTPLatencyHigh'),
    );
    expect(latency).toMatchObject({
      endMs: null,
      detail: 'p99 latency is above 2 s',
      url: 'https://runbooks.example.com/alerts/HTTPLatencyHigh',
    });
    expect(result.current.errors).toEqual([]);
  });

  it('does not ask for the rules’ alerts when no alert window is open', async () => {
    const asked = prometheusAt(AFTER);
    const { result } = renderAt(AFTER);
    await waitFor(() => {
      expect(alertIncidents(result.current.incidents).length).toBe(4);
    }, WAIT);
    expect(alertIncidents(result.current.incidents).every((i) => i.endMs !== null)).toBe(true);
    expect(alertIncidents(result.current.incidents).every((i) => i.detail === undefined)).toBe(
      true,
    );
    expect(asked.alerts).toBe(0);
  });

  it('keeps the windows, unannotated and with no error, when the rules’ alerts fail', async () => {
    prometheusAt(DURING);
    let refused = 0;
    server.use(
      http.get(`${PROMETHEUS}/api/v1/alerts`, () => {
        refused += 1;
        return HttpResponse.json(
          { status: 'error', errorType: 'bad_data', error: 'rule manager not ready' },
          { status: 400 },
        );
      }),
    );
    const { result } = renderAt(DURING);
    await waitFor(() => {
      expect(alertIncidents(result.current.incidents).length).toBe(4);
      expect(refused).toBe(1);
    }, WAIT);
    // The answer has been read: a render after it would show a detail or an error by now.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(alertIncidents(result.current.incidents).every((i) => i.detail === undefined)).toBe(
      true,
    );
    expect(result.current.errors).toEqual([]);
  });
});
