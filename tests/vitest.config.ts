import { defineConfig } from 'vitest/config';

// Browser journeys, reliability tests and the benchmark's smoke test drive the built api, worker
// and web: one file at a time, generous timeouts.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts', 'reliability/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
