import { bench, describe } from 'vitest';
import { evaluateRange } from '../../mocks/promql/evaluate';
import { createSeriesStore } from '../../mocks/promql/series-store';
import { generateScenario } from '../../mocks/scenario/engine';
import { scenarios } from '../../mocks/scenarios';

/**
 * What the demo costs in the browser, measured in Node on scenario C, the largest seed scenario
 * (60 h at 15 s, ≈ 230 series, ≈ 3 M samples): generating it and indexing it once, then
 * answering the dashboard's kinds of range queries. Each group has a baseline in the same run
 * to read the figures against. Run: `npm run bench:mock`.
 */

const definition = scenarios.c;
const scenario = generateScenario(definition);
const store = createSeriesStore(scenario.series);
const end = scenario.endMs;
const start = end - 6 * 3600_000;
/** Each run builds the whole scenario: a few runs are enough. */
const FEW = { iterations: 5, time: 0, warmupIterations: 1, warmupTime: 0 };

describe('building scenario C in the demo', () => {
  bench(
    'baseline: copy its samples into new arrays',
    () => {
      for (const series of scenario.series) {
        Float64Array.from(series.timestamps);
        Float64Array.from(series.values);
      }
    },
    FEW,
  );
  bench('generateScenario(c)', () => void generateScenario(definition), FEW);
  bench(
    'generateScenario(c) + createSeriesStore',
    () => void createSeriesStore(generateScenario(definition).series),
    FEW,
  );
});

describe('6 h of scenario C at 15 s step', () => {
  bench('baseline: select the request series at one step', () => {
    evaluateRange('http_requests_total', store, end, end, 15_000);
  });
  bench('sum by (service) (rate(http_requests_total[5m]))', () => {
    evaluateRange('sum by (service) (rate(http_requests_total[5m]))', store, start, end, 15_000);
  });
  bench('histogram_quantile over the latency buckets', () => {
    evaluateRange(
      'histogram_quantile(0.99, sum by (service, le) (rate(http_request_duration_seconds_bucket[5m])))',
      store,
      start,
      end,
      15_000,
    );
  });
});
