import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateScenario } from '../../mocks/scenario/engine';
import { scenarios } from '../../mocks/scenarios';
import { defaultPanels } from '../../src/dashboard/default-dashboard';
import { expandQuery } from '../../src/dashboard/query-template';
import { alignRange, type AlignedQueryRange } from '../../src/domain/step';
import { mergeTail, planRefresh, sampleCount } from '../../src/domain/tail-refresh';
import { queryRange, type PrometheusEndpoint } from '../../src/prometheus/client';
import { startPrometheus, backfill } from '../support/prometheus';
import type { RunningService } from '../support/service-process';

/**
 * Live refresh on a real Prometheus 2.42: every panel query of the standard dashboard, refreshed
 * by asking only for the tail and merging it in, gives at every refresh the answer a full refetch
 * of the same range gives — through scenario C's queue metrics going missing for 20 hours and
 * coming back, where series vanish from the range and reappear.
 */

const MINUTE = 60_000;
const STEP_SECONDS = 60;
const REFRESH_MS = 5 * MINUTE;
const RANGE_MS = 3 * 60 * MINUTE;

const definition = scenarios.c;
const panelQueries = defaultPanels.flatMap((panel) =>
  panel.targets.map((target) => ({
    name: `${panel.id}/${target.name}`,
    expr: expandQuery(target.expr, {
      stepSeconds: STEP_SECONDS,
      scrapeIntervalSeconds: definition.scrapeIntervalSeconds,
      variables: {},
    }),
  })),
);

let prometheus: RunningService | undefined;

beforeAll(async () => {
  prometheus = await startPrometheus(await backfill(generateScenario(definition)));
});

afterAll(async () => {
  await prometheus?.stop();
});

function endpoint(): PrometheusEndpoint {
  if (!prometheus) throw new Error('setup did not complete');
  return { url: prometheus.url };
}

function rangeEndingAt(endMs: number): AlignedQueryRange {
  return alignRange({ startMs: endMs - RANGE_MS, endMs }, STEP_SECONDS);
}

describe('tail refresh against Prometheus', () => {
  it.each(panelQueries)('$name: every merged refresh equals a full refetch', async ({ expr }) => {
    // From before the queue metrics stop (21:35 on the 18th) until after they are back.
    const firstEndMs = Date.parse('2023-03-18T21:00:00Z');
    const lastEndMs = Date.parse('2023-03-19T18:00:00Z') + RANGE_MS;
    let range = rangeEndingAt(firstEndMs);
    let cached = (await queryRange(endpoint(), { expr, ...range })).series;
    let tailSamples = 0;
    let fullSamples = 0;
    let refreshes = 0;
    for (let endMs = firstEndMs + REFRESH_MS; endMs <= lastEndMs; endMs += REFRESH_MS) {
      const next = rangeEndingAt(endMs);
      const plan = planRefresh(range, next);
      // Within a few hours the 20-hour gap is crossed by sliding, not by jumping.
      expect(plan.kind).toBe('tail');
      if (plan.kind !== 'tail') return;
      const [tail, full] = await Promise.all([
        queryRange(endpoint(), { expr, ...plan.tail }),
        queryRange(endpoint(), { expr, ...next }),
      ]);
      cached = mergeTail(cached, tail.series, next, plan.tail.startMs);
      expect(cached, new Date(endMs).toISOString()).toEqual(full.series);
      tailSamples += sampleCount(tail.series);
      fullSamples += sampleCount(full.series);
      refreshes += 1;
      range = next;
    }
    expect(refreshes).toBeGreaterThan(200);
    // A tail of a few steps against a range of 180: far fewer samples asked for.
    if (fullSamples > 0) expect(tailSamples).toBeLessThan(fullSamples / 10);
  });
});
