#!/usr/bin/env node
/**
 * `npm run test:electron`: the tests that need the real Electron binary. Where the binary is not
 * installed (its download is impossible on our build machines) this says so in one line and runs
 * nothing — it never reports a pass it did not earn. Elsewhere it builds and runs them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let binary = null;
try {
  const path = require('electron');
  if (typeof path === 'string' && existsSync(path)) binary = path;
} catch {
  binary = null;
}
if (!binary) {
  console.log(
    'test:electron NOT RUN: the Electron binary is not installed on this machine, so the shell smoke tests cannot run here (install it with `node node_modules/electron/install.js` where downloads are possible).',
  );
  process.exit(0);
}
const run = (args) => {
  const result = spawnSync('npm', args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
run(['run', 'build:renderer:sim']);
run(['run', 'build:node']);
run(['exec', '--', 'vitest', 'run', '--config', 'test/vitest.electron.config.ts']);
