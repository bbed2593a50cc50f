import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalApplications } from '../apply/store';
import { AppointmentStore } from '../appointments/store';
import { openKioskDatabase } from './database';
import { FieldCipher } from './field-cipher';
import { Outbox } from './outbox';
import { purgePastRetention } from './retention';

const ID_NUMBER = '11010519491231002X';
const CITIZEN_REF_KEY = 'hall-citizen-ref-key-0001';
/** The digest as the session makes it (electron/backend/session/citizen-session.ts). */
const digest = createHmac('sha256', CITIZEN_REF_KEY).update(`id:${ID_NUMBER}`).digest('hex');
const HOUR = 3_600_000;

function setup() {
  const path = join(mkdtempSync(join(tmpdir(), 'kiosk-retention-')), 'kiosk.db');
  const db = openKioskDatabase(path);
  const outbox = new Outbox(db, new FieldCipher(randomBytes(32)));
  const applications = new LocalApplications(db, outbox);
  const appointments = new AppointmentStore(db, outbox);
  return { path, db, outbox, applications, appointments };
}

/** Whether the digest is anywhere in the raw bytes of the store's files (kiosk.db, -wal, -shm). */
function digestOnDisk(path: string): string[] {
  return [path, `${path}-wal`, `${path}-shm`]
    .filter((f) => existsSync(f))
    .filter((f) => readFileSync(f).includes(Buffer.from(digest)));
}

function submit(s: ReturnType<typeof setup>, now: number) {
  const { cases } = s.applications.submit(
    {
      hallId: 'HALL-CITY-01',
      terminalId: 'KIOSK-01',
      citizenRef: digest,
      delivery: 'window',
      bundleCode: null,
      requestedAt: new Date(now).toISOString(),
      cases: [{ itemCode: 'QR02005001', itemName: { zh: '职工退休申请', en: 'Retirement' }, materials: [] }],
    },
    { name: '王小明', idNumber: ID_NUMBER, phone: '13812345678' },
    now,
  );
  const booking = s.appointments.requestBooking(
    { slotId: 'SLOT-1', citizenRef: digest },
    'HALL-CITY-01',
    now,
  );
  return [...cases.map((c) => c.outboxId), booking.outboxId];
}

describe('retention of citizens\u2019 digests', () => {
  it('finds the digest in the files before the retention and nowhere in kiosk.db, -wal or -shm after it', () => {
    const s = setup();
    const t0 = 1_000_000;
    const [caseItem, bookingItem] = submit(s, t0);
    for (const id of [caseItem!, bookingItem!]) {
      s.outbox.claim(id, t0, 1000);
      s.outbox.acknowledge(id, { ok: true }, t0);
    }
    s.appointments.markBooked(
      bookingItem!,
      { code: 'A1', category: 'A', serviceDate: '2026-11-25', startTime: '09:00' },
      t0,
    );
    const retention = 24 * HOUR;
    expect(
      purgePastRetention(
        { db: s.db, outbox: s.outbox, citizens: [s.applications, s.appointments] },
        t0 + retention - 1,
        retention,
      ),
    ).toEqual({ items: 0, citizens: 0 });
    expect(digestOnDisk(s.path).length).toBeGreaterThan(0);
    expect(s.applications.forCitizen(digest)).toHaveLength(1);
    expect(s.appointments.bookingsOn(digest, '2026-11-25')).toHaveLength(1);
    const purged = purgePastRetention(
      { db: s.db, outbox: s.outbox, citizens: [s.applications, s.appointments] },
      t0 + retention,
      retention,
    );
    // 2 settled outbox payloads; the digests of the application and the booking.
    expect(purged).toEqual({ items: 2, citizens: 2 });
    expect(digestOnDisk(s.path)).toEqual([]);
    expect(s.applications.forCitizen(digest)).toEqual([]);
    expect(s.appointments.bookingsOn(digest, '2026-11-25')).toEqual([]);
    // The rows themselves stay (counts, receipts, delivery): only the digest went.
    expect(s.db.prepare('SELECT COUNT(*) AS n FROM applications').get()).toEqual({ n: 1 });
    s.db.close();
  });

  it('keeps the digest of rows younger than the retention', () => {
    const s = setup();
    submit(s, 10 * HOUR);
    submit(s, 30 * HOUR);
    const purged = purgePastRetention(
      { db: s.db, outbox: s.outbox, citizens: [s.applications, s.appointments] },
      34 * HOUR,
      24 * HOUR,
    );
    expect(purged).toEqual({ items: 0, citizens: 2 });
    expect(s.applications.forCitizen(digest)).toHaveLength(1);
    s.db.close();
  });
});
