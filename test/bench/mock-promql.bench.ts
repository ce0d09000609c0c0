import { bench, describe } from 'vitest';
import { evaluateRange } from '../../mocks/promql/evaluate';
import { createSeriesStore } from '../../mocks/promql/series-store';
import { demoSizedSeries, SAMPLES, SCRAPE_MS, START } from '../support/demo-sized-series';

/**
 * How fast the demo's mock Prometheus answers at the demo's size (~250 series of 14,400
 * samples), against the baseline of only selecting the same series. Run: `npm run bench:mock`.
 */
const store = createSeriesStore(demoSizedSeries());
const end = START + (SAMPLES - 1) * SCRAPE_MS;
const start = end - 6 * 3600_000;

describe('6 h at 15 s step', () => {
  bench('baseline: select the 20 request series', () => {
    evaluateRange('http_requests_total', store, end, end, 15_000);
  });
  bench('sum by (service) (rate(http_requests_total[5m]))', () => {
    evaluateRange('sum by (service) (rate(http_requests_total[5m]))', store, start, end, 15_000);
  });
  bench('histogram_quantile over 120 bucket series', () => {
    evaluateRange(
      'histogram_quantile(0.99, sum by (service, le) (rate(http_request_duration_seconds_bucket[5m])))',
      store,
      start,
      end,
      15_000,
    );
  });
});
