import { describe, expect, it } from 'vitest';
import { generateScenario } from '../../mocks/scenario/engine';
import type { GeneratedScenario, RawSeries } from '../../mocks/scenario/series';
import { scenarios, type ScenarioId } from '../../mocks/scenarios';

const ids: ScenarioId[] = ['a', 'b', 'c', 'quiet'];
const generated = new Map<ScenarioId, GeneratedScenario>();
function scenario(id: ScenarioId): GeneratedScenario {
  let result = generated.get(id);
  if (result === undefined) {
    result = generateScenario(scenarios[id]);
    generated.set(id, result);
  }
  return result;
}

const named = (s: GeneratedScenario, name: string): RawSeries[] =>
  s.series.filter((series) => series.labels.__name__ === name);

/** Index of the first element that differs (or the shorter length), -1 when equal. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

/** Identity of a series without its `le` / `__name__`, to group a histogram's parts. */
function histogramKey(series: RawSeries): string {
  const rest = Object.entries(series.labels).filter(
    ([name]) => name !== '__name__' && name !== 'le',
  );
  return JSON.stringify(rest);
}

describe('the scenario engine', () => {
  it('gives identical output for the same definition and options', () => {
    const first = generateScenario(scenarios.a);
    const second = generateScenario(scenarios.a);
    expect(second.series.length).toBe(first.series.length);
    const differences = first.series.filter((series, i) => {
      const other = second.series[i];
      return (
        JSON.stringify(other?.labels) !== JSON.stringify(series.labels) ||
        firstDifference(series.timestamps, other?.timestamps ?? []) !== -1 ||
        firstDifference(series.values, other?.values ?? []) !== -1
      );
    });
    expect(differences).toEqual([]);
  });

  it('gives different noise for a different seed', () => {
    const reseeded = generateScenario({ ...scenarios.quiet, seed: scenarios.quiet.seed + 1 });
    const original = named(scenario('quiet'), 'http_requests_total')[0];
    const other = reseeded.series.find(
      (s) => JSON.stringify(s.labels) === JSON.stringify(original?.labels),
    );
    expect(firstDifference(other?.values ?? [], original?.values ?? [])).not.toBe(-1);
  });

  it.each(ids)('keeps scenario %s within the series budget of the browser demo', (id) => {
    const s = scenario(id);
    expect(s.series.length).toBeGreaterThan(150);
    expect(s.series.length).toBeLessThanOrEqual(260);
  });

  it.each(ids)('declares a family for every series of scenario %s', (id) => {
    const s = scenario(id);
    const families = new Map(s.families.map((f) => [f.name, f]));
    for (const series of s.series) {
      const family = families.get(series.family);
      expect(family, series.family).toBeDefined();
      const name = series.labels.__name__ ?? '';
      if (family?.type === 'counter') expect(name).toBe(`${family.name}_total`);
      if (family?.type === 'histogram')
        expect(name).toMatch(new RegExp(`^${family.name}_(bucket|sum|count)$`));
      if (family?.type === 'gauge') expect(name).toBe(family.name);
    }
  });

  it.each(ids)('writes strictly ascending, grid-aligned timestamps in scenario %s', (id) => {
    const s = scenario(id);
    const stepMs = s.scrapeIntervalSeconds * 1000;
    const problems: string[] = [];
    for (const series of s.series) {
      const { timestamps, values } = series;
      const where = JSON.stringify(series.labels);
      if (values.length !== timestamps.length) problems.push(`${where}: lengths differ`);
      if ((timestamps[0] ?? 0) < s.startMs) problems.push(`${where}: starts before the scenario`);
      if ((timestamps[timestamps.length - 1] ?? 0) > s.endMs)
        problems.push(`${where}: ends after it`);
      for (let i = 0; i < timestamps.length; i++) {
        const t = timestamps[i] ?? NaN;
        if (t % stepMs !== 0 || (i > 0 && t <= (timestamps[i - 1] ?? Infinity))) {
          problems.push(`${where}: sample ${String(i)} at ${String(t)}`);
          break;
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(ids)('never lets a counter of scenario %s decrease', (id) => {
    const s = scenario(id);
    const counters = new Set(s.families.filter((f) => f.type !== 'gauge').map((f) => f.name));
    const monotonic = s.series.filter((series) => counters.has(series.family));
    expect(monotonic.length).toBeGreaterThan(50);
    const decreasing = monotonic.filter((series) =>
      series.values.some((v, i) => i > 0 && v < (series.values[i - 1] ?? 0)),
    );
    expect(decreasing.map((series) => series.labels)).toEqual([]);
  });

  it.each(ids)(
    'keeps histogram buckets cumulative and _count equal to +Inf in scenario %s',
    (id) => {
      const s = scenario(id);
      const groups = new Map<string, RawSeries[]>();
      for (const series of s.series.filter((x) => x.labels.__name__?.endsWith('_bucket'))) {
        groups.set(histogramKey(series), [...(groups.get(histogramKey(series)) ?? []), series]);
      }
      expect(groups.size).toBeGreaterThan(5);
      const problems: string[] = [];
      for (const [key, buckets] of groups) {
        const sorted = [...buckets].sort((a, b) => Number(a.labels.le) - Number(b.labels.le));
        const inf = sorted[sorted.length - 1];
        if (inf?.labels.le !== '+Inf') problems.push(`${key}: no +Inf bucket`);
        const count = s.series.find(
          (x) => x.labels.__name__?.endsWith('_count') && histogramKey(x) === key,
        );
        if (firstDifference(count?.values ?? [], inf?.values ?? []) !== -1)
          problems.push(`${key}: _count ≠ +Inf`);
        for (let j = 1; j < sorted.length; j++) {
          const lower = sorted[j - 1]?.values ?? new Float64Array();
          const upper = sorted[j]?.values ?? new Float64Array();
          if (upper.some((v, i) => v < (lower[i] ?? Infinity)))
            problems.push(`${key}: le=${String(sorted[j]?.labels.le)}`);
        }
      }
      expect(problems).toEqual([]);
    },
  );

  it('counts every HTTP request once in the latency histogram', () => {
    const s = scenario('a');
    const counts = named(s, 'http_request_duration_seconds_count');
    expect(counts).toHaveLength(6);
    for (const count of counts) {
      const { instance } = count.labels;
      const requests = named(s, 'http_requests_total').filter(
        (r) => r.labels.instance === instance,
      );
      expect(requests.map((r) => r.labels.code).sort()).toEqual(['200', '404', '500', '503']);
      const summed = count.values.map((_, i) =>
        requests.reduce((sum, r) => sum + (r.values[i] ?? 0), 0),
      );
      expect(firstDifference(summed, count.values)).toBe(-1);
    }
  });

  it('produces the metric names and labels the default dashboard reads', () => {
    const s = scenario('c');
    const labelsOf = (name: string): string[] =>
      Object.keys(named(s, name)[0]?.labels ?? {}).sort();
    expect(labelsOf('http_requests_total')).toEqual([
      '__name__',
      'cluster',
      'code',
      'instance',
      'job',
      'namespace',
      'service',
    ]);
    expect(labelsOf('http_request_duration_seconds_bucket')).toContain('le');
    expect(labelsOf('queue_depth')).toEqual(
      expect.arrayContaining(['namespace', 'service', 'queue']),
    );
    expect(labelsOf('apiserver_request_total')).toEqual(
      expect.arrayContaining(['verb', 'resource', 'code']),
    );
    expect(
      named(s, 'apiserver_current_inflight_requests')
        .map((x) => x.labels.request_kind)
        .sort(),
    ).toEqual(['mutating', 'readOnly']);
    expect(labelsOf('apiserver_flowcontrol_rejected_requests_total')).toEqual(
      expect.arrayContaining(['priority_level', 'reason']),
    );
    expect(
      named(s, 'coredns_dns_responses_total')
        .map((x) => x.labels.rcode)
        .sort(),
    ).toEqual(['NOERROR', 'NXDOMAIN', 'SERVFAIL']);
    const jobs = new Set(s.series.map((x) => x.labels.job).filter((j) => j !== undefined));
    expect(new Set(named(s, 'up').map((x) => x.labels.job))).toEqual(jobs);
  });

  it.each(ids)('labels every series of scenario %s with its one cluster', (id) => {
    const clusters = new Set(scenario(id).series.map((series) => series.labels.cluster));
    expect([...clusters]).toEqual([scenarios[id].cluster.name]);
  });

  it('gives each scenario a cluster name of its own', () => {
    expect(new Set(ids.map((id) => scenarios[id].cluster.name)).size).toBe(ids.length);
  });

  it('works at a 30 s scrape interval', () => {
    const fine = scenario('a');
    const coarse = generateScenario(scenarios.a, { scrapeIntervalSeconds: 30 });
    expect(coarse.scrapeIntervalSeconds).toBe(30);
    expect(coarse.series.length).toBe(fine.series.length);
    const up = named(coarse, 'up')[0];
    expect(up?.timestamps[1]).toBe((up?.timestamps[0] ?? 0) + 30_000);
    const total = (x: GeneratedScenario): number =>
      named(x, 'http_requests_total').reduce(
        (sum, r) => sum + (r.values[r.values.length - 1] ?? 0) - (r.values[0] ?? 0),
        0,
      );
    // The same traffic, counted at half as many scrapes.
    expect(total(coarse) / total(fine)).toBeCloseTo(1, 1);
  });

  it('moves every timestamp by the shift and keeps every other value', () => {
    const shiftMs = 400 * 86_400_000;
    const real = scenario('quiet');
    const shifted = generateScenario(scenarios.quiet, { shiftMs });
    expect(shifted.startMs).toBe(real.startMs + shiftMs);
    expect(shifted.endMs).toBe(real.endMs + shiftMs);
    const problems = real.series.filter((series, i) => {
      const moved = shifted.series[i];
      // ReplicaSet creation times are times too, and move with everything else.
      const expected =
        series.labels.__name__ === 'kube_replicaset_created'
          ? series.values.map((v) => v + shiftMs / 1000)
          : series.values;
      return (
        JSON.stringify(moved?.labels) !== JSON.stringify(series.labels) ||
        firstDifference(
          moved?.timestamps ?? [],
          series.timestamps.map((t) => t + shiftMs),
        ) !== -1 ||
        firstDifference(moved?.values ?? [], expected) !== -1
      );
    });
    expect(problems.map((series) => series.labels)).toEqual([]);
  });
});
