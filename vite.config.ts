import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev` proxies the Prometheus HTTP API to PROMETHEUS_URL, so the browser only ever
// talks to its own origin, as it will behind the production reverse proxy. The demo answers
// from a service worker and needs no proxy.
export default defineConfig(({ mode }) => {
  const prometheusUrl = process.env.PROMETHEUS_URL ?? 'http://127.0.0.1:9090';
  const proxy =
    mode === 'demo' ? undefined : { '/api/v1': { target: prometheusUrl, changeOrigin: true } };
  return {
    plugins: [react()],
    server: { host: '127.0.0.1', proxy },
    preview: { host: '127.0.0.1', proxy },
    build: { sourcemap: true },
  };
});
