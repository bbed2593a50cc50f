import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** Why a configuration file could not be written, in terms staff can act on. */
export interface ConfigWriteFailure {
  /** The folder the file (and its previous version) is written into. */
  folder: string;
  /** The folder's owner by name, else its uid; null when the folder cannot be looked at. */
  owner: string | null;
  /** The system's error code: EACCES, EPERM, EROFS, ENOSPC, ENOTDIR, ... */
  cause: string;
}

/** Errors of the file system that say the file cannot be written there, not that the code is wrong. */
const WRITE_CAUSES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'ENOTDIR', 'ENOENT', 'EISDIR']);

/**
 * The user name of a uid from /etc/passwd. Node has no getpwuid, and a package for one line of a
 * system file is more than it is worth; on Windows (no /etc/passwd) the uid is given as it is.
 */
function userName(uid: number, passwd: () => string): string {
  try {
    for (const line of passwd().split('\n')) {
      const [name, , id] = line.split(':');
      if (name && Number(id) === uid) return name;
    }
  } catch {
    // no user database to ask
  }
  return String(uid);
}

/**
 * The write failure an error stands for, or undefined when it is something else (a bug, which
 * stays an internal error). Takes the typed error kiosk-config's writer throws as well as a plain
 * system error from any write on the way (the previous version, the trial marker).
 */
export function configWriteFailure(
  err: unknown,
  configPath: string,
  deps: { passwd?: () => string; stat?: (path: string) => { uid: number } } = {},
): ConfigWriteFailure | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { code?: unknown; cause?: { code?: unknown }; folder?: unknown; path?: unknown };
  const code = typeof e.code === 'string' ? e.code : typeof e.cause?.code === 'string' ? e.cause.code : '';
  if (!WRITE_CAUSES.has(code)) return undefined;
  const folder = typeof e.folder === 'string' ? e.folder : dirname(configPath);
  const stat = deps.stat ?? statSync;
  let owner: string | null;
  try {
    owner = userName(stat(folder).uid, deps.passwd ?? (() => readFileSync('/etc/passwd', 'utf8')));
  } catch {
    owner = null;
  }
  return { folder, owner, cause: code };
}
