import { describe, expect, it } from 'vitest';
import { evaluateRange } from '../../mocks/promql/evaluate';
import { createSeriesStore } from '../../mocks/promql/series-store';
import { generateScenario } from '../../mocks/scenario/engine';
import { scenarios } from '../../mocks/scenarios';

// Speed at this size is measured by `npm run bench:mock`; this checks the answers at that size.
describe('the store of scenario C, the largest the demo serves', () => {
  const scenario = generateScenario(scenarios.c);
  const store = createSeriesStore(scenario.series);
  const end = scenario.endMs;
  const start = end - 6 * 3600_000;

  it('answers a 6 h range at 15 s step with one point per step per service', () => {
    const result = evaluateRange(
      'sum by (service) (rate(http_requests_total[5m]))',
      store,
      start,
      end,
      15_000,
    );
    expect(result.resultType).toBe('matrix');
    const services = new Set(
      scenario.series
        .filter((series) => series.labels.__name__ === 'http_requests_total')
        .map((series) => series.labels.service),
    );
    expect(result.result).toHaveLength(services.size);
    for (const series of result.result as { values: unknown[] }[]) {
      expect(series.values).toHaveLength(1441);
    }
  });
});
