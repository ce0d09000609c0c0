import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRange } from '../../src/prometheus/client';
import { PrometheusError } from '../../src/prometheus/errors';
import { startFaultProxy, type Fault, type FaultProxy } from '../support/fault-proxy';
import { smallScenario } from '../support/hand-made-scenarios';
import { backfill, startPrometheus } from '../support/prometheus';
import type { RunningService } from '../support/service-process';

let prometheus: RunningService | undefined;
let proxy: FaultProxy | undefined;

beforeAll(async () => {
  prometheus = await startPrometheus(await backfill(smallScenario()));
  proxy = await startFaultProxy(prometheus.url);
});

afterAll(async () => {
  await proxy?.stop();
  await prometheus?.stop();
});

const QUERY = {
  expr: 'vector(1)',
  startMs: 1_700_000_000_000,
  endMs: 1_700_003_600_000,
  stepSeconds: 60,
};

async function kindUnder(fault: Fault): Promise<string> {
  if (!proxy) throw new Error('setup did not complete');
  proxy.setFaults([{ fault, match: 'vector(1)' }]);
  try {
    await queryRange({ url: proxy.url }, QUERY);
    return 'ok';
  } catch (error) {
    return error instanceof PrometheusError ? error.kind : String(error);
  } finally {
    proxy.setFaults([]);
  }
}

describe('the fault proxy in front of real Prometheus', () => {
  it('passes answers through untouched when no fault is set', async () => {
    expect(await kindUnder({ kind: 'pass' })).toBe('ok');
  });

  it('turns each fault into the typed error the client reports', async () => {
    expect(await kindUnder({ kind: 'unavailable', body: 'down for maintenance' })).toBe(
      'unavailable',
    );
    expect(await kindUnder({ kind: 'too_many', retryAfterSeconds: 7 })).toBe('unavailable');
    expect(await kindUnder({ kind: 'reset' })).toBe('network');
    expect(await kindUnder({ kind: 'truncated' })).toBe('malformed');
    expect(await kindUnder({ kind: 'malformed' })).toBe('malformed');
  });

  it('answers a huge matrix with the number of series asked for', async () => {
    if (!proxy) throw new Error('setup did not complete');
    proxy.setFaults([{ fault: { kind: 'huge', seriesCount: 50_000 } }]);
    const outcome = await queryRange({ url: proxy.url }, QUERY);
    proxy.setFaults([]);
    expect(outcome.series).toHaveLength(50_000);
  });
});
