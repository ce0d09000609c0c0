import { setupServer } from 'msw/node';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prometheusHandlers } from '../../mocks/prometheus-api/handlers';
import { createSeriesStore, type SeriesStore } from '../../mocks/promql/series-store';
import { generateScenario } from '../../mocks/scenario/engine';
import type { GeneratedScenario } from '../../mocks/scenario/series';
import { scenarios } from '../../mocks/scenarios';
import {
  dashboardStep,
  extraQueries,
  instantCalls,
  labelNameCalls,
  labelValueCalls,
  rangeCalls,
  seriesCalls,
  type AgreementCall,
  type ScenarioWindow,
} from '../support/agreement-queries';
import { firstDisagreement } from '../support/api-agreement';
import { backfillWithReport, startPrometheus } from '../support/prometheus';
import { apiData, callApi } from '../support/prometheus-api';
import type { RunningService } from '../support/service-process';

/**
 * The demo's MSW handlers must answer like Prometheus. For each seed scenario, the same calls go
 * to MSW (evaluating the scenario's raw samples) and to real Prometheus holding the same samples
 * backfilled from OpenMetrics; the answers must list the same series with values equal within a
 * relative 1e-9 (absolute 1e-12, NaN equal to NaN).
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

describe.each(Object.values(scenarios))('scenario $id at its real dates', (definition) => {
  const window: ScenarioWindow = {
    range: {
      startMs: Date.parse(definition.window.start),
      endMs: Date.parse(definition.window.end),
    },
    scrapeIntervalSeconds: definition.scrapeIntervalSeconds,
  };
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
    const report = await backfillWithReport(scenario);
    const startedAt = performance.now();
    prometheus = await startPrometheus(report.blocksDir);
    prometheusApi = `${prometheus.url}/api/v1`;
    scenarioStore = createSeriesStore(scenario.series);
    const samples = scenario.series.reduce((sum, series) => sum + series.timestamps.length, 0);
    console.info(
      `scenario ${definition.id}: ${String(scenario.series.length)} series, ${String(samples)} samples; ` +
        (report.cached
          ? 'blocks from cache'
          : `writer ${(report.writerMs / 1000).toFixed(1)} s, promtool ${(report.promtoolMs / 1000).toFixed(1)} s`) +
        `; Prometheus ready in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`,
    );
  });

  afterAll(async () => {
    await prometheus?.stop();
  });

  async function compare(call: AgreementCall, prometheusMustSucceed: boolean): Promise<void> {
    store = scenarioStore;
    const [real, mocked] = await Promise.all([
      callApi(prometheusApi, call.endpoint, call.params, call.method),
      callApi(MSW_API, call.endpoint, call.params, call.method),
    ]);
    if (prometheusMustSucceed) {
      expect(real.body.status, `Prometheus failed ${call.name}: ${real.body.error ?? ''}`).toBe(
        'success',
      );
    }
    expect(
      firstDisagreement(real, mocked),
      `${call.method} ${call.endpoint} ${JSON.stringify(call.params)}`,
    ).toBeUndefined();
  }

  /** The same answer, and a successful one: the dashboard's own queries must work. */
  const expectAgreement = (_name: string, call: AgreementCall) => compare(call, true);
  /** The same answer, errors included. */
  const expectSameAnswer = (_name: string, call: AgreementCall) => compare(call, false);

  it('covers exactly the window of its definition', () => {
    expect(scenario?.startMs).toBe(window.range.startMs);
    expect(scenario?.endMs).toBe(window.range.endMs);
  });

  it.each(rows(rangeCalls(window, dashboardStep(window))))(
    'agrees over the whole window on %s',
    expectAgreement,
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
        extraQueries,
      ),
      ...rangeCalls({ ...window, range: zoom }, 15, extraQueries),
    ]),
  )('agrees on more PromQL, errors included: %s', expectSameAnswer);

  it.each(
    rows([
      ...seriesCalls(window, window.range),
      ...seriesCalls(window, zoom),
      ...labelNameCalls(window.range),
    ]),
  )('agrees on %s', expectAgreement);

  it('agrees on the values of every label name', async () => {
    const names = (await apiData(prometheusApi, 'labels', {})) as string[];
    expect(names).toContain('__name__');
    for (const call of labelValueCalls(window.range, names)) await expectAgreement(call.name, call);
  });
});
