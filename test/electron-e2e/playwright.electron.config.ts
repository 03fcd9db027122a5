import { defineConfig } from '@playwright/test';

/**
 * Desktop end-to-end tests with Playwright's Electron support (`npm run e2e:electron`). They need the Electron
 * binary; where it is not installed they report themselves as skipped.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: 120_000,
  workers: 1,
  reporter: [['list']],
  outputDir: '../../test-results/electron-e2e',
});
