import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface JsAsset {
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

export interface JsSize {
  /** What `index.html` loads: its module scripts and modulepreloads. */
  readonly initial: readonly JsAsset[];
  readonly initialGzipBytes: number;
  /** The other chunks, loaded by `import()` when needed. */
  readonly lazy: readonly JsAsset[];
}

async function asset(outDir: string, file: string): Promise<JsAsset> {
  const content = await readFile(join(outDir, file));
  return { file, bytes: content.length, gzipBytes: gzipSync(content).length };
}

/** The JavaScript a first visit downloads, from a `vite build` output directory. */
export async function initialJsSize(outDir: string): Promise<JsSize> {
  const html = await readFile(join(outDir, 'index.html'), 'utf8');
  const tags = [
    ...html.matchAll(/<script\b[^>]*\bsrc="([^"]+\.js)"/g),
    ...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+\.js)"/g),
  ];
  const initialFiles = [...new Set(tags.map((match) => (match[1] ?? '').replace(/^\//, '')))];
  const allFiles = (await readdir(join(outDir, 'assets')))
    .filter((name) => name.endsWith('.js'))
    .map((name) => `assets/${name}`);
  const initial = await Promise.all(initialFiles.map((file) => asset(outDir, file)));
  const lazy = await Promise.all(
    allFiles.filter((file) => !initialFiles.includes(file)).map((file) => asset(outDir, file)),
  );
  return {
    initial,
    initialGzipBytes: initial.reduce((sum, one) => sum + one.gzipBytes, 0),
    lazy,
  };
}
