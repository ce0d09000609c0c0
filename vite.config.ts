import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** MSW's worker script lives in `public/` for the demo; a production build has no use for it. */
function withoutMockWorker(): Plugin {
  let outDir = 'dist';
  return {
    name: 'aftershock:without-mock-worker',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await rm(resolve(outDir, 'mockServiceWorker.js'), { force: true });
    },
  };
}

// `npm run dev` proxies the Prometheus HTTP API to PROMETHEUS_URL, so the browser only ever
// talks to its own origin, as it will behind the production reverse proxy. The demo answers
// from a service worker and needs no proxy.
export default defineConfig(({ mode }) => {
  const prometheusUrl = process.env.PROMETHEUS_URL ?? 'http://127.0.0.1:9090';
  const proxy =
    mode === 'demo' ? undefined : { '/api/v1': { target: prometheusUrl, changeOrigin: true } };
  return {
    plugins: mode === 'demo' ? [react()] : [react(), withoutMockWorker()],
    server: { host: '127.0.0.1', proxy },
    // The demo is served by `vite preview`; the README names this port.
    preview: { host: '127.0.0.1', port: 4173, proxy },
    // The bar that matters is the gzip size of the initial JS (a test holds it under 250 KB).
    build: { sourcemap: true, chunkSizeWarningLimit: 800 },
  };
});
