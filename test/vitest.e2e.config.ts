import { defineConfig } from 'vitest/config';

// End-to-end tests: the browser host in-process, Debian's Chromium driven by playwright-core.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    // The journeys run with voice on in elderly mode; a CI machine has no sound device, where the
    // speech-dispatcher that spd-say starts waits for audio. The real engine has its own test
    // (test/integration/voice-engine.test.ts), which records it into a file.
    env: { KIOSK_VOICE_ENGINE: 'none' },
  },
});
