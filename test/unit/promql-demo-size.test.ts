import { describe, expect, it } from 'vitest';
import { evaluateRange } from '../../mocks/promql/evaluate';
import { createSeriesStore } from '../../mocks/promql/series-store';
import { demoSizedSeries, SAMPLES, SCRAPE_MS, START } from '../support/demo-sized-series';

// Speed at this size is measured by `npm run bench:mock`; this checks the answers at that size.
describe('the demo-sized store', () => {
  const store = createSeriesStore(demoSizedSeries());
  const end = START + (SAMPLES - 1) * SCRAPE_MS;
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
    expect(result.result).toHaveLength(5);
    for (const series of result.result as { values: unknown[] }[]) {
      expect(series.values).toHaveLength(1441);
    }
  });
});
