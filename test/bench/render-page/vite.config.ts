import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The render benchmark's page: the app's chart and naive recharts, built as production code. */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, '../../../.cache/bench-render'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  preview: { host: '127.0.0.1' },
});
