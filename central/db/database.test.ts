import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/clock';
import { REPLAYED_HEADER } from '../contract';
import { auth, issue, makeApp, NINE_AM_SHANGHAI, ticketRequest } from '../test-support';
import { applyMigrations, openCentralDatabase } from './database';
import { migrations } from './migrations';

function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'central-db-')), 'central.db');
}

describe('central database', () => {
  it('records numbered migrations once and runs in WAL with foreign keys on', () => {
    const path = tempDbPath();
    const db = openCentralDatabase(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all();
    expect(versions).toEqual(migrations.map((m) => ({ version: m.version })));
    expect(applyMigrations(db)).toEqual([]);
    db.close();

    const reopened = openCentralDatabase(path);
    expect(reopened.prepare('SELECT count(*) AS n FROM queue_categories').get()).toEqual({ n: 20 });
    reopened.close();
  });

  it('applies a later migration on top of an existing database', () => {
    const db = openCentralDatabase(':memory:');
    const ran = applyMigrations(db, [
      ...migrations,
      { version: 99, name: 'test table', sql: 'CREATE TABLE later_slice (id INTEGER PRIMARY KEY)' },
    ]);
    expect(ran).toEqual([99]);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'later_slice'`).get()).toBeDefined();
    db.close();
  });

  it('enforces the queue invariants in the schema itself', () => {
    const db = openCentralDatabase(':memory:');
    const insert = db.prepare(
      `INSERT INTO tickets (ticket_id, hall_id, category_code, service_date, seq, number, priority, status,
         citizen_ref, terminal_id, kiosk_sequence, requested_at, issued_at)
       VALUES (?, 'HALL-CITY-01', ?, '2026-11-25', ?, 'A001', 'normal', 'waiting', ?, 'K', 1, 'x', 0)`,
    );
    insert.run('t1', 'A', 1, 'ref-1');
    expect(() => insert.run('t2', 'A', 1, 'ref-2')).toThrow(/UNIQUE/); // same number twice
    expect(() => insert.run('t3', 'A', 2, 'ref-1')).toThrow(/UNIQUE/); // second active ticket
    expect(() => insert.run('t4', 'Q', 1, 'ref-3')).toThrow(/FOREIGN KEY/); // no such category
    db.close();
  });

  it('keeps tickets, numbering and idempotency keys across a restart on a file database', async () => {
    const dbPath = tempDbPath();
    const clock = new ManualClock(NINE_AM_SHANGHAI);
    const body = ticketRequest();

    const first = await makeApp({ dbPath, clock });
    const issued = await issue(first.app, body, 'persist-key-001');
    expect(issued.json().ticket.number).toBe('A001');
    await first.app.close();

    const second = await makeApp({ dbPath, clock });
    const replay = await issue(second.app, body, 'persist-key-001');
    expect(replay.statusCode).toBe(201);
    expect(replay.headers[REPLAYED_HEADER]).toBe('true');
    expect(replay.json()).toEqual(issued.json());
    expect((await issue(second.app, ticketRequest())).json().ticket.number).toBe('A002');
    const listed = await second.app.inject({
      method: 'GET',
      url: '/v1/queue/tickets?hallId=HALL-CITY-01',
      headers: auth,
    });
    expect(listed.json().tickets.map((t: { number: string }) => t.number)).toEqual(['A001', 'A002']);
    await second.app.close();
  });
});
