import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  fchmodSync,
  fchownSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname, join, basename } from 'node:path';

/** Fields that are secrets: never shown, printed, exported or logged. */
export const SECRET_PATHS: readonly (readonly string[])[] = [
  ['central', 'deviceToken'],
  ['central', 'citizenRefKey'],
  ['maintenance', 'pinHash'],
];
export const REDACTED = '[redacted]';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A deep copy with every secret replaced by "[redacted]" (where present). */
export function redactConfig<T>(config: T): T {
  const copy = structuredClone(config) as unknown;
  for (const path of SECRET_PATHS) {
    let node: unknown = copy;
    for (const key of path.slice(0, -1)) node = isObject(node) ? node[key] : undefined;
    const last = path[path.length - 1]!;
    if (isObject(node) && node[last] !== undefined) node[last] = REDACTED;
  }
  return copy as T;
}

/**
 * The inverse for an edited copy: where the edit still says "[redacted]", the secret of `current`
 * is put back, so staff can edit a redacted view without retyping (or ever seeing) the secrets.
 */
export function restoreSecrets(edited: unknown, current: unknown): unknown {
  const copy = structuredClone(edited);
  for (const path of SECRET_PATHS) {
    let node: unknown = copy;
    let source: unknown = current;
    for (const key of path.slice(0, -1)) {
      node = isObject(node) ? node[key] : undefined;
      source = isObject(source) ? source[key] : undefined;
    }
    const last = path[path.length - 1]!;
    if (isObject(node) && node[last] === REDACTED) {
      if (isObject(source) && source[last] !== undefined) node[last] = source[last];
      else delete node[last];
    }
  }
  return copy;
}

export interface ConfigChange {
  path: string;
  before?: Json;
  after?: Json;
}

/** Leaf-level differences between two JSON values, with secrets shown as "[redacted]". */
export function diffConfig(before: unknown, after: unknown): ConfigChange[] {
  const changes: ConfigChange[] = [];
  const secret = new Set(SECRET_PATHS.map((p) => p.join('.')));
  const walk = (a: unknown, b: unknown, path: string[]) => {
    if (isObject(a) && isObject(b)) {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
      for (const k of keys) walk(a[k], b[k], [...path, k]);
      return;
    }
    if (JSON.stringify(a) === JSON.stringify(b)) return;
    const key = path.join('.') || '(the whole file)';
    const show = (v: unknown): Json | undefined =>
      v === undefined ? undefined : secret.has(key) ? REDACTED : (v as Json);
    changes.push({
      path: key,
      ...(a === undefined ? {} : { before: show(a) }),
      ...(b === undefined ? {} : { after: show(b) }),
    });
  };
  walk(before, after, []);
  return changes;
}

/** The previous version kept beside the config file on every write, for rollback. */
export function previousPathOf(path: string): string {
  return join(dirname(path), `${basename(path)}.previous`);
}

/** The exact text writeJsonAtomic writes for a value (so a written file can be recognised by its digest). */
export function jsonFileText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** The group the kiosk service runs in (the package creates it): the configuration is readable by it. */
export const KIOSK_GROUP = 'kiosk';

/** Who may read a file the CLI or the kiosk writes: permission bits, and the group to give it. */
export interface FileAccess {
  /** Permission bits, e.g. 0o640. */
  mode: number;
  /** The group of the file (and of folders the write creates); undefined: the writer's own. */
  gid?: number;
}

/** Only the writer may read it: used when there is no kiosk group to share the file with. */
export const PRIVATE_ACCESS: FileAccess = { mode: 0o600 };

/**
 * A group's id from /etc/group, or undefined when the group does not exist (or there is no such
 * file, as on Windows). Node has no getgrnam(); the file's format is fixed (name:x:gid:members).
 */
export function groupIdFromFile(name: string, groupFile = '/etc/group'): number | undefined {
  return idFromColonFile(groupFile, (fields) => (fields[0] === name ? fields[2] : undefined));
}

