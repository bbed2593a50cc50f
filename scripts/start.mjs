#!/usr/bin/env node
/**
 * `npm start [-- args]`: the kiosk with simulated devices and the embedded central API.
 *
 * With the Electron binary installed: builds the renderer and the Node bundles, then runs Electron
 * with the args (e.g. --kiosk-maintenance, --config <path>). Without it: says so in one line and
 * runs the browser host (same backend and renderer, served on loopback and opened in Chromium).
 * The browser host prints a one-time address of the page (good once, for a minute; no secret in
 * it); pressing Enter in this terminal prints a new one, since our stdin is the child's.
 * `--no-build` skips the builds. Signals are passed to the child and its exit code becomes ours.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/**
 * The Electron binary's path, or null. `require('electron')` from plain Node returns the path, or
 * throws "Electron failed to install correctly" when its postinstall never downloaded the binary
 * (as on machines without internet, where package.json allowScripts denies it).
 */
function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}
const args = process.argv.slice(2);
const skipBuild = args.includes('--no-build');
const childArgs = args.filter((a) => a !== '--no-build');

/** Runs a Node script to completion with our own node binary: no npx or shell, so it works alike on Windows. */
function runNodeScript(script, scriptArgs) {
  const result = spawnSync(process.execPath, [script, ...scriptArgs], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function buildRenderer() {
  // The simulated mode keeps the developer panel, shown only while every device is simulated,
  // as in `npm run start:browser`. Packaging builds the production mode.
  const vite = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  runNodeScript(vite, ['build', '--config', 'renderer/vite.config.ts', '--mode', 'simulated']);
}

function runChild(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      // A terminal's Ctrl+C already reached the child (same process group); a kill aimed at this
      // process alone did not. Passing it on covers both; a second SIGINT is harmless to Node.
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.on('error', (err) => {
    console.error(`Could not start ${command}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exit(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1));
  });
}

const electron = electronBinary();
if (electron) {
  if (!skipBuild) {
    buildRenderer();
    runNodeScript(path.join(root, 'scripts', 'build-node.mjs'), []);
  }
  runChild(electron, [root, ...childArgs]);
} else {
  console.log(
    'Electron is not installed on this machine (its binary could not be downloaded); starting the browser host instead.',
  );
  if (!skipBuild) buildRenderer();
  const tsx = path.join(path.dirname(require.resolve('tsx/package.json')), 'dist', 'cli.mjs');
  runChild(process.execPath, [tsx, path.join('electron', 'backend', 'browser-host.ts'), ...childArgs]);
}
