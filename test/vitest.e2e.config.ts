import { defineConfig } from 'vitest/config';

// End-to-end tests: the browser host in-process, Debian's Chromium driven by playwright-core.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
