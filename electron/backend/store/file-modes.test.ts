import { chmodSync, existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../../kiosk-config/load-config';
import { openKioskDatabase } from './database';
import { StoreAccessError } from './file-modes';
import { openStoreKey } from './store-key';

const modeOf = (path: string) => statSync(path).mode & 0o777;

function tmp() {
  return mkdtempSync(join(tmpdir(), 'kiosk-modes-'));
}

afterEach(() => vi.restoreAllMocks());

describe('store files at rest', () => {
  it('makes the store folder 0700 and kiosk.db and its WAL 0600', () => {
    const dir = join(tmp(), 'data');
    const path = join(dir, 'kiosk.db');
    const db = openKioskDatabase(path);
    db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?)').run('k', 'v');
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(path)).toBe(0o600);
    expect(existsSync(`${path}-wal`)).toBe(true);
    expect(modeOf(`${path}-wal`)).toBe(0o600);
    if (existsSync(`${path}-shm`)) expect(modeOf(`${path}-shm`)).toBe(0o600);
    db.close();
  });

  it('tightens a folder and files of its own that are too open, and says which', () => {
    const dir = join(tmp(), 'data');
    const path = join(dir, 'kiosk.db');
    openKioskDatabase(path).close();
    writeFileSync(`${path}-wal`, '');
    chmodSync(dir, 0o755);
    chmodSync(path, 0o644);
    chmodSync(`${path}-wal`, 0o666);
    const tightened: string[] = [];
    const db = openKioskDatabase(path, { onTightened: (p) => tightened.push(p) });
    expect([modeOf(dir), modeOf(path), modeOf(`${path}-wal`)]).toEqual([0o700, 0o600, 0o600]);
    expect(tightened).toEqual([dir, path, `${path}-wal`]);
    db.close();
  });

  it("refuses another user's folder that others can read, with a plain message, and changes nothing", () => {
    const dir = join(tmp(), 'theirs');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    // As if the kiosk ran as another user than the folder's owner.
    vi.spyOn(process, 'getuid').mockReturnValue(statSync(dir).uid + 1);
    let error: unknown;
    try {
      openKioskDatabase(join(dir, 'kiosk.db'));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StoreAccessError);
    expect(error).toBeInstanceOf(ConfigError); // exit 2 at start, this message, no stack trace
    expect((error as Error).message).toContain(`The store folder ${dir} belongs to another user`);
    expect(modeOf(dir)).toBe(0o755);
    expect(existsSync(join(dir, 'kiosk.db'))).toBe(false);
  });

  it('makes the store key folder 0700, and refuses a key file others can read', () => {
    const root = tmp();
    const keys = join(root, 'keys');
    const keyFile = join(keys, 'store.key');
    const db = openKioskDatabase(join(root, 'data', 'kiosk.db'));
    openStoreKey(db, keyFile, {});
    expect([modeOf(keys), modeOf(keyFile)]).toEqual([0o700, 0o600]);
    chmodSync(keys, 0o755);
    const tightened: string[] = [];
    openStoreKey(db, keyFile, {}, (p) => tightened.push(p));
    expect(modeOf(keys)).toBe(0o700);
    expect(tightened).toEqual([keys]);
    chmodSync(keyFile, 0o644);
    expect(() => openStoreKey(db, keyFile, {})).toThrow(`run "chmod 600 ${keyFile}"`);
    expect(modeOf(keyFile)).toBe(0o644);
    db.close();
  });
});
