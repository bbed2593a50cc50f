import Database from 'better-sqlite3';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openKioskDatabase, StoreError } from './database';
import { LocalTickets } from './local-tickets';
import { Outbox } from './outbox';

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'kiosk-store-')), 'kiosk.db');

describe('kiosk store', () => {
  it('opens in WAL with synchronous=FULL and foreign keys on, on every connection', () => {
    const path = tempDb();
    openKioskDatabase(path).close();
    const db = openKioskDatabase(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('refuses a corrupt file with a path for field staff', () => {
    const path = tempDb();
    const raw = new Database(path);
    raw.exec('CREATE TABLE t (x)');
    raw.close();
    const bytes = Buffer.alloc(4096, 0x41);
    writeFileSync(path, bytes);
    expect(() => openKioskDatabase(path)).toThrow();
    try {
      openKioskDatabase(path);
    } catch (err) {
      expect(err instanceof StoreError || /not a database/.test((err as Error).message)).toBe(true);
    }
  });

  it('writes the ticket and its outbox row in one transaction, or neither', () => {
    const db = openKioskDatabase(tempDb());
    const outbox = new Outbox(db);
    const tickets = new LocalTickets(db, outbox);
    const fields = {
      hallId: 'HALL-CITY-01',
      category: 'A',
      terminalId: 'KIOSK-1',
      citizenRef: 'a'.repeat(64),
      priority: 'normal' as const,
    };
    const { ticketId, outboxId } = tickets.request(fields, 1000);
    expect(tickets.get(ticketId)).toMatchObject({ state: 'requested', outboxId });
    const item = outbox.get(outboxId)!;
    expect(item).toMatchObject({ state: 'pending', kioskSequence: 1, stream: 'queue-ticket' });
    expect(item.payload).toMatchObject({ ...fields, kioskSequence: 1 });

    // A failure inside the transaction leaves no outbox row behind.
    db.exec("CREATE TRIGGER boom BEFORE INSERT ON local_tickets BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    expect(() => tickets.request(fields, 2000)).toThrow(/disk full/);
    expect(outbox.counts().pending).toBe(1);
    db.close();
  });

  it('leases, acknowledges, rejects and releases in-flight items at start', () => {
    const db = openKioskDatabase(tempDb());
    const outbox = new Outbox(db);
    const a = outbox.enqueue('s', () => ({ n: 1 }), 0);
    const b = outbox.enqueue('s', () => ({ n: 2 }), 0);
    expect(outbox.due(0, 10)).toEqual([a.id, b.id]);
    expect(outbox.claim(a.id, 0, 1000)).toMatchObject({ state: 'in-flight', attempts: 1 });
    expect(outbox.claim(a.id, 500, 1000)).toBeUndefined();
    expect(outbox.claim(a.id, 1500, 1000)).toMatchObject({ attempts: 2 });
    expect(outbox.releaseInFlight(1600)).toBe(1);
    outbox.acknowledge(a.id, { ok: 1 }, 2000);
    outbox.reject(b.id, 'HTTP 422', null, 2000);
    expect(outbox.counts()).toEqual({ pending: 0, 'in-flight': 0, acknowledged: 1, rejected: 1 });
    expect(outbox.get(b.id)?.lastError).toBe('HTTP 422');
    db.close();
  });
});
