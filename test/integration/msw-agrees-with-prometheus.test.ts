import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prometheusHandlers } from '../../mocks/prometheus-api/handlers';
import { createSeriesStore, type SeriesStore } from '../../mocks/promql/series-store';
import { generateScenario } from '../../mocks/scenario/engine';
import type { GeneratedScenario } from '../../mocks/scenario/series';
import { scenarios, type ScenarioId } from '../../mocks/scenarios';
import { errorCalls, formatCalls, limitCalls } from '../support/agreement-edge-calls';
import {
  dashboardQueries,
  dashboardStep,
  extraQueries,
  instantCalls,
  labelNameCalls,
  labelValueCalls,
  queriesWithoutSeries,
  rangeCalls,
  rawRangeSelector,
  seriesCalls,
  type AgreementCall,
  type ScenarioWindow,
} from '../support/agreement-queries';
import { firstDisagreement } from '../support/api-agreement';
import { startPrometheusWith } from '../support/prometheus';
import { apiData, callApi, type ApiResponse } from '../support/prometheus-api';
import type { RunningService } from '../support/service-process';

/**
 * The demo's MSW handlers must answer like Prometheus. For each seed scenario, the same calls go
 * to MSW (evaluating the scenario's raw samples) and to real Prometheus holding the same samples
 * backfilled from OpenMetrics; the answers must list the same series with values equal within a
 * relative 1e-9 (absolute 1e-12, NaN equal to NaN), or fail with the same status, error type and
 * message. Every query of the default dashboard must return series in the scenarios that have
 * what it shows, and none in those listed in `queriesWithoutSeries`, so that agreeing on nothing
 * cannot pass for agreement.
 */

const MSW_API = 'http://scenario.test/api/v1';
const MINUTE = 60_000;

let store: SeriesStore | undefined;
// One MSW server for all scenarios; it answers from whichever scenario is being checked, and
// lets the requests to real Prometheus on 127.0.0.1 through.
const msw = setupServer(
  ...prometheusHandlers(
    () => {
      if (store === undefined) throw new Error('no scenario loaded');
      return store;
    },
    { baseUrl: MSW_API },
  ),
);

beforeAll(() => {
  msw.listen({ onUnhandledRequest: 'bypass' });
});

afterAll(() => {
  msw.close();
});

/** Calls as `[name, call]` rows: `%s` shows a whole name where `$name` would cut it at 40 characters. */
function rows(calls: readonly AgreementCall[]): [string, AgreementCall][] {
  return calls.map((call) => [call.name, call]);
}

/** A time half a scrape after `ms`, to test the lookback between samples too. */
function betweenScrapes(ms: number, scrapeIntervalSeconds: number): number {
  return ms + (scrapeIntervalSeconds * 1000) / 2;
}

function seriesCount(response: ApiResponse): number {
  return (response.body.data as { result: unknown[] }).result.length;
}

describe('the queries expected to return no series', () => {
  const names = dashboardQueries().map((query) => query.name);
  const ids = Object.keys(scenarios) as ScenarioId[];

  it('are queries of the default dashboard', () => {
    for (const id of ids) {
      expect(
        queriesWithoutSeries[id].filter((name) => !names.includes(name)),
        id,
      ).toEqual([]);
    }
  });

  it('leave every query of the default dashboard a seed scenario with series', () => {
    const neverAnswered = names.filter((name) =>
      ids.every((id) => queriesWithoutSeries[id].includes(name)),
    );
    expect(neverAnswered).toEqual([]);
  });
});

