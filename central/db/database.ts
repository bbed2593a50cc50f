import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { migrations as defaultMigrations, type Migration } from './migrations';
import { seedReferenceData } from './seed';

export type CentralDatabase = SqliteDatabase;

// A writer from a second process (an admin tool, a backup) may hold the lock briefly; wait rather
// than fail the citizen's request.
const BUSY_TIMEOUT_MS = 5_000;

/** Opens (creating if needed) the central database, brings its schema up to date and seeds it. */
export function openCentralDatabase(path: string, options: { seed?: boolean } = {}): CentralDatabase {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    // WAL + NORMAL stays consistent after a crash; only the last commits before power loss may go.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    applyMigrations(db);
    if (options.seed ?? true) seedReferenceData(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Applies every migration newer than the recorded version, each in its own transaction. */
export function applyMigrations(
  db: SqliteDatabase,
  migrations: readonly Migration[] = defaultMigrations,
): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map(
      (r) => r.version,
    ),
  );
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const ran: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    }).immediate();
    ran.push(migration.version);
  }
  return ran;
}
