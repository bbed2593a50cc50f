import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from '../../../kiosk-config/load-config';
import type { KioskDatabase } from './database';
import { keepPrivate } from './file-modes';
import { FieldCipher, SealError, STORE_KEY_BYTES } from './field-cipher';

/**
 * Where the key that seals queued personal data comes from. Never the code, never the database:
 * - `KIOSK_STORE_KEY` (base64), handed over by the Electron shell, which keeps it wrapped with the
 *   OS key store (safeStorage) where that really protects it;
 * - otherwise a key file readable only by the kiosk's user, made on first start.
 */
export const STORE_KEY_ENV = 'KIOSK_STORE_KEY';

/**
 * The store key cannot be used: missing, damaged, too open, or not the key the store was sealed
 * with. A ConfigError, so every host stops at start with exit 2 and this message (never the key).
 */
export class StoreKeyError extends ConfigError {
  constructor(message: string, source: string) {
    super(message, source);
    this.name = 'StoreKeyError';
  }
}

/** What the key-check value is an HMAC of: a constant, so it says nothing but "this key". */
const KEY_CHECK_CONSTANT = 'kiosk store key check v1';
const KEY_CHECK_ROW = 'key-check';

function keyCheckOf(key: Buffer): Buffer {
  return createHmac('sha256', key).update(KEY_CHECK_CONSTANT).digest();
}

/** Where a key came from, for messages: the file's path, or the shell's hand-over. */
function sourceOf(keyFile: string, env: NodeJS.ProcessEnv): string {
  return env[STORE_KEY_ENV]
    ? `${STORE_KEY_ENV} (handed over by the kiosk app from the OS key store: store-key.sealed in the app's user-data folder)`
    : keyFile;
}

/**
 * The key for this store, proven to be the one its rows were sealed with. The store keeps an HMAC
 * of a constant under its key; a key that does not match, or no key at all, is refused, never
 * replaced: a new key would leave every queued application unopenable and retrying for ever. Only a
 * brand-new store (no check value, nothing sealed) may make a key. A store from before the check
 * value is checked against its newest sealed row (the one the key in use sealed last) and then
 * given one.
 */
export function openStoreKey(
  db: KioskDatabase,
  keyFile: string,
  env: NodeJS.ProcessEnv = process.env,
  onTightened?: (path: string) => void,
): Buffer {
  const check = db.prepare('SELECT value FROM store_meta WHERE key = ?').get(KEY_CHECK_ROW) as
    { value: Buffer } | undefined;
  const sealed = db
    .prepare(
      'SELECT idempotency_key AS aad, sealed FROM outbox WHERE sealed IS NOT NULL ORDER BY id DESC LIMIT 1',
    )
    .get() as { aad: string; sealed: Buffer } | undefined;
  const source = sourceOf(keyFile, env);
  const key = loadStoreKey(keyFile, env, {
    create: check === undefined && sealed === undefined,
    ...(onTightened ? { onTightened } : {}),
  });
  const wrongKey = () =>
    new StoreKeyError(
      `The store key from ${source} is not the key this kiosk's store (${db.name}) was sealed with, so queued personal data cannot be opened. The kiosk has not started and has changed nothing. Put back the key this store was made with (from the terminal's backup) and start again. If that key is lost, call support before moving the store aside: applications still queued in it cannot be sent without it.`,
      source,
    );
  if (check) {
    const expected = keyCheckOf(key);
    if (check.value.length !== expected.length || !timingSafeEqual(check.value, expected)) throw wrongKey();
    return key;
  }
  if (sealed) {
    try {
      new FieldCipher(key).open(sealed.sealed, sealed.aad);
    } catch (err) {
      if (err instanceof SealError) throw wrongKey();
      throw err;
    }
  }
  db.prepare('INSERT INTO store_meta (key, value) VALUES (?, ?)').run(KEY_CHECK_ROW, keyCheckOf(key));
  return key;
}

/**
 * Reads the store key; `create` (a brand-new store only) makes the key file when there is none.
 * Without `create` a missing key file is refused: the store holds data sealed with it.
 */
export function loadStoreKey(
  keyFile: string,
  env: NodeJS.ProcessEnv = process.env,
  options: { create: boolean; onTightened?: (path: string) => void } = { create: true },
): Buffer {
  const fromEnv = env[STORE_KEY_ENV];
  if (fromEnv) {
    const key = Buffer.from(fromEnv, 'base64');
    if (key.length !== STORE_KEY_BYTES) {
      throw new StoreKeyError(
        `${STORE_KEY_ENV} must be ${STORE_KEY_BYTES} bytes in base64; got ${key.length} bytes.`,
        STORE_KEY_ENV,
      );
    }
    return key;
  }
  const tightened = (changed: boolean, path: string) => changed && options.onTightened?.(path);
  return loadOrCreateKeyFile(keyFile, options.create, tightened);
}

function loadOrCreateKeyFile(
  path: string,
  create: boolean,
  onTightened: (changed: boolean, path: string) => void,
): Buffer {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    stat = undefined;
  }
  if (!stat) {
    if (!create) {
      throw new StoreKeyError(
        `The store key file ${path} is missing, but this kiosk's store holds personal data sealed with it. The kiosk has not started and has not made a new key (that would leave the queued data unopenable). Put back the key file from the terminal's backup (readable only by the kiosk's user: chmod 600) and start again; if it is lost, call support.`,
        path,
      );
    }
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const key = randomBytes(STORE_KEY_BYTES);
    // 'wx' fails if another process made it meanwhile; then we read theirs below.
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, key.toString('base64'));
      closeSync(fd);
      return key;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      stat = statSync(path);
    }
  }
  // The folder is made 0700 (refused when another user's); a key file others could read is refused,
  // not tightened: the key may have been copied, and staff must decide what that means.
  onTightened(keepPrivate(dirname(path), 'store key folder'), dirname(path));
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    throw new StoreKeyError(
      `The store key file ${path} is readable by other users (mode ${(stat.mode & 0o777).toString(8)}); run "chmod 600 ${path}" as the kiosk's user and start again.`,
      path,
    );
  }
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (key.length !== STORE_KEY_BYTES) {
    throw new StoreKeyError(
      `The store key file ${path} is damaged (not ${STORE_KEY_BYTES} bytes of base64). Queued personal data cannot be opened without it; contact support before replacing it.`,
      path,
    );
  }
  return key;
}
