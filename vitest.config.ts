import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    // Files share one module graph: the suite is pure functions, and this halves its wall time on 2 cores.
    isolate: false,
    testTimeout: 120_000,
  },
});
