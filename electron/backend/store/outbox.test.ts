import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openKioskDatabase, StoreError, storeWrite, StoreUnavailableError } from './database';
import { LocalTickets } from '../queue/store';
import { FieldCipher } from './field-cipher';
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
    const outbox = new Outbox(db, new FieldCipher(randomBytes(32)));
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
    expect(item).toMatchObject({
      state: 'pending',
      kioskSequence: 1,
      stream: 'queue-ticket:HALL-CITY-01:A',
      kind: 'queue-ticket',
    });
    // The citizen's digest travels sealed, apart from the clear payload, and comes back to be sent.
    const { citizenRef, ...clear } = fields;
    expect(item.payload).toMatchObject({ ...clear, kioskSequence: 1 });
    expect(item.payload).not.toHaveProperty('citizenRef');
    expect(outbox.openPersonal(outboxId)).toEqual({ citizenRef });
    expect(outbox.assemble(item)).toMatchObject({ ...fields, kioskSequence: 1 });

    // A failure inside the transaction leaves no outbox row behind.
    db.exec("CREATE TRIGGER boom BEFORE INSERT ON local_tickets BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    expect(() => tickets.request(fields, 2000)).toThrow(/disk full/);
    expect(outbox.counts().pending).toBe(1);
    db.close();
  });

  it('leases, acknowledges, rejects and releases in-flight items at start', () => {
    const db = openKioskDatabase(tempDb());
    const outbox = new Outbox(db, new FieldCipher(randomBytes(32)));
    const a = outbox.enqueue('s:1', () => ({ n: 1 }), 0);
    const b = outbox.enqueue('s:2', () => ({ n: 2 }), 0);
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

  it('keeps order per stream: only the head is due, and a dead letter does not block the rest', () => {
    const db = openKioskDatabase(tempDb());
    const outbox = new Outbox(db, new FieldCipher(randomBytes(32)));
    const a1 = outbox.enqueue('s:a', () => ({}), 0);
    const a2 = outbox.enqueue('s:a', () => ({}), 0);
    const b1 = outbox.enqueue('s:b', () => ({}), 0);
    expect(outbox.due(0, 10)).toEqual([a1.id, b1.id]);
    expect(outbox.isStreamHead(a2.id)).toBe(false);
    // In backoff, the head still holds its stream back.
    outbox.claim(a1.id, 0, 1000);
    outbox.retryLater(a1.id, 'HTTP 503', 5000, 0);
    expect(outbox.due(100, 10)).toEqual([b1.id]);
    outbox.claim(a1.id, 6000, 1000);
    outbox.reject(a1.id, 'HTTP 422', null, 6000);
    expect(outbox.due(6000, 10)).toEqual([a2.id, b1.id]);
    db.close();
  });

  it('seals personal fields apart from the payload, bound to their row', () => {
    const db = openKioskDatabase(tempDb());
    const outbox = new Outbox(db, new FieldCipher(randomBytes(32)));
    const { id } = outbox.enqueue('case:1', () => ({ item: 'XK00001' }), 0, {
      idNumber: '11010519491231002X',
    });
    expect(outbox.get(id)).toMatchObject({ hasPersonal: true, payload: { item: 'XK00001' } });
    expect(outbox.openPersonal(id)).toEqual({ idNumber: '11010519491231002X' });
    const raw = db.prepare('SELECT sealed FROM outbox WHERE id = ?').get(id) as { sealed: Buffer };
    expect(raw.sealed.includes(Buffer.from('11010519491231002X'))).toBe(false);
    // Moved onto another row, the sealed blob no longer opens.
    const other = outbox.enqueue('case:2', () => ({}), 0, { x: 1 });
    db.prepare('UPDATE outbox SET sealed = ? WHERE id = ?').run(raw.sealed, other.id);
    expect(() => outbox.openPersonal(other.id)).toThrow(/does not open/);
    db.close();
  });

  it('purges settled payloads after retention so a raw scan of the files finds no ID number', () => {
    const path = tempDb();
    const db = openKioskDatabase(path);
    const outbox = new Outbox(db, new FieldCipher(randomBytes(32)));
    const idNumber = '11010519491231002X';
    const settled = outbox.enqueue('case:1', () => ({ note: idNumber }), 0, { idNumber });
    const waiting = outbox.enqueue('case:2', () => ({ keep: true }), 0, { idNumber });
    outbox.claim(settled.id, 0, 1000);
    outbox.acknowledge(settled.id, { echo: idNumber }, 1000);
    expect(outbox.purge(1000 + 3_600_000 - 1, 3_600_000)).toBe(0);
    expect(outbox.purge(1000 + 3_600_000, 3_600_000)).toBe(1);
    expect(outbox.get(settled.id)).toMatchObject({ payload: {}, response: null, hasPersonal: false });
    expect(outbox.openPersonal(waiting.id)).toEqual({ idNumber });
    const files = [path, `${path}-wal`, `${path}-shm`].filter((f) => existsSync(f));
    for (const file of files) expect(readFileSync(file).includes(Buffer.from(idNumber)), file).toBe(false);
    db.close();
    expect(readFileSync(path).includes(Buffer.from(idNumber))).toBe(false);
  });

  it('lets only one process write: a second open is refused with a plain reason', () => {
    const path = tempDb();
    const db = openKioskDatabase(path);
    expect(() => openKioskDatabase(path)).toThrow(/in use by another kiosk process/);
    db.close();
    openKioskDatabase(path).close();
  });

  it('turns a full disk into a clear refusal, loses nothing committed, and recovers', () => {
    const db = openKioskDatabase(tempDb());
    const outbox = new Outbox(db, new FieldCipher(randomBytes(32)));
    const tickets = new LocalTickets(db, outbox);
    const fields = {
      hallId: 'H',
      category: 'A',
      terminalId: 'K',
      citizenRef: 'a'.repeat(64),
      priority: 'normal' as const,
    };
    storeWrite(() => tickets.request(fields, 0));
    const pages = Number(db.pragma('page_count', { simple: true }));
    db.pragma(`max_page_count = ${pages}`);
    let error: unknown;
    try {
      for (let i = 0; i < 200; i++)
        storeWrite(() => tickets.request({ ...fields, citizenRef: 'b'.repeat(64) }, i));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toContain('the disk is full');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const before = outbox.counts().pending;
    expect(before).toBeGreaterThanOrEqual(1);
    db.pragma('max_page_count = 1073741823');
    storeWrite(() => tickets.request(fields, 9));
    expect(outbox.counts().pending).toBe(before + 1);
    db.close();
  });

  it('turns a read-only store into a clear refusal', () => {
    const db = openKioskDatabase(tempDb());
    const tickets = new LocalTickets(db, new Outbox(db, new FieldCipher(randomBytes(32))));
    db.pragma('query_only = ON');
    expect(() =>
      storeWrite(() =>
        tickets.request(
          { hallId: 'H', category: 'A', terminalId: 'K', citizenRef: 'a'.repeat(64), priority: 'normal' },
          0,
        ),
      ),
    ).toThrow(StoreUnavailableError);
    db.close();
  });
});
