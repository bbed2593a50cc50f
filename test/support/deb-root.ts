import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { installPaths, projectRoot } from '../../scripts/install-paths.mjs';

/**
 * The kiosk-terminal .deb built and installed without the Electron binary: a stand-in app folder
 * laid out like electron-builder's linux-unpacked, and a throwaway root with an empty dpkg database
 * to install it into.
 */
export const paths = installPaths();

export function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { encoding: 'utf8', env });
  if (result.error) throw result.error;
  return result;
}

export function ok(command: string, args: string[], env?: NodeJS.ProcessEnv): string {
  const result = run(command, args, env);
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} → ${result.status}\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** An app folder laid out like electron-builder's linux-unpacked, with a stand-in binary. */
export function standInApp(dir: string): string {
  const app = path.join(dir, 'linux-unpacked');
  const resources = path.join(app, 'resources', 'app');
  ok(process.execPath, [
    path.join(projectRoot, 'scripts', 'build-node.mjs'),
    '--only=kiosk-config',
    `--out-root=${resources}`,
  ]);
  // The real app carries its production node_modules beside dist/; the stand-in borrows the project's.
  symlinkSync(path.join(projectRoot, 'node_modules'), path.join(resources, 'node_modules'));
  const binary = path.join(app, paths.linux.executableName);
  writeFileSync(
    binary,
    [
      '#!/bin/sh',
      '# Stand-in for the Electron binary: only its --kiosk-config mode, with node in place of the main process.',
      'here=$(dirname "$(readlink -f "$0")")',
      'for arg; do',
      '  shift',
      `  if [ "$arg" = --kiosk-config ]; then exec '${process.execPath}' "$here/resources/app/dist/kiosk-config/cli.js" "$@"; fi`,
      'done',
      'echo "stand-in: the kiosk itself needs the Electron binary" >&2',
      'exit 1',
      '',
    ].join('\n'),
  );
  chmodSync(binary, 0o755);
  return app;
}

/** A root with an empty dpkg database and the account files useradd --prefix edits. */
export function throwawayRoot(dir: string): string {
  const root = path.join(dir, 'root');
  for (const sub of ['etc', 'var/lib/dpkg/info', 'var/lib/dpkg/updates'])
    mkdirSync(path.join(root, sub), { recursive: true });
  for (const file of ['status', 'available']) writeFileSync(path.join(root, 'var/lib/dpkg', file), '');
  writeFileSync(path.join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\n');
  // No input or render group here: the postinst must add only the groups that exist.
  writeFileSync(path.join(root, 'etc/group'), 'root:x:0:\ndialout:x:20:\nvideo:x:44:\n');
  writeFileSync(path.join(root, 'etc/shadow'), 'root:*:19000:0:99999:7:::\n', { mode: 0o640 });
  writeFileSync(path.join(root, 'etc/gshadow'), 'root:*::\ndialout:*::\nvideo:*::\n', { mode: 0o640 });
  return root;
}

export const dpkgIn = (root: string, ...args: string[]) =>
  // chrootless: dpkg runs the maintainer scripts on this host with DPKG_ROOT=<root>. The
  // dependencies (cage, Electron's libraries) are not in this empty database.
  run('dpkg', [`--root=${root}`, '--force-script-chrootless', '--force-depends', ...args]);
