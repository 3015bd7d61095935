import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Integration tests start real daemons on fixed loopback ports: one file at a time.
          fileParallelism: false,
          // Real daemons on a shared 2-core machine: in CI a test gets one more try, and the report still shows
          // it as retried, so a timing flake is visible without sinking the run.
          retry: process.env.CI ? 1 : 0,
        },
      },
    ],
  },
});
