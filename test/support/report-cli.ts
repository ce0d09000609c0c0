import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eventsFile } from '../../mocks/scenario/events';
import type { ScenarioDefinition } from '../../mocks/scenario/definition';
import { statuspageIncidents } from '../../mocks/scenario/statuspage';
import type { IncidentReport } from '../../src/domain/incident-report';

const root = resolve(import.meta.dirname, '../..');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `npm run report -- …` as a user types it, in the project's directory; `--silent` keeps npm's
 * own banner off stdout, as a user piping the JSON into a file would.
 */
export function runReportCli(args: readonly string[], { silent = true } = {}): Promise<CliRun> {
  return new Promise((done) => {
    execFile(
      'npm',
      ['run', ...(silent ? ['--silent'] : []), 'report', '--', ...args],
      { cwd: root, maxBuffer: 32 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        done({ code, stdout, stderr });
      },
    );
  });
}

export function reportJson(run: CliRun): IncidentReport {
  if (run.code !== 0) throw new Error(`report exited ${String(run.code)}: ${run.stderr}`);
  return JSON.parse(run.stdout) as IncidentReport;
}

/** The scenario's events file and status page written to a temporary folder (remove `dir`). */
export async function scenarioFiles(
  definition: ScenarioDefinition,
): Promise<{ dir: string; events: string; statuspage: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'aftershock-report-'));
  const events = join(dir, 'events.json');
  const statuspage = join(dir, 'statuspage.json');
  await writeFile(events, JSON.stringify(eventsFile(definition, 0)));
  await writeFile(statuspage, JSON.stringify(statuspageIncidents(definition, 0)));
  return { dir, events, statuspage };
}
