#!/usr/bin/env node
/**
 * `npm run lint:electron`: Electronegativity (Doyensec) over the Electron shell. Fails (exit 1) on
 * any HIGH finding and prints every finding, so MEDIUM/LOW ones are read as well.
 *
 * Two scans, both required to be free of HIGH findings:
 *   - the TypeScript sources of electron/shell (tests left out: they are not shipped and would only
 *     add noise), where a finding points at the line to change;
 *   - the esbuild output dist/electron/shell, the code that actually ships, which also covers any
 *     source file Electronegativity's TypeScript parser could not read.
 * The scanner is told the Electron version (-e) because it cannot detect it from a folder without
 * package.json; its release-list lookups need the internet and are skipped (with a note) offline.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
/** The installed electron package's version (its types are installed even without the binary). */
const electronVersion = () => require('electron/package.json').version;
const cli = path.join(
  path.dirname(require.resolve('@doyensec/electronegativity/package.json')),
  'dist',
  'index.js',
);

/**
 * Checks not run, each with the reason. Keep this empty unless a check misreads current Electron;
 * the reason must say why the finding cannot apply, not that it is inconvenient.
 */
const EXCLUDED_CHECKS = [];

const work = mkdtempSync(path.join(os.tmpdir(), 'kiosk-electronegativity-'));

function scan(label, input) {
  const output = path.join(work, `${label}.csv`);
  const args = [cli, '-i', input, '-o', output, '-r', '-e', electronVersion()];
  if (EXCLUDED_CHECKS.length) args.push('-x', EXCLUDED_CHECKS.map((c) => c.check).join(','));
  const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const log = `${result.stdout}\n${result.stderr}`;
  if (result.status !== 0) {
    console.error(log);
    throw new Error(`electronegativity failed on ${label} (exit ${result.status})`);
  }
  const parseErrors = log.split('\n').filter((line) => line.includes('Error parsing'));
  const findings = [];
  for (const line of readFileSync(output, 'utf8').split('\n').slice(1)) {
    // The leading columns are fixed: ID,"SEVERITY","CONFIDENCE","file","line:col". Later columns
    // quote inconsistently, so only these are read.
    const match = /^([A-Z0-9_]+),"(\w+)","(\w+)","([^"]*)","([^"]*)"/.exec(line);
    if (match) {
      const [, check, severity, confidence, file, location] = match;
      findings.push({ check, severity, confidence, file, location });
    }
  }
  const offline = log.includes('No connectivity');
  return { findings, parseErrors, offline };
}

// The shipped bundles, fresh.
const build = spawnSync(
  process.execPath,
  [path.join(root, 'scripts', 'build-node.mjs'), '--only=shell,preload'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (build.status !== 0) process.exit(build.status ?? 1);

// Sources without tests.
const sources = path.join(work, 'shell-src');
const shellDir = path.join(root, 'electron', 'shell');
for (const name of readdirSync(shellDir)) {
  if (name.endsWith('.ts') && !name.endsWith('.test.ts'))
    cpSync(path.join(shellDir, name), path.join(sources, name));
}

let high = 0;
try {
  for (const [label, input] of [
    ['electron/shell (TypeScript sources)', sources],
    ['dist/electron/shell (esbuild output)', path.join(root, 'dist', 'electron', 'shell')],
  ]) {
    const { findings, parseErrors, offline } = scan(label.split(' ')[0].replaceAll('/', '_'), input);
    console.log(`\n${label}: ${findings.length} finding(s)`);
    for (const f of findings)
      console.log(`  ${f.severity.padEnd(13)} ${f.confidence.padEnd(9)} ${f.check}  ${f.file}:${f.location}`);
    for (const e of parseErrors) console.log(`  note: ${e.trim()} (the esbuild output scan covers it)`);
    if (offline)
      console.log('  note: Electron release list unreachable (offline); version-advisory checks skipped.');
    high += findings.filter((f) => f.severity === 'HIGH').length;
  }
  for (const { check, reason } of EXCLUDED_CHECKS) console.log(`excluded ${check}: ${reason}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (high > 0) {
  console.error(
    `\nlint:electron: ${high} HIGH finding(s). Fix them (or, if a check misreads current Electron, exclude it in scripts/lint-electron.mjs with the reason).`,
  );
  process.exit(1);
}
console.log('\nlint:electron: no HIGH findings.');
