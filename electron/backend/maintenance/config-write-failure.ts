import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigWriteError, userNameOf } from '../../../kiosk-config/config-file';

/** Why a configuration file could not be written, in terms staff can act on. */
export interface ConfigWriteFailure {
  /** The folder the file (and its previous version) is written into. */
  folder: string;
  /** The folder's owner by name, else "uid N"; null when the folder cannot be looked at. */
  owner: string | null;
  /** The system's error code: EACCES, EPERM, EROFS, ENOSPC, ENOTDIR, ... */
  cause: string;
}

/** Errors of the file system that say the file cannot be written there, not that the code is wrong. */
const WRITE_CAUSES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'ENOTDIR', 'ENOENT', 'EISDIR']);

/**
 * The write failure an error stands for, or undefined when it is something else (a bug, which
 * stays an internal error). kiosk-config's writer throws a ConfigWriteError that already names
 * the folder and its owner; a plain system error from any other write on the way is read the same.
 */
export function configWriteFailure(
  err: unknown,
  configPath: string,
  deps: { passwdFile?: string; stat?: (path: string) => { uid: number } } = {},
): ConfigWriteFailure | undefined {
  if (err instanceof ConfigWriteError)
    return { folder: err.folder, owner: err.owner ?? null, cause: err.code };
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !WRITE_CAUSES.has(code)) return undefined;
  const folder = dirname(configPath);
  let owner: string | null;
  try {
    const uid = (deps.stat ?? statSync)(folder).uid;
    owner = userNameOf(uid, deps.passwdFile) ?? `uid ${uid}`;
  } catch {
    owner = null;
  }
  return { folder, owner, cause: code };
}