/** A user's name from /etc/passwd (name:x:uid:...), for messages; undefined when not found. */
export function userNameOf(uid: number, passwdFile = '/etc/passwd'): string | undefined {
  let text: string;
  try {
    text = readFileSync(passwdFile, 'utf8');
  } catch {
    return undefined;
  }
  for (const line of text.split('\n')) {
    const fields = line.split(':');
    if (fields[2] === String(uid) && fields[0]) return fields[0];
  }
  return undefined;
}

function idFromColonFile(file: string, pick: (fields: string[]) => string | undefined): number | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  for (const line of text.split('\n')) {
    const id = pick(line.split(':'));
    if (id !== undefined && /^\d+$/.test(id)) return Number(id);
  }
  return undefined;
}

/**
 * How a kiosk configuration file is written: root:kiosk 0640 when the kiosk group exists (the
 * service runs as the kiosk user and must read it; no one else may, it holds the device token),
 * otherwise readable by the writer only.
 */
export function kioskConfigAccess(
  groupId: (name: string) => number | undefined = (name) => groupIdFromFile(name),
): FileAccess {
  const gid = groupId(KIOSK_GROUP);
  return gid === undefined ? PRIVATE_ACCESS : { mode: 0o640, gid };
}

/**
 * The access an existing file already has, never wider than 0640 (a file someone made
 * world-readable is not kept so: it holds secrets); a new file is private.
 */
function inheritedAccess(path: string): FileAccess {
  try {
    const st = statSync(path);
    // Windows has no POSIX groups: its file access is the folder's ACL.
    return process.platform === 'win32' ? { mode: st.mode & 0o640 } : { mode: st.mode & 0o640, gid: st.gid };
  } catch {
    return PRIVATE_ACCESS;
  }
}

/**
 * A configuration file could not be written, said plainly for field staff (Chinese, then English):
 * which folder, who owns it, why. Nothing was changed: the old file (if any) is still in place.
 */
