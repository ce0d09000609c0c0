/**
 * The raw output of a scenario: what a scrape would have stored in Prometheus's TSDB.
 * Everything downstream (the OpenMetrics writer for real Prometheus, the MSW PromQL evaluator
 * for the demo and component tests) reads these and nothing else, so both answer from the
 * same samples.
 */

/** Label set of one series, `__name__` included (e.g. `http_requests_total`). */
export type Labels = Readonly<Record<string, string>>;

/** Metric family types as OpenMetrics declares them. */
export type FamilyType = 'counter' | 'gauge' | 'histogram';

export interface MetricFamily {
  /** Family name as in `# TYPE`: `http_requests` for samples named `http_requests_total`. */
  readonly name: string;
  readonly type: FamilyType;
  readonly help: string;
}

export interface RawSeries {
  /** Name of the family this series belongs to (a key of `GeneratedScenario.families`). */
  readonly family: string;
  readonly labels: Labels;
  /** Sample times in epoch milliseconds, strictly ascending; a gap means the series was absent. */
  readonly timestamps: Float64Array;
  /** Sample values, same length as `timestamps`. */
  readonly values: Float64Array;
}

export interface GeneratedScenario {
  readonly id: string;
  /** First and last sample time of the scenario's window, epoch ms (after placement). */
  readonly startMs: number;
  readonly endMs: number;
  readonly scrapeIntervalSeconds: number;
  readonly families: readonly MetricFamily[];
  readonly series: readonly RawSeries[];
}
