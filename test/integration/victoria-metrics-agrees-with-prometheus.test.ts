import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeriesStore, type SeriesStore } from '../../mocks/promql/series-store';
import { generateScenario } from '../../mocks/scenario/engine';
import { scenarios } from '../../mocks/scenarios';
import { defaultDashboard } from '../../src/dashboard/default-dashboard';
import { expandQuery } from '../../src/dashboard/query-template';
import { alignRange } from '../../src/domain/step';
import type { AbsoluteRange } from '../../src/domain/time-range';
import { incidentReport, type IncidentReport } from '../../src/domain/incident-report';
import { labelValues, queryRange } from '../../src/prometheus/client';
import { parseReportArgs } from '../../src/report/report-args';
import { runReport } from '../../src/report/run-report';
import {
  QUERY_SOURCE_READERS,
  sourceStepSeconds,
  type FoundEvents,
  type QuerySourceName,
} from '../../src/sources/query-sources';
import {
  dashboardStep,
  queriesWithoutSeries,
  rangeCalls,
  type AgreementCall,
  type ScenarioWindow,
} from '../support/agreement-queries';
import {
  compareEngines,
  dataEdges,
  lookbackAt,
  storyDifference,
  storyOf,
} from '../support/engine-agreement';
import { startPrometheusWith } from '../support/prometheus';
import { callApi, type ApiResponse, type MatrixSeries } from '../support/prometheus-api';
import type { RunningService } from '../support/service-process';
import { startVictoriaMetricsWith } from '../support/victoria-metrics';

/**
 * The standard dashboard on VictoriaMetrics (Debian's single node, 1.79) tells the story it
 * tells on Prometheus. The same scenario samples go into both; every panel query and change
 * source query is asked of both, as the dashboard asks them (over the whole window at the
 * dashboard's step, and zoomed in at 15 s). The answers must hold the same series with equal
 * values except where MetricsQL documents a difference (see `engine-agreement.ts`: `rate()` near
 * the edges of the data, Prometheus's 5-minute lookback after a series stops); each line must
 * peak at the same time and height; the variables must offer the same choices; and the app's
 * own readers must find the same changes and incident windows in both.
 *
 * Scenarios: A (two deploys and their rollbacks, alerts, a latency spike), B (a DaemonSet
 * rollout, the API-server panel, DNS, and a 15-minute gap in the API server's metrics, where
 * the engines' edge rules meet) and C (the only one with queues, config and scale changes, a
 * gap in the queue's metrics, and a 60-hour window read at a coarse step). The quiet day adds no
 * query shape or edge the other three lack, so it is left to the Prometheus tests.
 */

const ENGINE = 'VictoriaMetrics';
const MINUTE = 60_000;
const SCENARIOS = [scenarios.a, scenarios.b, scenarios.c] as const;

function rows(calls: readonly AgreementCall[]): [string, AgreementCall][] {
  return calls.map((call) => [call.name, call]);
}

function matrixOf(response: ApiResponse): MatrixSeries[] {
  return (response.body.data as { result: MatrixSeries[] }).result;
}

