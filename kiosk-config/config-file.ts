import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
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

/**
 * Writes a JSON file atomically: a temporary file in the same folder, flushed to disk, then
 * renamed over the target (a rename is atomic on one file system), so a power cut leaves either
 * the old or the new file, never half of one. The old file is first kept as `<file>.previous`.
 */
export function writeJsonAtomic(
  path: string,
  value: unknown,
  options: { keepPrevious?: boolean } = {},
): void {
  const text = jsonFileText(value);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if ((options.keepPrevious ?? true) && existsSync(path)) copyFileSync(path, previousPathOf(path));
  renameSync(tmp, path);
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
