import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { E2E_OUT_DIR } from '../support/app-server';

/** Files index.html loads on its own: its module script and the chunks it preloads. */
async function initialScripts(): Promise<string[]> {
  const html = await readFile(join(E2E_OUT_DIR, 'index.html'), 'utf8');
  const references = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map(
    (m) => m[1] ?? '',
  );
  return references.filter((file) => file !== '');
}

describe('the production build', () => {
  it('loads no mock or demo code from index.html, and ships no service worker', async () => {
    const scripts = await initialScripts();
    expect(scripts.length).toBeGreaterThan(0);
    for (const file of scripts) {
      const code = await readFile(join(E2E_OUT_DIR, file), 'utf8');
      expect(code).not.toMatch(/\[MSW\]|mockServiceWorker/);
    }
    expect(existsSync(join(E2E_OUT_DIR, 'mockServiceWorker.js'))).toBe(false);
  });

  it('builds no chunk of mock code at all', async () => {
    const assets = await readdir(join(E2E_OUT_DIR, 'assets'));
    for (const file of assets.filter((name) => name.endsWith('.js'))) {
      const code = await readFile(join(E2E_OUT_DIR, 'assets', file), 'utf8');
      expect(code, file).not.toMatch(/\[MSW\]|mockServiceWorker/);
    }
  });

  it('keeps the initial JavaScript under 250 KB gzip', async () => {
    let gzipBytes = 0;
    for (const file of await initialScripts()) {
      gzipBytes += gzipSync(await readFile(join(E2E_OUT_DIR, file))).length;
    }
    console.info(`initial JS: ${(gzipBytes / 1024).toFixed(1)} KB gzip`);
    expect(gzipBytes).toBeLessThanOrEqual(250 * 1024);
  });
});