describe.each(SCENARIOS)('scenario $id in VictoriaMetrics and in Prometheus', (definition) => {
  const scrapeIntervalMs = definition.scrapeIntervalSeconds * 1000;
  const window: ScenarioWindow = {
    range: {
      startMs: Date.parse(definition.window.start),
      endMs: Date.parse(definition.window.end),
    },
    scrapeIntervalSeconds: definition.scrapeIntervalSeconds,
  };
  const focusMs = Date.parse(definition.impactStart ?? definition.window.start);
  const zoom: ScenarioWindow = {
    ...window,
    range: { startMs: focusMs - 30 * MINUTE, endMs: focusMs + 30 * MINUTE },
  };
  const withoutSeries = new Set(queriesWithoutSeries[definition.id as 'a' | 'b' | 'c']);

  let prometheus: RunningService | undefined;
  let victoriaMetrics: RunningService | undefined;
  let store: SeriesStore | undefined;
  const totals = { equal: 0, tolerated: 0 };

  beforeAll(async () => {
    const scenario = generateScenario(definition);
    store = createSeriesStore(scenario.series);
    [prometheus, victoriaMetrics] = await Promise.all([
      startPrometheusWith(scenario),
      startVictoriaMetricsWith(scenario),
    ]);
  });

  afterAll(async () => {
    console.info(
      `scenario ${definition.id}: ${String(totals.equal)} points equal in both engines, ` +
        `${String(totals.tolerated)} (${((100 * totals.tolerated) / Math.max(1, totals.equal + totals.tolerated)).toFixed(2)} %) different where a documented engine difference allows it`,
    );
    await Promise.all([prometheus?.stop(), victoriaMetrics?.stop()]);
  });

  function started() {
    if (!prometheus || !victoriaMetrics || !store) throw new Error('setup did not complete');
    return { prometheus, victoriaMetrics, store };
  }

  async function bothAnswer(call: AgreementCall): Promise<[ApiResponse, ApiResponse]> {
    const { prometheus, victoriaMetrics } = started();
    const ask = (server: RunningService) =>
      callApi(`${server.url}/api/v1`, call.endpoint, call.params, call.method);
    return Promise.all([ask(prometheus), ask(victoriaMetrics)]);
  }

  async function expectSameAnswers(call: AgreementCall): Promise<[ApiResponse, ApiResponse]> {
    const [real, other] = await bothAnswer(call);
    const query = typeof call.params.query === 'string' ? call.params.query : '';
    const comparison = compareEngines(
      real,
      other,
      dataEdges(query, started().store, scrapeIntervalMs, Number(call.params.step) * 1000),
      ENGINE,
    );
    expect(comparison.disagreement, `${call.endpoint} ${JSON.stringify(call.params)}`).toBe(
      undefined,
    );
    totals.equal += comparison.equal;
    totals.tolerated += comparison.tolerated;
    return [real, other];
  }

  it.each(rows(rangeCalls(window, dashboardStep(window))))(
    'agrees over the whole window on %s, and each line peaks at the same time and height',
    async (_name, call) => {
      const [real, other] = await expectSameAnswers(call);
      const series = matrixOf(real).length;
      if (withoutSeries.has(call.queryName ?? '')) expect(series).toBe(0);
      else expect(series).toBeGreaterThan(0);
      if (!call.queryName?.startsWith('source/')) {
        expect(storyDifference(storyOf(matrixOf(real)), storyOf(matrixOf(other)), ENGINE)).toBe(
          undefined,
        );
      }
    },
  );

  it.each(rows(rangeCalls(zoom, 15)))(
    'agrees zoomed in around the impact on %s',
    async (_name, call) => {
      await expectSameAnswers(call);
    },
  );

  it('differs from Prometheus only at a small share of the points', () => {
    // Ran after the comparisons above (tests in a file run in order).
    expect(totals.equal).toBeGreaterThan(10_000);
    expect(totals.tolerated / (totals.equal + totals.tolerated)).toBeLessThan(0.02);
  });

  it('offers the same choices for every standard variable', async () => {
    const { prometheus, victoriaMetrics } = started();
    for (const variable of defaultDashboard.variables) {
      const options = {
        ...(variable.match === undefined
          ? {}
          : {
              match: [
                expandQuery(variable.match, {
                  stepSeconds: 15,
                  scrapeIntervalSeconds: 15,
                  variables: {},
                }),
              ],
            }),
        ...window.range,
      };
      const [real, other] = await Promise.all([
        labelValues({ url: prometheus.url }, variable.labelName, options),
        labelValues({ url: victoriaMetrics.url }, variable.labelName, options),
      ]);
      expect(real.length, variable.name).toBeGreaterThan(0);
      expect(other, variable.name).toEqual(real);
    }
  });

  /** What the dashboard's readers find in one engine's answers to the change sources. */
  async function readSources(
    server: RunningService,
    range: AbsoluteRange,
  ): Promise<Map<QuerySourceName, FoundEvents>> {
    const stepSeconds = sourceStepSeconds(range, window.scrapeIntervalSeconds);
    const aligned = alignRange(range, stepSeconds);
    const found = new Map<QuerySourceName, FoundEvents>();
    for (const name of Object.keys(QUERY_SOURCE_READERS) as QuerySourceName[]) {
      const reader = QUERY_SOURCE_READERS[name];
      if (reader === null) continue;
      const expr = expandQuery(defaultDashboard.sources[name].expr, {
        stepSeconds,
        scrapeIntervalSeconds: window.scrapeIntervalSeconds,
        variables: {},
      });
      const { series } = await queryRange({ url: server.url }, { expr, ...aligned });
      found.set(name, reader(series, range, stepSeconds * 1000));
    }
    return found;
  }

  it.each([
    ['over the whole window', window.range],
    ['zoomed in around the impact', zoom.range],
  ])('finds the same changes and incident windows %s', async (_name, range) => {
    const { prometheus, victoriaMetrics } = started();
    const [real, other] = await Promise.all([
      readSources(prometheus, range),
      readSources(victoriaMetrics, range),
    ]);
    const changes = (found: Map<QuerySourceName, FoundEvents>) =>
      [...found].map(([name, events]) => [name, events.changes]);
    expect(changes(other)).toEqual(changes(real));
    const events = [...real.values()].flatMap((found) => [...found.changes, ...found.incidents]);
    expect(events.length).toBeGreaterThan(0);

    // Alert windows: the same alerts from the same step. A window's end is the last step that
    // still sees the alert; backfilled ALERTS have no staleness markers, so each engine sees it
    // for its own lookback after it stopped (live, both end it at once).
    const stepMs = sourceStepSeconds(range, window.scrapeIntervalSeconds) * 1000;
    const realWindows = real.get('alerts')?.incidents ?? [];
    const otherWindows = other.get('alerts')?.incidents ?? [];
    const withoutEnd = (windows: typeof realWindows) =>
      windows.map((incident) => ({
        ...incident,
        endMs: incident.endMs === null ? 'open' : 'ended',
      }));
    expect(withoutEnd(otherWindows)).toEqual(withoutEnd(realWindows));
    realWindows.forEach((incident, i) => {
      const end = otherWindows[i]?.endMs ?? null;
      // Open in both, as compared above.
      if (incident.endMs === null || end === null) return;
      expect(Math.abs(incident.endMs - end), incident.title).toBeLessThanOrEqual(
        lookbackAt(stepMs),
      );
    });
  });
  it('gives the postmortem report Prometheus gives: onsets, suspects, changes, blind spots', async () => {
    const { prometheus, victoriaMetrics } = started();
    const reportOf = async (server: RunningService): Promise<IncidentReport> => {
      const options = parseReportArgs([
        ...['--prometheus', server.url, '--from', definition.window.start],
        ...['--to', definition.window.end, '--format', 'json'],
      ]);
      if (options === null) throw new Error('no options');
      const { analysis, errors } = await runReport(options);
      expect(errors).toEqual([]);
      return incidentReport(analysis, errors);
    };
    const [real, other] = await Promise.all([reportOf(prometheus), reportOf(victoriaMetrics)]);
    const stepMs = real.stepSeconds * 1000;
    const near = (a: string | null, b: string | null, what: string) => {
      expect(b === null, what).toBe(a === null);
      if (a !== null && b !== null) {
        expect(Math.abs(Date.parse(a) - Date.parse(b)), what).toBeLessThanOrEqual(stepMs);
      }
    };

    expect(other.stepSeconds).toBe(real.stepSeconds);
    expect(other.changes).toEqual(real.changes);
    expect(real.changes.length).toBeGreaterThan(0);
    // The same signals move, in the same order, within a step of each other.
    expect(other.signals.map((s) => [s.id, s.order])).toEqual(
      real.signals.map((s) => [s.id, s.order]),
    );
    real.signals.forEach((signal, i) => {
      near(signal.onset, other.signals[i]?.onset ?? null, `${signal.id} onset`);
    });
    expect(real.onset).not.toBeNull();
    // The same suspects in the same order, each with the same lead to within a step.
    const suspect = (s: IncidentReport['suspects'][number]) => `${s.kind} ${s.service} ${s.time}`;
    expect(other.suspects.map(suspect)).toEqual(real.suspects.map(suspect));
    real.suspects.forEach((s, i) => {
      expect(Math.abs(s.leadSeconds - (other.suspects[i]?.leadSeconds ?? NaN))).toBeLessThanOrEqual(
        real.stepSeconds,
      );
    });
    // The same blind spots; where one ends, an engine's lookback may see the series a little
    // longer (see the alert windows above).
    const blind = (b: IncidentReport['blindSpots'][number]) => `${b.signal} ${b.reason}`;
    expect(other.blindSpots.map(blind)).toEqual(real.blindSpots.map(blind));
    real.blindSpots.forEach((b, i) => {
      const o = other.blindSpots[i];
      expect(Math.abs(Date.parse(b.start) - Date.parse(o?.start ?? ''))).toBeLessThanOrEqual(
        lookbackAt(stepMs),
      );
    });
    console.info(
      `scenario ${definition.id} report: ${String(real.changes.length)} changes, ` +
        `${String(real.suspects.length)} suspects, ${String(real.blindSpots.length)} blind spots, ` +
        `onset ${real.onset ?? 'none'} in both engines`,
    );
  });
});
