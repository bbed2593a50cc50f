import { randomBytes } from 'node:crypto';
import { openCentralDatabase, type CentralDatabase } from './database';

/** Shortest citizen-reference key a kiosk accepts (kiosk-config/schema.ts, central.citizenRefKey). */
export const MIN_CITIZEN_REF_KEY_LENGTH = 16;
/** The key every kiosk ships with for development; a central must never hand it out. */
export const DEVELOPMENT_CITIZEN_REF_KEY = 'dev-citizen-ref-key-0000';
export const CITIZEN_REF_KEY_ENV = 'CENTRAL_CITIZEN_REF_KEY';

const CITIZEN_REF_KEY_SETTING = 'citizen-ref-key';

export class SettingError extends Error {}

export interface CitizenRefKey {
  key: string;
  /** Where it came from, for the start-up line (the key itself is never printed). */
  source: 'environment' | 'database' | 'generated';
}

/**
 * The key of the citizen reference that the central hands every enrolled kiosk, so all kiosks of
 * the central compute the same digest of a card. `CENTRAL_CITIZEN_REF_KEY` wins when set; otherwise
 * the key kept in the database, generated there on first start. Kept in the database rather than
 * a file beside it because it is no secret from the central's operators (every kiosk holds it) but
 * must survive as long as the tickets and appointments whose references were made with it.
 */
export function citizenRefKey(db: CentralDatabase, env: NodeJS.ProcessEnv, now: number): CitizenRefKey {
  const configured = env[CITIZEN_REF_KEY_ENV]?.trim();
  if (configured) {
    if (configured.length < MIN_CITIZEN_REF_KEY_LENGTH) {
      throw new SettingError(
        `${CITIZEN_REF_KEY_ENV} must have at least ${MIN_CITIZEN_REF_KEY_LENGTH} characters (got ${configured.length})`,
      );
    }
    if (configured === DEVELOPMENT_CITIZEN_REF_KEY) {
      throw new SettingError(
        `${CITIZEN_REF_KEY_ENV} is the development key every kiosk ships with; unset it to have a key generated`,
      );
    }
    return { key: configured, source: 'environment' };
  }
  return db
    .transaction((): CitizenRefKey => {
      const stored = readSetting(db, CITIZEN_REF_KEY_SETTING);
      if (stored !== undefined) return { key: stored, source: 'database' };
      const key = randomBytes(32).toString('base64url');
      db.prepare('INSERT INTO central_settings (name, value, created_at) VALUES (?, ?, ?)').run(
        CITIZEN_REF_KEY_SETTING,
        key,
        now,
      );
      return { key, source: 'generated' };
    })
    .immediate();
}

function readSetting(db: CentralDatabase, name: string): string | undefined {
  return db
    .prepare<[string], { value: string }>('SELECT value FROM central_settings WHERE name = ?')
    .get(name)?.value;
}

/** `citizenRefKey` for a database file: opened, brought up to date, read (or generated) and closed. */
export function citizenRefKeyAt(dbPath: string, env: NodeJS.ProcessEnv, now: number): CitizenRefKey {
  const db = openCentralDatabase(dbPath);
  try {
    return citizenRefKey(db, env, now);
  } finally {
    db.close();
  }
}
