import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../kiosk-config/load-config';
import { openKioskDatabase, type KioskDatabase } from './database';
import { FieldCipher } from './field-cipher';
import { Outbox } from './outbox';
import { openStoreKey, STORE_KEY_ENV, StoreKeyError } from './store-key';

function paths() {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-key-'));
  return { dbPath: join(dir, 'data', 'kiosk.db'), keyFile: join(dir, 'keys', 'store.key') };
}

/** A store with an application queued (sealed personal data) under the key in `keyFile`. */
function storeWithQueuedRow(dbPath: string, keyFile: string): Buffer {
  const db = openKioskDatabase(dbPath);
  const key = openStoreKey(db, keyFile, {});
  new Outbox(db, new FieldCipher(key)).enqueue('case-submit:1', () => ({ itemCode: 'X' }), 1000, {
    applicant: { name: '王小明' },
  });
  db.close();
  return key;
}

function refusal(run: () => unknown): StoreKeyError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreKeyError);
    expect(err).toBeInstanceOf(ConfigError); // every host prints it and exits with 2
    return err as StoreKeyError;
  }
  throw new Error('expected the store key to be refused');
}

function queuedIntact(db: KioskDatabase, key: Buffer) {
  const outbox = new Outbox(db, new FieldCipher(key));
  const row = db.prepare('SELECT id FROM outbox').get() as { id: number };
  expect(outbox.get(row.id)?.state).toBe('pending');
  expect(outbox.openPersonal(row.id)).toEqual({ applicant: { name: '王小明' } });
}

describe('store key check', () => {
  it('makes a key for a brand-new store and accepts it on every later start', () => {
    const { dbPath, keyFile } = paths();
    const db = openKioskDatabase(dbPath);
    const key = openStoreKey(db, keyFile, {});
    expect(Buffer.from(readFileSync(keyFile, 'utf8'), 'base64').equals(key)).toBe(true);
    expect(db.prepare("SELECT COUNT(*) AS n FROM store_meta WHERE key = 'key-check'").get()).toEqual({
      n: 1,
    });
    db.close();
    const again = openKioskDatabase(dbPath);
    expect(openStoreKey(again, keyFile, {}).equals(key)).toBe(true);
    again.close();
  });

  it('refuses a wrong key with a plain message, replaces nothing and leaves the queued rows intact', () => {
    const { dbPath, keyFile } = paths();
    const key = storeWithQueuedRow(dbPath, keyFile);
    const other = randomBytes(32).toString('base64');
    writeFileSync(keyFile, other, { mode: 0o600 });
    const db = openKioskDatabase(dbPath);
    const err = refusal(() => openStoreKey(db, keyFile, {}));
    expect(err.message).toContain(`The store key from ${keyFile} is not the key`);
    expect(err.message).toContain('Put back the key');
    expect(err.message).not.toContain(other);
    expect(err.message).not.toContain(key.toString('base64'));
    expect(readFileSync(keyFile, 'utf8')).toBe(other);
    queuedIntact(db, key);
    db.close();
  });

  it('refuses a wrong key handed over by the app, naming where it came from', () => {
    const { dbPath, keyFile } = paths();
    storeWithQueuedRow(dbPath, keyFile);
    const db = openKioskDatabase(dbPath);
    const err = refusal(() =>
      openStoreKey(db, keyFile, { [STORE_KEY_ENV]: randomBytes(32).toString('base64') }),
    );
    expect(err.message).toContain(`The store key from ${STORE_KEY_ENV}`);
    db.close();
  });

  it('refuses a missing key when rows are queued, and makes no new key', () => {
    const { dbPath, keyFile } = paths();
    const key = storeWithQueuedRow(dbPath, keyFile);
    rmSync(keyFile);
    const db = openKioskDatabase(dbPath);
    const err = refusal(() => openStoreKey(db, keyFile, {}));
    expect(err.message).toContain(`The store key file ${keyFile} is missing`);
    expect(existsSync(keyFile)).toBe(false);
    queuedIntact(db, key);
    db.close();
  });

  it('refuses a missing key for a store that has a check value even with nothing queued', () => {
    const { dbPath, keyFile } = paths();
    const db = openKioskDatabase(dbPath);
    openStoreKey(db, keyFile, {});
    rmSync(keyFile);
    refusal(() => openStoreKey(db, keyFile, {}));
    expect(existsSync(keyFile)).toBe(false);
    db.close();
  });

  it('checks a store from before the check value against its sealed rows, then gives it one', () => {
    const { dbPath, keyFile } = paths();
    const key = storeWithQueuedRow(dbPath, keyFile);
    const db = openKioskDatabase(dbPath);
    db.prepare('DELETE FROM store_meta').run();
    const other = join(dirname(keyFile), 'other.key');
    const wrong = randomBytes(32).toString('base64');
    writeFileSync(other, wrong, { mode: 0o600 });
    refusal(() => openStoreKey(db, other, {}));
    expect(db.prepare('SELECT COUNT(*) AS n FROM store_meta').get()).toEqual({ n: 0 });
    expect(openStoreKey(db, keyFile, {}).equals(key)).toBe(true);
    expect(db.prepare('SELECT COUNT(*) AS n FROM store_meta').get()).toEqual({ n: 1 });
    db.close();
  });
});
