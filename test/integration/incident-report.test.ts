import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDashboardJson } from '../../mocks/demo/start-demo';
import { generateScenario } from '../../mocks/scenario/engine';
import { scenarios } from '../../mocks/scenarios';
import { incidentReport, type IncidentReport } from '../../src/domain/incident-report';
import { parseReportArgs } from '../../src/report/report-args';
import { runReport } from '../../src/report/run-report';
import { startPrometheusWith } from '../support/prometheus';
import { reportJson, runReportCli, scenarioFiles } from '../support/report-cli';
import { freePort, type RunningService } from '../support/service-process';

/**
 * The postmortem report of each seed scenario from a real Prometheus 2.42, through the real
 * command (`npm run report`, spawned as a user runs it) and through the same code in-process:
 * both must give the same answer, and that answer must be the scenario's story.
 */

const MIN = 60_000;
const ms = (time: string | null | undefined) => (time == null ? NaN : Date.parse(time));
const signal = (report: IncidentReport, id: string) => report.signals.find((s) => s.id === id);

interface Case {
  readonly name: string;
  readonly id: 'a' | 'b' | 'c' | 'quiet';
  readonly scrapeIntervalSeconds?: number;
  readonly check: (report: IncidentReport) => void;
}

const cases: readonly Case[] = [
  {
    name: 'A',
    id: 'a',
    check: (report) => {
      const onset = ms(signal(report, 'error_ratio')?.onset);
      expect(Math.abs(onset - Date.parse('2024-01-30T00:19:00Z'))).toBeLessThanOrEqual(2 * MIN);
      const top3 = report.suspects.slice(0, 3).map((s) => `${s.time} ${s.service}`);
      expect(top3).toContain('2024-01-30T00:17:00Z chatgpt');
      expect(top3).toContain('2024-01-29T22:33:00Z backend');
      expect(report.suspects[0]?.leadSeconds).toBeGreaterThan(0);
    },
  },
  {
    name: 'B',
    id: 'b',
    check: (report) => {
      expect(ms(signal(report, 'apiserver')?.onset)).toBeLessThan(
        ms(signal(report, 'error_ratio')?.onset),
      );
      expect(report.signals.find((s) => s.order === 1)?.id).toBe('apiserver');
      expect(report.suspects[0]).toMatchObject({ kind: 'deploy', service: 'node-telemetry' });
    },
  },
  {
    name: 'C',
    id: 'c',
    check: (report) => {
      expect(ms(signal(report, 'queue_depth')?.onset)).toBeLessThan(
        ms(signal(report, 'error_ratio')?.onset),
      );
      const rank = (pred: (s: IncidentReport['suspects'][number]) => boolean) =>
        report.suspects.findIndex(pred);
      const config = rank((s) => s.kind === 'config');
      const scale = rank((s) => s.kind === 'scale');
      const unrelated = report.suspects
        .map((s, i) => ({ s, i }))
        .filter(({ s }) => s.kind === 'deploy' && !s.service.startsWith('dalle'))
        .map(({ i }) => i);
      expect(config).toBeGreaterThanOrEqual(0);
      expect(scale).toBeGreaterThanOrEqual(0);
      expect(unrelated.length).toBeGreaterThan(0);
      expect(Math.max(config, scale)).toBeLessThan(Math.min(...unrelated));
      // The queue's metrics are missing from 21:35 on the 18th to 17:35 on the 19th.
      const queueGap = report.blindSpots.find((b) => b.signal === 'queue_depth');
      expect(ms(queueGap?.start)).toBeLessThan(Date.parse('2023-03-18T22:00:00Z'));
      expect(ms(queueGap?.end)).toBeGreaterThan(Date.parse('2023-03-19T17:00:00Z'));
    },
  },
  {
    name: 'quiet',
    id: 'quiet',
    check: (report) => {
      expect(report.onset).toBeNull();
      expect(report.signals.map((s) => s.onset)).toEqual(report.signals.map(() => null));
      expect(report.suspects).toEqual([]);
      expect(report.changes.length).toBeGreaterThan(3);
    },
  },
  {
    name: 'B scraped every 30 s',
    id: 'b',
    scrapeIntervalSeconds: 30,
    check: (report) => {
      expect(report.stepSeconds).toBeGreaterThanOrEqual(30);
      expect(ms(signal(report, 'apiserver')?.onset)).toBeLessThan(
        ms(signal(report, 'error_ratio')?.onset),
      );
      expect(report.suspects[0]).toMatchObject({ kind: 'deploy', service: 'node-telemetry' });
    },
  },
];

