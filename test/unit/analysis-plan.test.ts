import { describe, expect, it } from 'vitest';
import {
  analyzeAnswers,
  planAnalysis,
  planQueries,
  PRE_ROLL_MS,
} from '../../src/dashboard/analysis-plan';
import { defaultDashboard } from '../../src/dashboard/default-dashboard';
import { MAX_POINTS_PER_SERIES } from '../../src/domain/step';
import { HOUR, T0 } from '../support/synthetic-series';

const range = { startMs: T0 - 6 * HOUR, endMs: T0 + 4 * HOUR };
const points = (q: { startMs: number; endMs: number; stepSeconds: number }) =>
  (q.endMs - q.startMs) / 1000 / q.stepSeconds + 1;

describe('planAnalysis', () => {
  const plan = planAnalysis({ dashboard: defaultDashboard, range });

  it('queries every panel target and every enabled source, each once', () => {
    expect(plan.panels.map((p) => [p.id, p.targets.length])).toEqual([
      ['error_ratio', 1],
      ['latency', 2],
      ['queue_depth', 2],
      ['apiserver', 5],
      ['dns', 1],
    ]);
    expect(plan.sources.map((s) => s.name)).toEqual([
      'deploys',
      'daemonsetRollouts',
      'statefulsetRollouts',
      'buildVersions',
      'configChanges',
      'scaleChanges',
      'alerts',
    ]);
    expect(plan.scrapeHealth?.expr).toBe('min by (job) (up)');
    expect(planQueries(plan)).toHaveLength(11 + 7 + 1);
  });

  it('reads the signals from a pre-roll before the range, at a step of the range alone', () => {
    const target = plan.panels[0]?.targets[0]?.query;
    expect(target?.startMs).toBeLessThanOrEqual(range.startMs - PRE_ROLL_MS);
    expect(target?.stepSeconds).toBe(30);
    expect(target?.expr).toContain('[1m]');
  });

  it('reads the changes from the look-back before the range', () => {
    const source = plan.sources[0]?.query;
    expect(source?.startMs).toBeLessThanOrEqual(range.startMs - 24 * HOUR);
    expect(
      planAnalysis({ dashboard: defaultDashboard, range, lookbackMs: HOUR }).sources[0]?.query
        .startMs,
    ).toBeGreaterThan(range.startMs - 2 * HOUR);
  });

  it('never steps finer than the scrape interval, nor past Prometheus’s point limit', () => {
    const short = planAnalysis({
      dashboard: { ...defaultDashboard, scrapeIntervalSeconds: 60 },
      range: { startMs: T0, endMs: T0 + HOUR },
    });
    expect(short.stepSeconds).toBe(60);
    const long = planAnalysis({
      dashboard: defaultDashboard,
      range: { startMs: T0 - 90 * 24 * HOUR, endMs: T0 },
    });
    for (const query of planQueries(long))
      expect(points(query)).toBeLessThanOrEqual(MAX_POINTS_PER_SERIES);
  });

  it('applies the chosen variables to the queries', () => {
    const chosen = planAnalysis({
      dashboard: defaultDashboard,
      range,
      variables: { service: ['api'] },
    });
    expect(chosen.panels[0]?.targets[0]?.query.expr).toContain('service=~"api"');
  });
});

describe('analyzeAnswers', () => {
  const plan = planAnalysis({ dashboard: defaultDashboard, range });

  it('names the queries that failed and analyses the rest', () => {
    const failing = plan.panels[4]?.targets[0]?.query;
    const { analysis, errors, complete } = analyzeAnswers(plan, {
      query: (q) =>
        q === failing
          ? { ok: false, error: new Error('HTTP 503') }
          : { ok: true, value: { series: [], warnings: [] } },
    });
    expect(errors).toEqual([{ source: 'dns', message: 'HTTP 503' }]);
    expect(complete).toBe(true);
    expect(analysis.signals.map((s) => s.id)).toEqual([
      'error_ratio',
      'latency',
      'queue_depth',
      'apiserver',
      'dns',
    ]);
    expect(analysis.onsetMs).toBeNull();
  });

  it('says it is not complete while answers are missing', () => {
    expect(analyzeAnswers(plan, { query: () => undefined }).complete).toBe(false);
  });
});
