import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { app, safeStorage } from 'electron';

/** Size of the key that seals queued personal data (AES-256). */
const STORE_KEY_BYTES = 32;

/**
 * The store key, unwrapped from the OS key store, for the backend (as KIOSK_STORE_KEY). Only where
 * that really protects it: Windows DPAPI, the macOS Keychain, or a Linux secret service — not
 * Electron's `basic_text` fallback, which is a hard-coded password. Otherwise undefined, and the
 * backend uses its key file readable only by the kiosk's user.
 */
export function storeKeyFromOsKeyStore(
  log: (event: string, fields: Record<string, string>) => void,
): string | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (process.platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    if (backend === 'basic_text' || backend === 'unknown') {
      log('shell.store-key-file', { reason: `OS key store backend is ${backend}` });
      return undefined;
    }
  }
  const wrappedPath = path.join(app.getPath('userData'), 'store-key.sealed');
  if (!existsSync(wrappedPath)) {
    const key = randomBytes(STORE_KEY_BYTES).toString('base64');
    writeFileSync(wrappedPath, safeStorage.encryptString(key), { mode: 0o600, flag: 'wx' });
  }
  const key = safeStorage.decryptString(readFileSync(wrappedPath));
  log('shell.store-key-os', {});
  return key;
}
