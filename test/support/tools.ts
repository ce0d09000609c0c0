import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/**
 * The Prometheus binaries the integration and end-to-end tests run. Debian's `prometheus`
 * package brings both `prometheus` and `promtool`.
 */

export type PrometheusTool = 'prometheus' | 'promtool';

export const INSTALL_COMMAND = 'apt-get install -y prometheus';

/** Absolute path of the tool on PATH, or an error that says how to install it. */
export async function requireTool(name: PrometheusTool): Promise<string> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
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
    `${name} is not installed (not found on PATH). Install it with: ${INSTALL_COMMAND} ` +
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
