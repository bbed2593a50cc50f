import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations';

export type KioskDatabase = Database.Database;

/** The store cannot be used as it is; `message` says what field staff should do. */
export class StoreError extends Error {
  override name = 'StoreError';
}

/**
 * Opens the kiosk's SQLite store. WAL with synchronous=FULL: better-sqlite3 reopens a WAL database
 * at NORMAL, which can lose the last commits on power loss, so the pragma is set and read back on
 * every connection and the store refuses to open if it did not take.
 */
export function openKioskDatabase(path: string): KioskDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const journal = String(db.pragma('journal_mode', { simple: true }));
    const sync = Number(db.pragma('synchronous', { simple: true }));
    const fk = Number(db.pragma('foreign_keys', { simple: true }));
    // An in-memory database cannot use WAL; it is only used by tests.
    if ((path !== ':memory:' && journal !== 'wal') || sync !== 2 || fk !== 1) {
      throw new StoreError(
        `The store ${path} did not accept its required settings (journal_mode=${journal}, synchronous=${sync}, foreign_keys=${fk}); expected wal, 2 (FULL), 1.`,
      );
    }
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    if (integrity !== 'ok') {
      throw new StoreError(
        `The store ${path} failed its integrity check (${integrity}). Stop the kiosk, move the file aside for analysis, and restart to create a fresh store; undelivered items in it must be recovered by support.`,
      );
    }
    migrate(db);
    return db;
  } catch (err) {
    db.close();
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
