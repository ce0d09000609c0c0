import { defineConfig } from 'vitest/config';

/**
 * The benchmarks against real Prometheus and Chromium (`npm run bench`, `npm run bench:wall`):
 * apart from `npm test`, one file at a time, with time for a long run.
 */
export default defineConfig({
  test: {
    include: ['test/bench/**/*.run.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 3_600_000,
    hookTimeout: 600_000,
  },
});
