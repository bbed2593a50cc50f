#!/usr/bin/env node
/**
 * Bundles the Node-side code with esbuild:
 *   shell    electron/shell/main.ts        → dist/electron/shell/main.js     (ESM, Electron main process)
 *   preload  electron/shell/preload.ts     → dist/electron/shell/preload.cjs (CommonJS: sandboxed preloads cannot be ESM)
 *   backend  electron/backend/process-main.ts → dist/backend/process-main.js (ESM, utilityProcess / node)
 *   central  central/server.ts             → dist/central/server.js          (ESM, node)
 *   kiosk-config kiosk-config/cli.ts       → dist/kiosk-config/cli.js        (ESM; run by the packaged
 *            app's --kiosk-config mode, electron/shell/cli-mode.ts), with kiosk-config/profiles/ beside it
 *
 * Every npm package stays external (loaded from node_modules at run time): native modules
 * (better-sqlite3, serialport, node-hid) cannot be bundled, and fastify/pino resolve files at run
 * time. The build then checks that each external import is a runtime dependency, a Node built-in
 * or electron, because a devDependency would be missing from the packaged app, and writes the list
 * to dist/node-externals.json for scripts/package.mjs.
 *
 * Usage: node scripts/build-node.mjs [--only=shell,preload,backend,central,kiosk-config] [--out-root=<dir>]
 *   --out-root  write dist/ under <dir> instead of the project (the package test builds the CLI
 *               into its own folder so it never replaces the dist/ other runs use)
 */
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const runtimeDeps = new Set(Object.keys(pkg.dependencies ?? {}));

// ESM output cannot call require(); some bundled CommonJS helpers do. Give them one.
const esmRequireBanner =
  "import { createRequire as __kioskCreateRequire } from 'node:module';\nconst require = __kioskCreateRequire(import.meta.url);";

const targets = {
  shell: {
    entry: 'electron/shell/main.ts',
    out: 'dist/electron/shell/main.js',
    format: 'esm',
    electron: true,
  },
  preload: {
    entry: 'electron/shell/preload.ts',
    out: 'dist/electron/shell/preload.cjs',
    format: 'cjs',
    electron: true,
  },
  backend: {
    entry: 'electron/backend/process-main.ts',
    out: 'dist/backend/process-main.js',
    format: 'esm',
    electron: false,
  },
  central: { entry: 'central/server.ts', out: 'dist/central/server.js', format: 'esm', electron: false },
  'kiosk-config': {
    entry: 'kiosk-config/cli.ts',
    out: 'dist/kiosk-config/cli.js',
    format: 'esm',
    electron: false,
    // The CLI finds its profiles beside its own file (PROFILES_DIR in kiosk-config/cli.ts).
    copy: [['kiosk-config/profiles', 'dist/kiosk-config/profiles']],
  },
};

const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const outRootArg = process.argv.find((a) => a.startsWith('--out-root='));
const outRoot = outRootArg ? path.resolve(outRootArg.slice('--out-root='.length)) : root;
const selected = onlyArg ? onlyArg.slice('--only='.length).split(',').filter(Boolean) : Object.keys(targets);
for (const name of selected) {
  if (!targets[name]) {
    console.error(`build-node: unknown target "${name}"; known: ${Object.keys(targets).join(', ')}`);
    process.exit(2);
  }
}
const missing = selected.filter((name) => !existsSync(path.join(root, targets[name].entry)));
if (missing.length) {
  for (const name of missing)
    console.error(`build-node: ${targets[name].entry} does not exist, so "${name}" cannot be built.`);
  console.error('build-node: build the others with --only=<targets>.');
  process.exit(1);
}

function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const problems = [];
const externalsByTarget = {};
for (const name of selected) {
  const t = targets[name];
  const externals = new Set();
  const result = await build({
    absWorkingDir: root,
    entryPoints: [t.entry],
    outfile: path.join(outRoot, t.out),
    bundle: true,
    platform: 'node',
    // Electron 41 ships Node 22; the backend and central also run under plain Node 20 in development.
    target: 'node20',
    format: t.format,
    packages: 'external',
    external: ['electron'],
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
    banner: t.format === 'esm' ? { js: esmRequireBanner } : undefined,
    define: name === 'preload' ? { __KIOSK_SHELL_VERSION__: JSON.stringify(pkg.version) } : undefined,
  });
  for (const output of Object.values(result.metafile.outputs)) {
    for (const imp of output.imports) {
      if (!imp.external) continue;
      if (isBuiltin(imp.path)) continue;
      const dep = packageOf(imp.path);
      if (dep === 'electron') {
        if (!t.electron) problems.push(`${t.entry} imports electron; only electron/shell/ may.`);
        continue;
      }
      if (!runtimeDeps.has(dep)) {
        problems.push(
          `${t.entry} imports "${imp.path}", which is not in package.json "dependencies"; the packaged app would not have it.`,
        );
        continue;
      }
      externals.add(dep);
    }
  }
  externalsByTarget[name] = [...externals].sort();
  for (const [from, to] of t.copy ?? [])
    cpSync(path.join(root, from), path.join(outRoot, to), { recursive: true });
  console.log(`build-node: ${t.entry} → ${path.relative(root, path.join(outRoot, t.out))}`);
}

if (problems.length) {
  for (const p of problems) console.error(`build-node: ${p}`);
  process.exit(1);
}

// Merge with what earlier partial builds found, so `--only=shell` does not forget the backend's needs.
const listPath = path.join(outRoot, 'dist', 'node-externals.json');
const previous = existsSync(listPath) ? JSON.parse(readFileSync(listPath, 'utf8')) : { byTarget: {} };
// Recorded per target so rebuilding one target replaces its entry instead of accumulating stale ones.
const byTarget = { ...previous.byTarget, ...externalsByTarget };
mkdirSync(path.dirname(listPath), { recursive: true });
writeFileSync(listPath, `${JSON.stringify({ byTarget }, null, 2)}\n`);
