/**
 * CoreDNS responses by rcode. Clients retry failed lookups, so a SERVFAIL storm also raises the
 * number of responses — the share, not the count, is the signal.
 */

import { column, type EngineContext } from './context';
import { roundRandomly, wander } from './random';

export const COREDNS_TARGET = { job: 'coredns', instance: '10.8.0.10:9153' };

/** Search-path expansion makes many lookups of a cluster answer NXDOMAIN on a normal day. */
const NXDOMAIN_SHARE = 0.2;
const BASELINE_SERVFAIL = 0.0003;

export function addDnsMetrics(ctx: EngineContext): void {
  const { grid, sink } = ctx;
  sink.family('coredns_dns_responses', 'counter', 'DNS responses by rcode.');
  const random = ctx.random('coredns');
  const drift = wander(random, grid.steps, grid.stepSeconds, 0.03, 1200);
  const servfail = ctx.faults.level('dns_servfail');
  const rcodes = ['NOERROR', 'NXDOMAIN', 'SERVFAIL'].map((rcode) => ({
    rcode,
    total: 0,
    values: column(grid),
  }));
  const perStep = ctx.def.cluster.dnsResponsesPerSecond * grid.stepSeconds;
  for (let k = 0; k < grid.steps; k++) {
    const failShare = 1 - (1 - BASELINE_SERVFAIL) * (1 - (servfail[k] ?? 0));
    const expected = perStep * (ctx.daily[k] ?? 1) * (1 + (drift[k] ?? 0)) * (1 + 2 * failShare);
    const responses = roundRandomly(Math.max(0, expected * (1 + 0.02 * random.gauss())), random);
    const failed = roundRandomly(responses * failShare, random);
    const missing = Math.min(
      responses - failed,
      roundRandomly((responses - failed) * NXDOMAIN_SHARE, random),
    );
    const counts = [responses - failed - missing, missing, failed];
    rcodes.forEach((entry, i) => {
      entry.total += counts[i] ?? 0;
      entry.values[k] = entry.total;
    });
  }
  for (const { rcode, values } of rcodes) {
    const labels = {
      __name__: 'coredns_dns_responses_total',
      server: 'dns://:53',
      zone: '.',
      rcode,
      ...COREDNS_TARGET,
    };
    sink.add('coredns_dns_responses', labels, values);
  }
}