export class ConfigWriteError extends Error {
  override readonly name = 'ConfigWriteError';
  constructor(
    /** The file that was to be written. */
    readonly path: string,
    /** The folder the write failed in (the nearest one that exists, when it is missing). */
    readonly folder: string,
    /** The folder's owner, a user name or "uid N"; undefined when it cannot be found out. */
    readonly owner: string | undefined,
    /** The system's error code: EACCES, EPERM, EROFS, ENOSPC, ... */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function ownerOf(folder: string): string | undefined {
  try {
    const uid = statSync(folder).uid;
    return userNameOf(uid) ?? `uid ${uid}`;
  } catch {
    return undefined;
  }
}

function nearestExistingFolder(folder: string): string {
  let at = folder;
  while (!existsSync(at)) {
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  return at;
}

/**
 * The ConfigWriteError for a system error met while writing `path`: making its folder, the file, or
 * giving it to the kiosk group. Exported for tests of every wording (a full disk is hard to make).
 */
export function configWriteErrorFor(
  path: string,
  step: 'folder' | 'file' | 'group',
  err: unknown,
): ConfigWriteError {
  const code = (err as NodeJS.ErrnoException).code ?? 'unknown error';
  const folder = nearestExistingFolder(dirname(path));
  const owner = ownerOf(folder);
  const by = owner === undefined ? '' : `（属主 ${owner}）`;
  const byEn = owner === undefined ? '' : ` (owner ${owner})`;
  const unchanged = `${path} 未改动。`;
  const unchangedEn = `${path} is unchanged.`;
  let zh: string;
  let en: string;
  if (step === 'group') {
    zh = `无法把 ${path} 交给 ${KIOSK_GROUP} 组（${code}）：${unchanged}请以 root 身份运行。`;
    en = `${path} cannot be given to the group ${KIOSK_GROUP} (${code}): ${unchangedEn} Run this as root.`;
  } else if (code === 'EACCES' || code === 'EPERM') {
    zh = `${folder} 不可写${by}：${unchanged}请以有权写入的用户运行（例如 sudo）。`;
    en = `${folder} is not writable${byEn}: ${unchangedEn} Run this as a user who may write there (e.g. with sudo).`;
  } else if (code === 'EROFS') {
    zh = `${folder} 所在的文件系统是只读的：${unchanged}`;
    en = `${folder} is on a read-only file system: ${unchangedEn}`;
  } else if (code === 'ENOSPC' || code === 'EDQUOT') {
    zh = `${folder} 所在的磁盘已满：${unchanged}请先腾出空间。`;
    en = `The disk holding ${folder} is full: ${unchangedEn} Free some space first.`;
  } else if (code === 'ENOENT') {
    zh = `文件夹 ${dirname(path)} 不存在：${unchanged}`;
    en = `The folder ${dirname(path)} does not exist: ${unchangedEn}`;
  } else if (code === 'ENOTDIR' || code === 'EEXIST') {
    zh = `${dirname(path)} 不是文件夹：${unchanged}`;
    en = `${dirname(path)} is not a folder: ${unchangedEn}`;
  } else {
    zh = `${path} 无法写入（${code}）：${unchanged}`;
    en = `${path} cannot be written (${code}): ${unchangedEn}`;
  }
  return new ConfigWriteError(path, folder, owner, code, `${zh}\n${en}`);
}

/** Creates the missing folders up to `folder` with `mode` and the access's group; parents first. */
function makeFolders(folder: string, access: FileAccess, mode: number): void {
  const missing: string[] = [];
  for (let at = folder; !existsSync(at); at = dirname(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const dir of missing) {
    mkdirSync(dir, { mode });
    chmodSync(dir, mode); // the umask may have taken bits away
    if (access.gid !== undefined) chownSync(dir, -1, access.gid);
  }
}

/** Writes bytes to a temporary file beside `path` with the access, flushed, then renames it over. */
function replaceFile(path: string, bytes: Buffer, access: FileAccess): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  let step: 'file' | 'group' = 'file';
  try {
    const fd = openSync(tmp, 'w', access.mode);
    try {
      // Before a byte is written: the file never has wider access than asked, whatever the umask.
      fchmodSync(fd, access.mode);
      if (access.gid !== undefined) {
        step = 'group';
        fchownSync(fd, -1, access.gid);
        step = 'file';
      }
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // nothing was made there (the folder is missing or not a folder)
    }
    throw configWriteErrorFor(path, step, err);
  }
}

/**
 * Writes a JSON file atomically: a temporary file in the same folder, flushed to disk, then
 * renamed over the target (a rename is atomic on one file system), so a power cut leaves either
 * the old or the new file, never half of one. The old file is first kept as `<file>.previous`,
 * with the same access. Without `access`, an existing file keeps its group and mode (at most 0640);
 * `createFolder` makes missing folders 0750 with the access's group.
 *
 * Throws ConfigWriteError (the old file untouched) when the folder or disk does not allow it.
 */
export function writeJsonAtomic(
  path: string,
  value: unknown,
  options: { keepPrevious?: boolean; access?: FileAccess; createFolder?: boolean } = {},
): void {
  const text = jsonFileText(value);
  const access = options.access ?? inheritedAccess(path);
  if (options.createFolder && !existsSync(dirname(path))) {
    try {
      makeFolders(dirname(path), access, 0o750);
    } catch (err) {
      throw configWriteErrorFor(path, 'folder', err);
    }
  }
  if ((options.keepPrevious ?? true) && existsSync(path)) {
    replaceFile(previousPathOf(path), readFileSync(path), access);
  }
  replaceFile(path, Buffer.from(text, 'utf8'), access);
  try {
    // Make the rename itself durable (not possible on Windows, where this throws).
    const dir = openSync(dirname(path), 'r');
    fsyncSync(dir);
    closeSync(dir);
  } catch {
    // best effort
  }
}

/** Reads a JSON file, or undefined when it does not exist. Throws on bad JSON. */
export function readJsonFile(path: string): unknown {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}