describe.each(Object.values(scenarios))('scenario $id at its real dates', (definition) => {
  const window: ScenarioWindow = {
    range: {
      startMs: Date.parse(definition.window.start),
      endMs: Date.parse(definition.window.end),
    },
    scrapeIntervalSeconds: definition.scrapeIntervalSeconds,
  };
  const withoutSeries = new Set(queriesWithoutSeries[definition.id as ScenarioId]);
  // Around the impact, or the first change of a scenario without one: where people zoom in.
  const focusMs = Date.parse(
    definition.impactStart ?? definition.timeline[0]?.time ?? definition.window.start,
  );
  const zoom = {
    startMs: Math.max(window.range.startMs, focusMs - 30 * MINUTE),
    endMs: Math.min(window.range.endMs, focusMs + 30 * MINUTE),
  };
  const instantTimes = [
    window.range.startMs,
    focusMs - MINUTE,
    betweenScrapes(focusMs + 2 * MINUTE, window.scrapeIntervalSeconds),
    focusMs + 20 * MINUTE,
    window.range.endMs,
  ];

  let scenario: GeneratedScenario | undefined;
  let prometheus: RunningService | undefined;
  let scenarioStore: SeriesStore | undefined;
  let prometheusApi = '';

  beforeAll(async () => {
    scenario = generateScenario(definition);
    prometheus = await startPrometheusWith(scenario);
    prometheusApi = `${prometheus.url}/api/v1`;
    scenarioStore = createSeriesStore(scenario.series);
  });

  afterAll(async () => {
    await prometheus?.stop();
  });

  /** Both answers, once they agree and Prometheus answered as `expected`. */
  async function compare(
    call: AgreementCall,
    expected: 'success' | 'error',
  ): Promise<{ real: ApiResponse; mocked: ApiResponse }> {
    store = scenarioStore;
    const [real, mocked] = await Promise.all([
      callApi(prometheusApi, call.endpoint, call.params, call.method),
      callApi(MSW_API, call.endpoint, call.params, call.method),
    ]);
    expect(real.body.status, `Prometheus answered ${call.name}: ${real.body.error ?? ''}`).toBe(
      expected,
    );
    expect(
      firstDisagreement(real, mocked, { errorsAgreeUpTo: call.errorsAgreeUpTo }),
      `${call.method} ${call.endpoint} ${JSON.stringify(call.params)}`,
    ).toBeUndefined();
    return { real, mocked };
  }

  /** The same answer, and a successful one. */
  const expectAgreement = async (_name: string, call: AgreementCall): Promise<void> => {
    await compare(call, 'success');
  };

  it('covers exactly the window of its definition', () => {
    expect(scenario?.startMs).toBe(window.range.startMs);
    expect(scenario?.endMs).toBe(window.range.endMs);
  });

  it.each(rows(rangeCalls(window, dashboardStep(window))))(
    'agrees over the whole window on %s, with series where the scenario has them',
    async (_name, call) => {
      const { real } = await compare(call, 'success');
      if (withoutSeries.has(call.queryName ?? '')) expect(seriesCount(real)).toBe(0);
      else expect(seriesCount(real)).toBeGreaterThan(0);
    },
  );

  it.each(rows(rangeCalls({ ...window, range: zoom }, 15)))(
    'agrees zoomed in around the impact on %s',
    expectAgreement,
  );

  it.each(rows(instantCalls(window, instantTimes)))(
    'agrees on the instant query %s',
    expectAgreement,
  );

  it.each(
    rows([
      ...instantCalls(
        window,
        [focusMs, betweenScrapes(focusMs, window.scrapeIntervalSeconds)],
        [rawRangeSelector, ...extraQueries],
      ),
      ...rangeCalls({ ...window, range: zoom }, 15, extraQueries),
      ...limitCalls(window),
    ]),
  )('agrees on more PromQL: %s', expectAgreement);

  it.each(rows(errorCalls(window)))(
    'fails like Prometheus, with its status, error type and message, on %s',
    async (_name, call) => {
      await compare(call, 'error');
    },
  );

  it.each(rows(formatCalls(window)))('writes %s as Prometheus does', async (_name, call) => {
    const { real, mocked } = await compare(call, 'success');
    expect(mocked.body).toEqual(real.body);
  });

  it.each(
    rows([
      ...seriesCalls(window, window.range),
      ...seriesCalls(window, zoom),
      ...labelNameCalls(window.range),
    ]),
  )('agrees on %s', expectAgreement);

  it('agrees on the values of every label name', async () => {
    const names = (await apiData(prometheusApi, 'labels', {})) as string[];
    expect(names).toEqual(expect.arrayContaining(['__name__', 'cluster']));
    for (const call of labelValueCalls(window.range, names)) await expectAgreement(call.name, call);
  });

  it('labels every series with the scenario’s one cluster', async () => {
    expect(await apiData(prometheusApi, 'label/cluster/values', {})).toEqual([
      definition.cluster.name,
    ]);
    const unlabelled = await apiData(prometheusApi, 'series', {
      'match[]': '{__name__=~".+", cluster=""}',
    });
    expect(unlabelled).toEqual([]);
  });
});
