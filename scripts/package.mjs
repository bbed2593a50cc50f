#!/usr/bin/env node
/**
 * `npm run package [-- --download] [-- --stage-only] [-- electron-builder args]`
 *
 * 1. Checks that the Electron binary for this platform is on the machine (an installed
 *    node_modules/electron/dist or electron-v<version>-<platform>-<arch>.zip in the Electron cache),
 *    and stops with a plain message if not, instead of letting electron-builder fail on a download
 *    with a stack trace. `--download` skips the check where the internet is reachable.
 * 2. Builds the renderer (production mode: no developer panel) and the Node bundles.
 * 3. Stages the app into build/app/: dist/ and a production package.json naming only the packages
 *    the bundles import (dist/node-externals.json), then `npm install --omit=dev` there.
 *    Why stage: electron-builder's npmRebuild recompiles better-sqlite3, serialport and node-hid for
 *    Electron's ABI in the app directory. Done in the project, that would overwrite the builds for
 *    the Node that runs the tests and the browser host (NODE_MODULE_VERSION mismatch on the next
 *    `npm test`). With directories.app = build/app the rebuild happens in the staged copy only.
 * 4. Runs electron-builder with electron-builder.yml. On Linux that makes release/linux-unpacked,
 *    which scripts/package-deb.mjs then turns into release/kiosk-terminal_<version>_<arch>.deb
 *    (app, kiosk-config command, systemd unit, udev rules, maintainer scripts).
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
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

/** The installed electron package's version (its types are installed even without the binary). */
const electronVersion = () => require('electron/package.json').version;
const args = process.argv.slice(2);
const download = args.includes('--download');
const stageOnly = args.includes('--stage-only');
const builderArgs = args.filter((a) => a !== '--download' && a !== '--stage-only');
const stageDir = path.join(root, 'build', 'app');

function fail(message) {
  console.error(message);
  process.exit(1);
}

function electronCacheDirs() {
  if (process.env.ELECTRON_CACHE) return [process.env.ELECTRON_CACHE];
  const home = os.homedir();
  if (process.platform === 'win32')
    return [path.join(process.env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'electron', 'Cache')];
  if (process.platform === 'darwin') return [path.join(home, 'Library', 'Caches', 'electron')];
  return [path.join(process.env.XDG_CACHE_HOME ?? path.join(home, '.cache'), 'electron')];
}

/** @electron/get keeps zips either directly in the cache or in a per-URL hash subfolder. */
function findInCache(dirs, fileName) {
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    if (existsSync(path.join(dir, fileName))) return path.join(dir, fileName);
    for (const entry of readdirSync(dir)) {
      const candidate = path.join(dir, entry, fileName);
      if (statSync(path.join(dir, entry)).isDirectory() && existsSync(candidate)) return candidate;
    }
  }
  return null;
}

function run(command, commandArgs, cwd = root) {
  // npm is a .cmd on Windows, which only a shell can start.
  const result = spawnSync(command, commandArgs, {
    cwd,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0)
    fail(`package: "${command} ${commandArgs.join(' ')}" failed (exit ${result.status ?? result.signal}).`);
}

if (!stageOnly && !download) {
  const version = electronVersion();
  const zip = `electron-v${version}-${process.platform}-${process.arch}.zip`;
  const cacheDirs = electronCacheDirs();
  const cached = findInCache(cacheDirs, zip);
  const installed = electronBinary();
  // electron-builder downloads the zip even when node_modules/electron holds a binary; point it at
  // that binary instead (it matches this platform, which is the only one that can be packed then).
  if (!cached && installed)
    builderArgs.push(`--config.electronDist=${path.join(root, 'node_modules', 'electron', 'dist')}`);
  if (!installed && !cached) {
    fail(
      [
        `Cannot package: the Electron ${version} binary for ${process.platform}-${process.arch} is not on this machine`,
        `(node_modules/electron has no binary, and ${zip} is not in ${cacheDirs.join(', ')}).`,
        'It cannot be downloaded here. Copy that zip into the Electron cache (or set ELECTRON_CACHE to a folder',
        'holding it) and run `npm run package` again, or on a machine with internet run `npm run package -- --download`.',
        'electron-builder also needs its own tools (AppImage, fpm, NSIS) in its cache (~/.cache/electron-builder).',
      ].join('\n'),
    );
  }
}

// 2. Build.
const vite = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
run(process.execPath, [vite, 'build', '--config', 'renderer/vite.config.ts']);
run(process.execPath, [path.join(root, 'scripts', 'build-node.mjs')]);

// 3. Stage.
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const externals = JSON.parse(readFileSync(path.join(root, 'dist', 'node-externals.json'), 'utf8'));
const needed = new Set(
  ['shell', 'preload', 'backend', 'kiosk-config'].flatMap((t) => externals.byTarget[t] ?? []),
);
const dependencies = Object.fromEntries(
  Object.entries(pkg.dependencies ?? {}).filter(([name]) => needed.has(name)),
);
rmSync(stageDir, { recursive: true, force: true });
mkdirSync(stageDir, { recursive: true });
// The renderer's npm packages are already inside its Vite bundle; central/ is the reference
// service, not part of the kiosk. Neither is shipped. kiosk-config is the provisioning CLI the app
// runs with --kiosk-config (electron/shell/cli-mode.ts).
for (const part of ['electron', 'backend', 'renderer', 'kiosk-config']) {
  cpSync(path.join(root, 'dist', part), path.join(stageDir, 'dist', part), { recursive: true });
}
const appPackage = {
  name: pkg.name,
  productName: 'Kiosk Terminal',
  version: pkg.version,
  description: pkg.description,
  author: 'City one-window government service',
  private: true,
  type: pkg.type,
  main: pkg.main,
  dependencies,
  allowScripts: pkg.allowScripts,
};
writeFileSync(path.join(stageDir, 'package.json'), `${JSON.stringify(appPackage, null, 2)}\n`);
// The project lock file pins the same versions the tests ran against; npm trims it to this subset.
cpSync(path.join(root, 'package-lock.json'), path.join(stageDir, 'package-lock.json'));
// --ignore-scripts: native modules would be compiled for plain Node here only to be rebuilt for
// Electron by electron-builder (npmRebuild) right after; and no install script runs unreviewed.
run(
  'npm',
  ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'],
  stageDir,
);

if (stageOnly) {
  console.log(
    `package: staged into ${path.relative(root, stageDir)}; electron-builder not run (--stage-only).`,
  );
  process.exit(0);
}

// 4. Pack.
const builderCli = path.join(path.dirname(require.resolve('electron-builder/package.json')), 'cli.js');
run(process.execPath, [builderCli, '--config', 'electron-builder.yml', ...builderArgs]);

// 5. The .deb, from the unpacked app electron-builder just made (linux.target: dir).
const unpacked = path.join(root, 'release', 'linux-unpacked');
if (process.platform === 'linux' && existsSync(unpacked)) {
  run(process.execPath, [
    path.join(root, 'scripts', 'package-deb.mjs'),
    '--app',
    unpacked,
    '--out',
    path.join(root, 'release'),
  ]);
}
