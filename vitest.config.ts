import { defineConfig } from 'vitest/config';

// Unit and integration tests. End-to-end tests in Chromium have their own config (test/vitest.e2e.config.ts).
export default defineConfig({
  test: {
    include: [
      '{domain,drivers,kiosk-config,central,electron,renderer}/**/*.test.{ts,tsx}',
      'test/integration/**/*.test.ts',
      'test/chaos/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 20_000,
  },
});
