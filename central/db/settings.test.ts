import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCentralDatabase } from './database';
import { citizenRefKey, citizenRefKeyAt, DEVELOPMENT_CITIZEN_REF_KEY, SettingError } from './settings';

const NOW = Date.UTC(2026, 10, 25, 1, 0, 0);

function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'central-settings-')), 'central.db');
}

describe('the citizen-reference key of a central', () => {
  it('is generated on first start, kept in the database and the same at every later start', () => {
    const path = tempDbPath();
    const first = citizenRefKeyAt(path, {}, NOW);
    expect(first.source).toBe('generated');
    expect(first.key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const again = citizenRefKeyAt(path, {}, NOW + 1);
    expect(again).toEqual({ key: first.key, source: 'database' });
    expect(citizenRefKeyAt(tempDbPath(), {}, NOW).key).not.toBe(first.key);
  });

  it('is taken from CENTRAL_CITIZEN_REF_KEY when set, leaving the stored one alone', () => {
    const db = openCentralDatabase(':memory:');
    const stored = citizenRefKey(db, {}, NOW).key;
    expect(citizenRefKey(db, { CENTRAL_CITIZEN_REF_KEY: ' region-wide-key-0001 ' }, NOW)).toEqual({
      key: 'region-wide-key-0001',
      source: 'environment',
    });
    expect(citizenRefKey(db, { CENTRAL_CITIZEN_REF_KEY: '' }, NOW)).toEqual({
      key: stored,
      source: 'database',
    });
    db.close();
  });

  it('refuses a short override or the development key, naming the variable, and stores nothing', () => {
    const db = openCentralDatabase(':memory:');
    expect(() => citizenRefKey(db, { CENTRAL_CITIZEN_REF_KEY: 'short' }, NOW)).toThrow(
      new SettingError('CENTRAL_CITIZEN_REF_KEY must have at least 16 characters (got 5)'),
    );
    expect(() => citizenRefKey(db, { CENTRAL_CITIZEN_REF_KEY: DEVELOPMENT_CITIZEN_REF_KEY }, NOW)).toThrow(
      /is the development key every kiosk ships with/,
    );
    expect(db.prepare('SELECT count(*) AS n FROM central_settings').get()).toEqual({ n: 0 });
    db.close();
  });
});