describe.each(cases)('the report of scenario $name', (c) => {
  const definition = scenarios[c.id];
  const scrape = c.scrapeIntervalSeconds ?? definition.scrapeIntervalSeconds;
  let prometheus: RunningService | undefined;
  let files: Awaited<ReturnType<typeof scenarioFiles>> | undefined;
  let args: string[] = [];

  beforeAll(async () => {
    prometheus = await startPrometheusWith(
      generateScenario(definition, { scrapeIntervalSeconds: scrape }),
    );
    files = await scenarioFiles(definition);
    // The demo's dashboard, with the scrape interval of this Prometheus.
    const dashboard = join(files.dir, 'dashboard.json');
    const demo = demoDashboardJson();
    // Its status page and events file are paths on the demo's server: the flags stand in.
    const sources = Object.fromEntries(
      Object.entries(demo.sources).filter(
        ([name]) => name !== 'statuspage' && name !== 'eventsFile',
      ),
    );
    await writeFile(
      dashboard,
      JSON.stringify({ ...demo, scrapeInterval: `${String(scrape)}s`, sources }),
    );
    args = [
      '--prometheus',
      prometheus.url,
      '--from',
      definition.window.start,
      '--to',
      String(Date.parse(definition.window.end) / 1000),
      '--dashboard',
      dashboard,
      '--events',
      files.events,
      '--statuspage',
      files.statuspage,
    ];
  });

  afterAll(async () => {
    await prometheus?.stop();
    if (files) await rm(files.dir, { recursive: true, force: true });
  });

  it('prints the scenario’s story as JSON, the same as the analysis in-process', async () => {
    const cli = reportJson(await runReportCli([...args, '--format', 'json']));
    c.check(cli);
    const options = parseReportArgs([...args, '--format', 'json']);
    if (options === null) throw new Error('no options');
    const { analysis, errors } = await runReport(options);
    expect(errors).toEqual([]);
    expect(cli).toEqual(incidentReport(analysis, errors));
  });
});

describe('the report command', () => {
  it('writes Markdown for people by default', async () => {
    let prometheus: RunningService | undefined;
    try {
      prometheus = await startPrometheusWith(generateScenario(scenarios.a));
      const run = await runReportCli(
        [
          '--prometheus',
          prometheus.url,
          '--from',
          scenarios.a.window.start,
          '--to',
          scenarios.a.window.end,
        ],
        { silent: false },
      );
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('# Incident report');
      expect(run.stdout).toMatch(
        /\| 1 \| deploy chatgpt: chatgpt v2024\.01\.26-3 → v2024\.01\.29-1 \| 2024-01-30 00:17:00 UTC \|/,
      );
    } finally {
      await prometheus?.stop();
    }
  });

  it('exits 2 with a message naming the argument when the arguments are bad', async () => {
    const run = await runReportCli([
      '--prometheus',
      'http://127.0.0.1:9',
      '--from',
      'yesterday',
      '--to',
      'now',
    ]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--from yesterday: expected RFC 3339');
  });

  it('exits 2 with a message when Prometheus cannot be reached', async () => {
    const url = `http://127.0.0.1:${String(await freePort())}`;
    const run = await runReportCli([
      '--prometheus',
      url,
      '--from',
      '1706551200',
      '--to',
      '1706587200',
    ]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`cannot query Prometheus at ${url}`);
  });

  it('exits 2 when a file it was given cannot be read', async () => {
    const run = await runReportCli([
      '--prometheus',
      'http://127.0.0.1:9',
      '--from',
      '1706551200',
      '--to',
      '1706587200',
      '--events',
      '/nonexistent/events.json',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--events /nonexistent/events.json: cannot be read');
  });
});
