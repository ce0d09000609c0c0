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

/**
 * What the development proxy adds to each request upstream, as nginx does in production:
 * a bearer token or basic auth (`user:password`) and a tenant (`X-Scope-OrgID`).
 */
function upstreamHeaders(env: NodeJS.ProcessEnv): Record<string, string> {
  const headers: Record<string, string> = {};
  if (env.PROMETHEUS_BEARER_TOKEN) headers.authorization = `Bearer ${env.PROMETHEUS_BEARER_TOKEN}`;
  else if (env.PROMETHEUS_BASIC_AUTH) {
    headers.authorization = `Basic ${Buffer.from(env.PROMETHEUS_BASIC_AUTH).toString('base64')}`;
  }
  if (env.PROMETHEUS_TENANT) headers['x-scope-orgid'] = env.PROMETHEUS_TENANT;
  return headers;
}

// `npm run dev` proxies the Prometheus HTTP API to PROMETHEUS_URL, so the browser only ever
// talks to its own origin, as it will behind the production reverse proxy. A path in the URL
// is the engine's API prefix (`http://mimir:8080/prometheus` serves `/prometheus/api/v1`). The
// demo answers from a service worker and needs no proxy.
export default defineConfig(({ mode }) => {
  const prometheusUrl = process.env.PROMETHEUS_URL ?? 'http://127.0.0.1:9090';
  const proxy =
    mode === 'demo'
      ? undefined
      : {
          '/api/v1': {
            target: prometheusUrl,
            changeOrigin: true,
            headers: upstreamHeaders(process.env),
          },
        };
  return {
    plugins: mode === 'demo' ? [react()] : [react(), withoutMockWorker()],
    server: { host: '127.0.0.1', proxy },
    // The demo is served by `vite preview`; the README names this port.
    preview: { host: '127.0.0.1', port: 4173, proxy },
    // The bar that matters is the gzip size of the initial JS (a test holds it under 250 KB).
    build: { sourcemap: true, chunkSizeWarningLimit: 800 },
    // The range-query worker (src/prometheus/range-worker.ts) is a module, as the page is.
    worker: { format: 'es' as const },
  };
});
