import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backfill, startPrometheus } from '../support/prometheus';
import { smallScenario } from '../support/hand-made-scenarios';
import { requireTool } from '../support/tools';
import { startVictoriaMetrics } from '../support/victoria-metrics';

const path = process.env.PATH;

afterEach(() => {
  process.env.PATH = path;
});

describe('when Prometheus is not installed', () => {
  it('says which command installs promtool', async () => {
    process.env.PATH = '/nonexistent';
    await expect(backfill(smallScenario())).rejects.toThrow(
      'promtool is not installed (not found on PATH). Install it with: apt-get install -y prometheus',
    );
  });

  it('says which command installs prometheus', async () => {
    process.env.PATH = '/nonexistent';
    await expect(startPrometheus('/nonexistent/blocks')).rejects.toThrow(
      'prometheus is not installed (not found on PATH). Install it with: apt-get install -y prometheus',
    );
  });
});

describe('when VictoriaMetrics or nginx is not installed', () => {
  it('says which command installs victoria-metrics', async () => {
    process.env.PATH = '/nonexistent';
    await expect(startVictoriaMetrics()).rejects.toThrow(
      'victoria-metrics is not installed (not found on PATH). Install it with: apt-get install -y victoria-metrics',
    );
  });

  it('finds nginx in /usr/sbin, where Debian puts it, even off the PATH', async () => {
    process.env.PATH = '/nonexistent';
    expect(await requireTool('nginx')).toBe('/usr/sbin/nginx');
  });
});

describe('when Prometheus cannot start', () => {
  it('fails with what Prometheus wrote to stderr', async () => {
    // A file where the blocks directory should be: Prometheus cannot open its storage there.
    const dir = await mkdtemp(join(tmpdir(), 'aftershock-not-blocks-'));
    try {
      await writeFile(join(dir, 'blocks'), 'not a directory');
      await expect(startPrometheus(join(dir, 'blocks'))).rejects.toThrow(
        /prometheus exited with 2:[\s\S]*queries.active: not a directory/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a started Prometheus', () => {
  it('is ready to answer queries, and gone by PID once stopped', async () => {
    const prometheus = await startPrometheus(await backfill(smallScenario()));
    const ready = await fetch(`${prometheus.url}/-/ready`);
    expect(ready.status).toBe(200);
    await prometheus.stop();
    expect(() => process.kill(prometheus.pid, 0)).toThrow(/ESRCH/);
    await expect(fetch(`${prometheus.url}/-/ready`)).rejects.toThrow();
  });
});
