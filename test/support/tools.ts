import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/**
 * The Debian binaries the integration and end-to-end tests run, and the package of each:
 * `prometheus` brings both `prometheus` and `promtool`.
 */

export type SystemTool = 'prometheus' | 'promtool' | 'victoria-metrics' | 'nginx';

const PACKAGES: Readonly<Record<SystemTool, string>> = {
  prometheus: 'prometheus',
  promtool: 'prometheus',
  'victoria-metrics': 'victoria-metrics',
  nginx: 'nginx',
};

/** Daemons Debian installs in `/usr/sbin`, which is not on every user's PATH. */
const SBIN_TOOLS: ReadonlySet<SystemTool> = new Set(['nginx']);

export function installCommand(name: SystemTool): string {
  return `apt-get install -y ${PACKAGES[name]}`;
}

/** Absolute path of the tool on PATH, or an error that says how to install it. */
export async function requireTool(name: SystemTool): Promise<string> {
  const dirs = (process.env.PATH ?? '').split(delimiter);
  if (SBIN_TOOLS.has(name)) dirs.push('/usr/sbin');
  for (const dir of dirs) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  throw new Error(
    `${name} is not installed (not found on PATH). Install it with: ${installCommand(name)} ` +
      '(as root; run apt-get update first on a fresh machine)',
  );
}

/** Runs a tool to completion; a failure carries its stderr. */
export async function runTool(path: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(path, [...args], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error === null) resolve(stdout);
      else
        reject(
          new Error(`${path} ${args.join(' ')} failed: ${error.message}\n${stderr.slice(-4000)}`),
        );
    });
  });
}
