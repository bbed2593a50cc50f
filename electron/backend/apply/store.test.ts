import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openKioskDatabase } from '../store/database';
import { FieldCipher } from '../store/field-cipher';
import { Outbox } from '../store/outbox';
import { LocalApplications, localRefOf, type NewApplication } from './store';

const ID_NUMBER = '11010519491231002X';
const applicant = { name: '王小明', idNumber: ID_NUMBER, phone: '13812345678' };
const citizenRef = 'c'.repeat(64);

function setup() {
  const path = join(mkdtempSync(join(tmpdir(), 'kiosk-apply-')), 'kiosk.db');
  const db = openKioskDatabase(path);
  const outbox = new Outbox(db, new FieldCipher(randomBytes(32)));
  return { path, db, outbox, applications: new LocalApplications(db, outbox) };
}

const retire: NewApplication = {
  hallId: 'HALL-CITY-01',
  terminalId: 'KIOSK-01',
  citizenRef,
  delivery: 'window',
  bundleCode: 'BD-RETIRE',
  requestedAt: '2026-11-25T01:00:00.000Z',
  cases: [
    {
      itemCode: 'QR02005001',
      itemName: { zh: '职工退休申请', en: 'Retirement' },
      materials: [{ code: 'RETIREAGE', via: 'paper' }],
    },
    {
      itemCode: 'JF03004001',
      itemName: { zh: '住房公积金提取（离职退休）', en: 'Fund withdrawal' },
      materials: [{ code: 'BANK', via: 'paper' }],
    },
    { itemCode: 'GG09005001', itemName: { zh: '老年人优待证办理', en: 'Senior card' }, materials: [] },
  ],
};

describe('local applications', () => {
  it('writes every case row with its outbox row in one transaction, the applicant sealed', () => {
    const { db, outbox, applications } = setup();
    const { localRef, bundleRef, cases } = applications.submit(retire, applicant, 1000);
    expect(localRef).toBe('KIOSK-01-000001');
    expect(bundleRef).toMatch(/^KIOSK-01-000001-[0-9a-f]{8}$/);
    expect(cases).toHaveLength(3);
    const rows = applications.byRef(localRef);
    expect(rows.map((r) => [r.itemCode, r.state, r.caseNumber])).toEqual([
      ['QR02005001', 'queued', null],
      ['JF03004001', 'queued', null],
      ['GG09005001', 'queued', null],
    ]);
    const items = cases.map((c) => outbox.get(c.outboxId)!);
    expect(items.map((i) => [i.kind, i.stream, i.kioskSequence])).toEqual([
      ['case-submit', 'case-submit:KIOSK-01-000001:QR02005001', 1],
      ['case-submit', 'case-submit:KIOSK-01-000001:JF03004001', 2],
      ['case-submit', 'case-submit:KIOSK-01-000001:GG09005001', 3],
    ]);
    expect(items[1]!.payload).toEqual({
      hallId: 'HALL-CITY-01',
      terminalId: 'KIOSK-01',
      itemCode: 'JF03004001',
      materials: [{ code: 'BANK', via: 'paper' }],
      delivery: 'window',
      kioskSequence: 2,
      requestedAt: '2026-11-25T01:00:00.000Z',
      bundle: { bundleCode: 'BD-RETIRE', bundleRef },
    });
    expect(items.every((i) => i.hasPersonal)).toBe(true);
    // The citizen's digest is personal data (it gives the ID number back): sealed with the applicant.
    expect(outbox.openPersonal(items[0]!.id)).toEqual({ applicant, citizenRef });
    const clearOutbox = JSON.stringify(db.prepare('SELECT stream, payload FROM outbox').all());
    expect(clearOutbox).not.toContain(citizenRef);
    // Nothing personal in clear anywhere in the rows.
    const raw = JSON.stringify(db.prepare('SELECT * FROM applications').all()) + clearOutbox;
    expect(raw).not.toContain(ID_NUMBER);
    expect(raw).not.toContain('王小明');
    expect(raw).not.toContain('13812345678');
    db.close();
  });

  it('queues a bundle whole or not at all: a failure on the last case leaves nothing behind', () => {
    const { db, outbox, applications } = setup();
    db.exec(`CREATE TRIGGER boom BEFORE INSERT ON applications WHEN NEW.item_code = 'GG09005001'
             BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    expect(() => applications.submit(retire, applicant, 1000)).toThrow(/disk full/);
    expect(outbox.counts()).toEqual({ pending: 0, 'in-flight': 0, acknowledged: 0, rejected: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM applications').get()).toEqual({ n: 0 });
    db.close();
  });

  it('records the case number or the refusal, and finds a citizen’s applications', () => {
    const { db, applications } = setup();
    const single = applications.submit(
      { ...retire, bundleCode: null, cases: [retire.cases[2]!] },
      applicant,
      1000,
    );
    expect(single.bundleRef).toBeNull();
    const bundle = applications.submit(retire, applicant, 2000);
    applications.markSubmitted(
      bundle.cases[0]!.outboxId,
      { caseId: 'c1', caseNumber: 'BJ20261125000001' },
      3000,
    );
    applications.markRejected(bundle.cases[1]!.outboxId, 'missing-materials', 3000);
    applications.markReceiptPrinted(bundle.localRef, 3000);
    expect(
      applications.byRef(bundle.localRef).map((r) => [r.state, r.caseNumber, r.rejectCode, r.receiptPrinted]),
    ).toEqual([
      ['submitted', 'BJ20261125000001', null, true],
      ['rejected', null, 'missing-materials', true],
      ['queued', null, null, true],
    ]);
    expect(applications.refOfOutbox(bundle.cases[2]!.outboxId)).toBe(bundle.localRef);
    expect(applications.forCitizen(citizenRef).map((r) => r.localRef)).toEqual([
      bundle.localRef,
      bundle.localRef,
      bundle.localRef,
      single.localRef,
    ]);
    expect(applications.forCitizen('d'.repeat(64))).toEqual([]);
    expect(localRefOf('KIOSK-9', 1234567)).toBe('KIOSK-9-1234567');
    db.close();
  });

  it('leaves no ID number in the database files once the submissions are settled and purged', () => {
    const { path, db, outbox, applications } = setup();
    const { cases } = applications.submit(retire, applicant, 1000);
    for (const c of cases) {
      outbox.claim(c.outboxId, 1000, 1000);
      outbox.acknowledge(c.outboxId, { case: { caseNumber: 'BJ1' } }, 1000);
    }
    expect(outbox.purge(1000 + 3_600_000, 3_600_000)).toBe(3);
    for (const file of [path, `${path}-wal`].filter((f) => existsSync(f))) {
      expect(readFileSync(file).includes(Buffer.from(ID_NUMBER)), file).toBe(false);
    }
    db.close();
  });
});
