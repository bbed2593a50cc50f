import { defineConfig } from 'vitest/config';

// Tests that need the real Electron binary; run by scripts/test-electron.mjs only where it exists.
export default defineConfig({
  test: {
    include: ['test/electron/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
