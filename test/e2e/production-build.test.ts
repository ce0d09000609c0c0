import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEMO_OUT_DIR, E2E_OUT_DIR } from '../support/app-server';

/** Files index.html loads on its own: its module script and the chunks it preloads. */
async function initialScripts(outDir: string): Promise<string[]> {
  const html = await readFile(join(outDir, 'index.html'), 'utf8');
  return [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)]
    .map((match) => match[1] ?? '')
    .filter((file) => file !== '');
}

/** Source modules bundled into the given chunks (default: all), read from their source maps. */
async function bundledModules(outDir: string, chunks?: readonly string[]): Promise<string[]> {
  const files =
    chunks ??
    (await readdir(join(outDir, 'assets')))
      .filter((name) => name.endsWith('.js'))
      .map((name) => `assets/${name}`);
  const modules: string[] = [];
  for (const file of files) {
    const { sources } = JSON.parse(await readFile(join(outDir, `${file}.map`), 'utf8')) as {
      sources: string[];
    };
    modules.push(...sources);
  }
  return modules;
}

const MOCK_MODULE = /(^|\/)mocks\/|node_modules\/(msw|@mswjs|@prometheus-io|@lezer)\//;

describe('the production build', () => {
  it('bundles no module of the demo, the mock Prometheus or MSW', async () => {
    const modules = await bundledModules(E2E_OUT_DIR);
    expect(modules.length).toBeGreaterThan(100);
    expect(modules.filter((module) => MOCK_MODULE.test(module))).toEqual([]);
  });

  it('loads nothing a strict CSP refuses: no inline script or style, no handler, no data: URI', async () => {
    const html = await readFile(join(E2E_OUT_DIR, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((tag) => !/\ssrc="\/assets\/[^"]+\.js"/.test(tag))).toEqual([]);
    expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=|data:|javascript:/i);
    const links = [...html.matchAll(/\s(?:href|src)="([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(links.filter((link) => !link.startsWith('/'))).toEqual([]);
  });

  it('ships no service worker script', () => {
    expect(existsSync(join(E2E_OUT_DIR, 'mockServiceWorker.js'))).toBe(false);
  });

  it('keeps the initial JavaScript under 250 KB gzip', async () => {
    let gzipBytes = 0;
    for (const file of await initialScripts(E2E_OUT_DIR)) {
      gzipBytes += gzipSync(await readFile(join(E2E_OUT_DIR, file))).length;
    }
    console.info(`initial JS: ${(gzipBytes / 1024).toFixed(1)} KB gzip`);
    expect(gzipBytes).toBeGreaterThan(0);
    expect(gzipBytes).toBeLessThanOrEqual(250 * 1024);
  });
});

describe('the demo build', () => {
  it('loads the mock code only through a separate chunk, not from index.html', async () => {
    expect((await bundledModules(DEMO_OUT_DIR)).some((module) => MOCK_MODULE.test(module))).toBe(
      true,
    );
    const initial = await bundledModules(DEMO_OUT_DIR, await initialScripts(DEMO_OUT_DIR));
    expect(initial.length).toBeGreaterThan(100);
    expect(initial.filter((module) => MOCK_MODULE.test(module))).toEqual([]);
  });
});
