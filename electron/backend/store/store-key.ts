import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { STORE_KEY_BYTES } from './field-cipher';
import { StoreError } from './database';

/**
 * Where the key that seals queued personal data comes from. Never the code, never the database:
 * - `KIOSK_STORE_KEY` (base64), handed over by the Electron shell, which keeps it wrapped with the
 *   OS key store (safeStorage) where that really protects it;
 * - otherwise a key file readable only by the kiosk's user, made on first start.
 */
export const STORE_KEY_ENV = 'KIOSK_STORE_KEY';

export function loadStoreKey(keyFile: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnv = env[STORE_KEY_ENV];
  if (fromEnv) {
    const key = Buffer.from(fromEnv, 'base64');
    if (key.length !== STORE_KEY_BYTES) {
      throw new StoreError(
        `${STORE_KEY_ENV} must be ${STORE_KEY_BYTES} bytes in base64; got ${key.length} bytes.`,
      );
    }
    return key;
  }
  return loadOrCreateKeyFile(keyFile);
}

function loadOrCreateKeyFile(path: string): Buffer {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    stat = undefined;
  }
  if (!stat) {
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
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    throw new StoreError(
      `The store key file ${path} is readable by other users (mode ${(stat.mode & 0o777).toString(8)}); run "chmod 600 ${path}" as the kiosk's user and start again.`,
    );
  }
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (key.length !== STORE_KEY_BYTES) {
    throw new StoreError(
      `The store key file ${path} is damaged (not ${STORE_KEY_BYTES} bytes of base64). Queued personal data cannot be opened without it; contact support before replacing it.`,
    );
  }
  return key;
}
