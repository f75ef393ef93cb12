import { defineConfig } from 'vitest/config';

// Browser journeys and reliability tests drive the built api, worker and web: one file at a time, generous timeouts.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts', 'reliability/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
