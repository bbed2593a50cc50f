import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { ConfigError } from '../../../kiosk-config/load-config';

/** A store folder or file the kiosk must not use: another user's and open to others. Exit 2 at start. */
export class StoreAccessError extends ConfigError {
  constructor(message: string, source: string) {
    super(message, source);
    this.name = 'StoreAccessError';
  }
}

const DIR_MODE = 0o700;
const FILE_MODE = 0o600;
/** Without POSIX modes (Windows) the folder's ACL is the installer's business. */
const posix = process.platform !== 'win32';

function ownUid(): number | undefined {
  return typeof process.getuid === 'function' ? process.getuid() : undefined;
}

/**
 * Makes `path` (a folder or file that exists) readable only by the kiosk's user: tightened when it
 * is ours and too open, refused when it belongs to another user and is open to others (the kiosk
 * neither changes another user's file nor keeps citizens' data where others can read it).
 * Returns whether it was tightened.
 */
export function keepPrivate(path: string, what: string): boolean {
  if (!posix) return false;
  const st = statSync(path);
  const mode = st.isDirectory() ? DIR_MODE : FILE_MODE;
  if ((st.mode & 0o077) === 0) return false;
  const uid = ownUid();
  if (uid !== undefined && st.uid !== uid) {
    throw new StoreAccessError(
      `The ${what} ${path} belongs to another user (uid ${st.uid}) and others can read it (mode ${(st.mode & 0o777).toString(8)}). The kiosk keeps citizens' data only in a folder of its own user: point the configuration at one (or give this one to the kiosk's user with mode ${mode.toString(8)}) and start again.`,
      path,
    );
  }
  chmodSync(path, mode);
  return true;
}

/** Creates the folder (and missing parents) as 0700; an existing one is kept private as above. */
export function privateFolder(path: string, what: string): boolean {
  mkdirSync(path, { recursive: true, mode: DIR_MODE });
  return keepPrivate(path, what);
}

/** Creates an empty file as 0600 when it does not exist, so SQLite opens (and copies) that mode. */
export function privateFile(path: string, what: string): boolean {
  try {
    closeSync(openSync(path, 'wx', FILE_MODE));
    return false;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return keepPrivate(path, what);
  }
}
