import { lstatSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError, formatProblems, type FieldProblem } from './load-config';
import { KIOSK_STATE_DIR, systemFolderOf, type KioskConfig } from './schema';

/**
 * The paths of a configuration that the kiosk writes to or reads secrets from, checked on the disk
 * itself: the schema can only see the text. A key file or data folder must be the kiosk's own (owned
 * by the user it runs as), never a system file, and a key file readable only by that user (a key
 * others could read may have been copied: the kiosk does not fix that by itself). A data folder of
 * its own that is too open is tightened by the store when it opens it (store/file-modes.ts). Device
 * paths (devices.*.transport.path) are device nodes under /dev and are not checked here.
 *
 * Run before a maintenance edit is written and at every start, with the working directory the
 * kiosk resolves relative paths against.
 */
export function checkConfigPaths(
  config: Pick<KioskConfig, 'dataDir' | 'store'>,
  options: { cwd?: string; uid?: number; platform?: NodeJS.Platform } = {},
): FieldProblem[] {
  const platform = options.platform ?? process.platform;
  // Windows has neither POSIX owners nor these folders; its ACLs are the installer's job.
  if (platform === 'win32') return [];
  const uid = options.uid ?? process.getuid?.();
  const cwd = options.cwd ?? process.cwd();
  return [
    ...checkOne('store.keyFile', config.store.keyFile, 'file', cwd, uid),
    ...checkOne('dataDir', config.dataDir, 'folder', cwd, uid),
  ];
}

/** Throws a ConfigError naming every path that is not the kiosk's own. */
export function assertConfigPaths(
  config: Pick<KioskConfig, 'dataDir' | 'store'>,
  source: string,
  options: { cwd?: string; uid?: number } = {},
): void {
  const problems = checkConfigPaths(config, options);
  if (problems.length > 0) throw new ConfigError(formatProblems(problems, source), source);
}

const EXPECT = {
  file: `a key file of the kiosk's own, e.g. "${KIOSK_STATE_DIR}/keys/store.key"`,
  folder: `a data folder of the kiosk's own, e.g. "${KIOSK_STATE_DIR}/data"`,
};

function checkOne(
  field: string,
  value: string,
  kind: 'file' | 'folder',
  cwd: string,
  uid: number | undefined,
): FieldProblem[] {
  const path = resolve(cwd, value);
  const got = JSON.stringify(value) + (path === value ? '' : ` (${path})`);
  const problem = (why: string, expected = EXPECT[kind]): FieldProblem[] => [
    { field, got: `${got}${why}`, expected },
  ];
  const system = systemFolderOf(path);
  if (system) return problem('', `${EXPECT[kind]}, not in the system folder ${system}`);

  let existing: Stats | undefined;
  try {
    existing = lstatSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') return problem(` that cannot be checked (${code ?? 'unknown error'})`);
  }
  if (!existing) {
    // It will be made at start: in a folder of the kiosk's own, so no one else can put theirs first.
    const parent = nearestExisting(dirname(path));
    if (!parent) return problem(' in a folder that cannot be checked');
    const real = realpathSync(parent.path);
    const parentSystem = systemFolderOf(real);
    if (parentSystem)
      return problem(` (to be made in ${real})`, `${EXPECT[kind]}, not in the system folder ${parentSystem}`);
    if (!parent.stats.isDirectory()) return problem(` (to be made in ${parent.path}, which is a file)`);
    if (uid !== undefined && parent.stats.uid !== uid) {
      return problem(
        ` (to be made in ${parent.path}, owned by user ${parent.stats.uid})`,
        `${EXPECT[kind]} in a folder owned by the kiosk's user (uid ${uid})`,
      );
    }
    return [];
  }

  // A link is judged by where it leads: a link to /etc/shadow is /etc/shadow.
  const real = realpathSync(path);
  const realSystem = systemFolderOf(real);
  if (realSystem)
    return problem(` (leads to ${real})`, `${EXPECT[kind]}, not in the system folder ${realSystem}`);
  const stats = statSync(path);
  if (kind === 'file' && !stats.isFile()) return problem(' (not a file)');
  if (kind === 'folder' && !stats.isDirectory()) return problem(' (not a folder)');
  if (uid !== undefined && stats.uid !== uid) {
    return problem(
      ` (owned by user ${stats.uid})`,
      `${EXPECT[kind]}, owned by the kiosk's user (uid ${uid})`,
    );
  }
  if (kind === 'file' && (stats.mode & 0o077) !== 0) {
    return problem(
      ` (mode ${(stats.mode & 0o777).toString(8)}: other users can read it)`,
      `a key file only the kiosk's user can read: run "chmod 600 ${path}" as that user (and if others may have copied it, ask support about replacing the key)`,
    );
  }
  return [];
}

function nearestExisting(start: string): { path: string; stats: Stats } | undefined {
  let path = start;
  for (;;) {
    try {
      return { path, stats: statSync(path) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return undefined;
    }
    const up = dirname(path);
    if (up === path) return undefined;
    path = up;
  }
}
