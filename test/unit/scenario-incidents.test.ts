import { describe, expect, it } from 'vitest';
import { generateScenario } from '../../mocks/scenario/engine';
import type { GeneratedScenario, RawSeries } from '../../mocks/scenario/series';
import { scenarios } from '../../mocks/scenarios';

const a = generateScenario(scenarios.a);
const b = generateScenario(scenarios.b);
const c = generateScenario(scenarios.c);
const quiet = generateScenario(scenarios.quiet);

const ms = (time: string): number => Date.parse(time);
const MINUTE = 60_000;

function select(
  s: GeneratedScenario,
  name: string,
  labels: Record<string, string> = {},
): RawSeries[] {
  return s.series.filter(
    (x) =>
      x.labels.__name__ === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v),
  );
}

/** The last sample at or before `t` (NaN when there is none). */
function valueAt(series: RawSeries, t: number): number {
  let lo = 0;
  let hi = series.timestamps.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((series.timestamps[mid] ?? Infinity) <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found < 0 ? NaN : (series.values[found] ?? NaN);
}

function increase(list: readonly RawSeries[], from: number, to: number): number {
  return list.reduce((sum, series) => sum + valueAt(series, to) - valueAt(series, from), 0);
}

function errorShare(s: GeneratedScenario, service: string, from: string, to: string): number {
  const requests = select(s, 'http_requests_total', { service });
  const failed = requests.filter((r) => r.labels.code?.startsWith('5'));
  return increase(failed, ms(from), ms(to)) / increase(requests, ms(from), ms(to));
}

/** First minute in [from, to) at which `signal(t)` exceeds `threshold`. */
function firstMinuteAbove(
  from: string,
  to: string,
  threshold: number,
  signal: (t: number) => number,
): number {
  for (let t = ms(from); t < ms(to); t += MINUTE) if (signal(t) > threshold) return t;
  return Infinity;
}

describe('scenario A: a latent bug triggered by a second deploy', () => {
  it.each(['chatgpt', 'api', 'backend'])(
    'fails a large share of %s requests during the impact only',
    (service) => {
      expect(
        errorShare(a, service, '2024-01-30T00:21:00Z', '2024-01-30T00:29:00Z'),
      ).toBeGreaterThan(0.4);
      expect(errorShare(a, service, '2024-01-29T22:00:00Z', '2024-01-30T00:18:00Z')).toBeLessThan(
        0.01,
      );
      expect(errorShare(a, service, '2024-01-30T00:36:00Z', '2024-01-30T03:00:00Z')).toBeLessThan(
        0.01,
      );
    },
  );

  it('makes requests slower during the impact', () => {
    const mean = (from: string, to: string): number =>
      increase(
        select(a, 'http_request_duration_seconds_sum', { service: 'chatgpt' }),
        ms(from),
        ms(to),
      ) /
      increase(
        select(a, 'http_request_duration_seconds_count', { service: 'chatgpt' }),
        ms(from),
        ms(to),
      );
    expect(mean('2024-01-30T00:21:00Z', '2024-01-30T00:29:00Z')).toBeGreaterThan(
      3 * mean('2024-01-29T23:00:00Z', '2024-01-30T00:15:00Z'),
    );
  });

  it('fires the error alert after a pending period, from 00:19', () => {
    const labels = { alertname: 'HTTPErrorRateHigh', service: 'chatgpt' };
    const pending = select(a, 'ALERTS', { ...labels, alertstate: 'pending' })[0];
    const firing = select(a, 'ALERTS', { ...labels, alertstate: 'firing' })[0];
    expect(pending?.timestamps[0]).toBe(ms('2024-01-30T00:19:15Z'));
    expect(firing?.timestamps[0]).toBe(ms('2024-01-30T00:19:45Z'));
    expect(firing?.labels.severity).toBe('critical');
    expect(firing?.values.every((v) => v === 1)).toBe(true);
  });

  it('shows both deploys, and both rollbacks, as new build versions', () => {
    const versions = (service: string, t: string): string[] =>
      select(a, 'app_build_info', { service })
        .filter((x) => x.timestamps.includes(ms(t)))
        .map((x) => x.labels.version ?? '');
    expect(new Set(versions('backend', '2024-01-29T22:00:00Z'))).toEqual(new Set(['v3.118.2']));
    expect(new Set(versions('backend', '2024-01-29T23:00:00Z'))).toEqual(new Set(['v3.119.0']));
    expect(new Set(versions('chatgpt', '2024-01-30T00:20:00Z'))).toEqual(
      new Set(['v2024.01.29-1']),
    );
    expect(new Set(versions('backend', '2024-01-30T00:40:00Z'))).toEqual(new Set(['v3.118.2']));
    expect(new Set(versions('chatgpt', '2024-01-30T00:40:00Z'))).toEqual(
      new Set(['v2024.01.26-3']),
    );
  });
});

describe('scenario B: a telemetry rollout overwhelms the API servers', () => {
  const apiserverRate = (t: number): number =>
    increase(select(b, 'apiserver_request_total'), t - 2 * MINUTE, t) / 120;
  const servfailShare = (t: number): number => {
    const all = select(b, 'coredns_dns_responses_total');
    const failed = all.filter((x) => x.labels.rcode === 'SERVFAIL');
    return increase(failed, t - 2 * MINUTE, t) / increase(all, t - 2 * MINUTE, t);
  };

  it('raises the API-server request rate before the DNS SERVFAIL share', () => {
    const baseline = apiserverRate(ms('2024-12-11T23:00:00Z'));
    const apiserverOnset = firstMinuteAbove(
      '2024-12-11T22:00:00Z',
      '2024-12-12T02:00:00Z',
      1.3 * baseline,
      apiserverRate,
    );
    const dnsOnset = firstMinuteAbove(
      '2024-12-11T22:00:00Z',
      '2024-12-12T02:00:00Z',
      0.02,
      servfailShare,
    );
    expect(apiserverOnset).toBeGreaterThanOrEqual(ms('2024-12-11T23:12:00Z'));
    expect(dnsOnset).toBeGreaterThanOrEqual(ms('2024-12-11T23:16:00Z'));
    expect(apiserverOnset).toBeLessThan(dnsOnset);
  });

  it('rejects requests with 429 through API Priority and Fairness while overloaded', () => {
    const window = [ms('2024-12-11T23:30:00Z'), ms('2024-12-12T00:00:00Z')] as const;
    const tooMany = increase(select(b, 'apiserver_request_total', { code: '429' }), ...window);
    expect(tooMany).toBeGreaterThan(100_000);
    expect(increase(select(b, 'apiserver_flowcontrol_rejected_requests_total'), ...window)).toBe(
      tooMany,
    );
    const readOnly = select(b, 'apiserver_current_inflight_requests', {
      request_kind: 'readOnly',
    })[0];
    expect(readOnly && valueAt(readOnly, ms('2024-12-11T23:40:00Z'))).toBe(400);
  });

  it('rolls out the DaemonSet at 23:12 and deploys no application there', () => {
    const generation = select(b, 'kube_daemonset_metadata_generation', {
      daemonset: 'node-telemetry',
    })[0];
    expect(generation?.labels.namespace).toBe('monitoring');
    const before = valueAt(generation as RawSeries, ms('2024-12-11T23:11:45Z'));
    expect(valueAt(generation as RawSeries, ms('2024-12-11T23:12:00Z'))).toBe(before + 1);
    const createdNearTrigger = select(b, 'kube_replicaset_created').filter(
      (x) => Math.abs((x.values[0] ?? 0) * 1000 - ms('2024-12-11T23:12:00Z')) < 3_600_000,
    );
    expect(createdNearTrigger).toEqual([]);
  });

  it('loses the API server scrape for a while: up reads 0 and its samples are missing', () => {
    const up = select(b, 'up', { job: 'apiserver' })[0] as RawSeries;
    expect(valueAt(up, ms('2024-12-12T00:10:00Z'))).toBe(0);
    expect(valueAt(up, ms('2024-12-12T00:30:00Z'))).toBe(1);
    const inflight = select(b, 'apiserver_current_inflight_requests')[0] as RawSeries;
    expect(inflight.timestamps.includes(ms('2024-12-12T00:10:00Z'))).toBe(false);
    expect(inflight.timestamps.includes(ms('2024-12-12T00:30:00Z'))).toBe(true);
  });
});

describe('scenario C: a queue backlog the day after a timeout cut and downsize', () => {
  const success = (from: string, to: string): number => 1 - errorShare(c, 'dalle-api', from, to);

  it('lets 10%, 25%, 50% and 0% of requests succeed when the seed says so', () => {
    expect(success('2023-03-18T14:00:00Z', '2023-03-18T18:00:00Z')).toBeCloseTo(0.1, 1);
    expect(success('2023-03-18T19:00:00Z', '2023-03-18T21:30:00Z')).toBeCloseTo(0.25, 1);
    expect(success('2023-03-19T05:55:00Z', '2023-03-19T06:05:00Z')).toBeCloseTo(0.5, 1);
    expect(success('2023-03-19T14:30:00Z', '2023-03-19T17:30:00Z')).toBeLessThan(0.02);
    expect(success('2023-03-19T18:30:00Z', '2023-03-19T23:00:00Z')).toBeGreaterThan(0.98);
  });

  it('has a gap in the queue metrics during the incident while the rest goes on', () => {
    for (const name of ['queue_depth', 'queue_oldest_job_age_seconds']) {
      const queue = select(c, name)[0] as RawSeries;
      const gaps = [...queue.timestamps.slice(1)].map(
        (t, i) => [queue.timestamps[i] ?? 0, t] as const,
      );
      const longest = gaps.reduce((best, gap) =>
        gap[1] - gap[0] > best[1] - best[0] ? gap : best,
      );
      expect(new Date(longest[0] + 15_000).toISOString()).toBe('2023-03-18T21:35:00.000Z');
      expect(new Date(longest[1]).toISOString()).toBe('2023-03-19T17:35:00.000Z');
    }
    const requests = select(c, 'http_requests_total', { service: 'dalle-api' })[0];
    expect(requests?.timestamps.includes(ms('2023-03-19T06:00:00Z'))).toBe(true);
    const monitorUp = select(c, 'up', { job: 'dalle-queue-monitor' })[0] as RawSeries;
    expect(valueAt(monitorUp, ms('2023-03-19T16:50:00Z'))).toBe(0);
    expect(valueAt(monitorUp, ms('2023-03-19T12:00:00Z'))).toBe(1);
  });

  it('fills the queue before requests start to fail', () => {
    const depth = select(c, 'queue_depth')[0] as RawSeries;
    const queueOnset = firstMinuteAbove('2023-03-18T06:00:00Z', '2023-03-18T20:00:00Z', 200, (t) =>
      valueAt(depth, t),
    );
    const errorOnset = firstMinuteAbove('2023-03-18T06:00:00Z', '2023-03-18T20:00:00Z', 0.1, (t) =>
      errorShare(c, 'dalle-api', new Date(t - 2 * MINUTE).toISOString(), new Date(t).toISOString()),
    );
    expect(queueOnset).toBeLessThan(errorOnset - 30 * MINUTE);
    expect(errorOnset).toBeGreaterThanOrEqual(ms('2023-03-18T13:05:00Z'));
  });

  it('records the config change and the downsize the afternoon before', () => {
    const config = select(c, 'kube_configmap_metadata_resource_version', {
      configmap: 'dalle-worker-config',
    })[0] as RawSeries;
    expect(valueAt(config, ms('2023-03-17T21:00:00Z'))).toBeGreaterThan(
      valueAt(config, ms('2023-03-17T20:59:45Z')),
    );
    const replicas = select(c, 'kube_deployment_spec_replicas', {
      deployment: 'dalle-worker',
    })[0] as RawSeries;
    expect(valueAt(replicas, ms('2023-03-17T21:04:45Z'))).toBe(12);
    expect(valueAt(replicas, ms('2023-03-17T21:05:00Z'))).toBe(6);
    expect(valueAt(replicas, ms('2023-03-18T18:15:00Z'))).toBe(12);
  });
});

describe('the quiet scenario', () => {
  it('has no ALERTS series', () => {
    expect(select(quiet, 'ALERTS')).toEqual([]);
  });

  it('keeps every service near its baseline error share all day', () => {
    for (const service of ['chatgpt', 'api', 'billing']) {
      for (let t = ms('2024-06-04T08:10:00Z'); t < ms('2024-06-04T16:00:00Z'); t += 10 * MINUTE) {
        const share = errorShare(
          quiet,
          service,
          new Date(t - 10 * MINUTE).toISOString(),
          new Date(t).toISOString(),
        );
        expect(share).toBeLessThan(0.01);
      }
    }
  });

  it('rolls out the Prometheus StatefulSet as a new generation, and no ReplicaSet', () => {
    const generation = select(quiet, 'kube_statefulset_metadata_generation', {
      namespace: 'monitoring',
      statefulset: 'prometheus',
    });
    expect(generation).toHaveLength(1);
    const series = generation[0] as RawSeries;
    const before = valueAt(series, ms('2024-06-04T10:19:45Z'));
    expect(valueAt(series, ms('2024-06-04T10:20:00Z'))).toBe(before + 1);
    expect(select(quiet, 'kube_replicaset_owner', { owner_name: 'prometheus' })).toEqual([]);
  });
});

describe('kube-state-metrics of every scenario', () => {
  it.each([
    ['a', a],
    ['b', b],
    ['c', c],
    ['quiet', quiet],
  ] as const)(
    'creates one ReplicaSet per deploy of scenario %s, at the exact time',
    (id, generated) => {
      const def = scenarios[id];
      const deployments = new Set(
        def.services.filter((s) => s.workload === 'Deployment').map((s) => s.name),
      );
      const deploys = def.timeline.filter(
        (change) => change.kind === 'deploy' && deployments.has(change.service),
      );
      const created = select(generated, 'kube_replicaset_created');
      expect(created).toHaveLength(deployments.size + deploys.length);
      for (const deploy of deploys) {
        const matches = created.filter((x) => x.values[0] === ms(deploy.time) / 1000);
        expect(matches, deploy.title).toHaveLength(1);
        const replicaset = matches[0] as RawSeries;
        expect(replicaset.timestamps[0]).toBe(ms(deploy.time));
        expect(replicaset.labels.replicaset).toMatch(
          new RegExp(`^${deploy.service}-[a-z0-9]{10}$`),
        );
        const owner = select(generated, 'kube_replicaset_owner', {
          replicaset: replicaset.labels.replicaset ?? '',
        });
        expect(
          owner.map((x) => [
            x.labels.owner_kind,
            x.labels.owner_name,
            x.labels.owner_is_controller,
          ]),
        ).toEqual([['Deployment', deploy.service, 'true']]);
      }
    },
  );
});
