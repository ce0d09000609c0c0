import { execFile } from 'node:child_process';
import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { freePort, startService, type RunningService } from './service-process';

const root = resolve(import.meta.dirname, '../..');
const vite = resolve(root, 'node_modules/vite/bin/vite.js');
/** Built apart from `dist/`, so a test run never overwrites what the developer built. */
export const E2E_OUT_DIR = resolve(root, '.cache/e2e-dist');

/** The demo's build, as `npm run demo` makes it. */
export const DEMO_OUT_DIR = resolve(root, '.cache/e2e-demo-dist');

async function viteBuild(mode: string, outDir: string): Promise<void> {
  await promisify(execFile)(
    process.execPath,
    [vite, 'build', '--mode', mode, '--outDir', outDir, '--emptyOutDir'],
    // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    { cwd: root, env: { ...process.env, NODE_ENV: 'production' } },
  );
}

/** The production build as `npm run build` makes it, and the demo build as `npm run demo` does. */
export async function buildApp(): Promise<void> {
  await viteBuild('production', E2E_OUT_DIR);
  await viteBuild('demo', DEMO_OUT_DIR);
}

/**
 * A site root in `dir` as a team serves it: the production build, plus JSON files of their own
 * beside it (dashboard configs, a status page copy, an events file), keyed by their path.
 */
export async function siteRootWith(
  dir: string,
  files: Iterable<readonly [string, unknown]>,
): Promise<string> {
  await mkdir(dir);
  for (const entry of await readdir(E2E_OUT_DIR)) {
    await symlink(join(E2E_OUT_DIR, entry), join(dir, entry));
  }
  for (const [path, content] of files) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), JSON.stringify(content));
  }
  return dir;
}

/**
 * `vite preview` of the build, proxying `/api/v1` to the given Prometheus; `env` may add
 * `PROMETHEUS_BEARER_TOKEN`, `PROMETHEUS_BASIC_AUTH` or `PROMETHEUS_TENANT`.
 */
export async function servePreview(
  prometheusUrl: string,
  env: Readonly<Record<string, string>> = {},
): Promise<RunningService> {
  const port = await freePort();
  return startService({
    command: process.execPath,
    args: [vite, 'preview', '--outDir', E2E_OUT_DIR, '--port', String(port), '--strictPort'],
    env: { ...env, PROMETHEUS_URL: prometheusUrl },
    url: `http://127.0.0.1:${String(port)}`,
    readyPath: '/',
  });
}

/** `npm run demo`: the demo build served with no Prometheus at all. */
export async function serveDemo(): Promise<RunningService> {
  const port = await freePort();
  return startService({
    command: process.execPath,
    args: [
      vite,
      'preview',
      '--mode',
      'demo',
      '--outDir',
      DEMO_OUT_DIR,
      '--port',
      String(port),
      '--strictPort',
    ],
    env: { PROMETHEUS_URL: 'http://127.0.0.1:9' },
    url: `http://127.0.0.1:${String(port)}`,
    readyPath: '/',
  });
}

/** `npm run dev -- --host 127.0.0.1 --port N --strictPort` against the given Prometheus. */
export async function serveDev(prometheusUrl: string): Promise<RunningService> {
  const port = await freePort();
  return startService({
    command: process.execPath,
    args: [vite, '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    env: { PROMETHEUS_URL: prometheusUrl },
    url: `http://127.0.0.1:${String(port)}`,
    readyPath: '/',
    timeoutMs: 60_000,
  });
}
