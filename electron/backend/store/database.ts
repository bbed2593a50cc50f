import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { keepPrivate, privateFile, privateFolder } from './file-modes';
import { MIGRATIONS } from './migrations';

export type KioskDatabase = Database.Database;

/** Long enough to ride out a checkpoint; short enough that a second kiosk process is told at once. */
const BUSY_TIMEOUT_MS = 2_000;

/** The store cannot be used as it is; `message` says what field staff should do. */
export class StoreError extends Error {
  override name = 'StoreError';
}

/** SQLite codes that mean "the store cannot take a write now", not a bug in the kiosk. */
const UNAVAILABLE_CODES: Record<string, string> = {
  SQLITE_FULL: 'the disk is full: free space on the kiosk disk',
  SQLITE_READONLY: 'the store is read-only: check the file system and the file permissions',
  SQLITE_IOERR: 'the disk reported an I/O error: check the disk',
  SQLITE_BUSY: 'the store is locked by another process',
  SQLITE_CANTOPEN: 'the store file cannot be opened',
};

/** A write the store refused for a reason outside the kiosk's code; nothing was written. */
export class StoreUnavailableError extends StoreError {
  override name = 'StoreUnavailableError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Runs a write; a refusal by the disk or file system becomes a StoreUnavailableError. */
export function storeWrite<T>(write: () => T): T {
  try {
    return write();
  } catch (err) {
    const code = String((err as { code?: string }).code ?? '');
    const base = Object.keys(UNAVAILABLE_CODES).find((c) => code === c || code.startsWith(`${c}_`));
    if (base)
      throw new StoreUnavailableError(
        code,
        `The kiosk store refused a write: ${UNAVAILABLE_CODES[base]} (${code}).`,
      );
    throw err;
  }
}

/**
 * Opens the kiosk's SQLite store. WAL with synchronous=FULL: better-sqlite3 reopens a WAL database
 * at NORMAL, which can lose the last commits on power loss, so the pragma is set and read back on
 * every connection and the store refuses to open if it did not take.
 */
export function openKioskDatabase(
  path: string,
  options: { onTightened?: (path: string) => void } = {},
): KioskDatabase {
  // Citizens' data at rest: the folder 0700, kiosk.db and its -wal/-shm 0600 (SQLite gives the WAL
  // the database file's mode); anything found more open is tightened, or refused if not ours.
  const tightened = (changed: boolean, file: string) => changed && options.onTightened?.(file);
  const sideFiles = [`${path}-wal`, `${path}-shm`, `${path}-journal`];
  const keepSideFilesPrivate = () => {
    for (const f of sideFiles) if (existsSync(f)) tightened(keepPrivate(f, 'store file'), f);
  };
  if (path !== ':memory:') {
    tightened(privateFolder(dirname(path), 'store folder'), dirname(path));
    tightened(privateFile(path, 'store file'), path);
    keepSideFilesPrivate();
  }
  const db = new Database(path);
  try {
    // One writer by construction: while the kiosk runs, no other process can open the store (and
    // WAL then needs no shared-memory file).
    if (path !== ':memory:') db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Freed pages are zeroed, so purged personal data does not linger in the file.
    db.pragma('secure_delete = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const journal = String(db.pragma('journal_mode', { simple: true }));
    const sync = Number(db.pragma('synchronous', { simple: true }));
    const fk = Number(db.pragma('foreign_keys', { simple: true }));
    const secureDelete = Number(db.pragma('secure_delete', { simple: true }));
    // An in-memory database cannot use WAL; it is only used by tests.
    if ((path !== ':memory:' && journal !== 'wal') || sync !== 2 || fk !== 1 || secureDelete !== 1) {
      throw new StoreError(
        `The store ${path} did not accept its required settings (journal_mode=${journal}, synchronous=${sync}, foreign_keys=${fk}, secure_delete=${secureDelete}); expected wal, 2 (FULL), 1, 1.`,
      );
    }
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    if (integrity !== 'ok') {
      throw new StoreError(
        `The store ${path} failed its integrity check (${integrity}). Stop the kiosk, move the file aside for analysis, and restart to create a fresh store; undelivered items in it must be recovered by support.`,
      );
    }
    migrate(db);
    if (path !== ':memory:') keepSideFilesPrivate();
    return db;
  } catch (err) {
    db.close();
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_BUSY') {
      throw new StoreError(
        `The store ${path} is in use by another kiosk process; stop it first (only one may write).`,
      );
    }
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new StoreError(
        `The store ${path} is damaged (${code}). Stop the kiosk, move the file aside for analysis, and restart to create a fresh store; undelivered items in it must be recovered by support.`,
      );
    }
    throw err;
  }
}

function migrate(db: KioskDatabase): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
  );
  const applied = new Set(
    db
      .prepare('SELECT version FROM schema_migrations')
      .all()
      .map((r) => (r as { version: number }).version),
  );
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(
        migration.version,
        new Date().toISOString(),
      );
    })();
  }
}
