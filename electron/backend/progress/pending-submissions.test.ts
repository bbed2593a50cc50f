import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalApplications } from '../apply/store';
import { openKioskDatabase } from '../store/database';
import { FieldCipher } from '../store/field-cipher';
import { Outbox } from '../store/outbox';
import { progressPendingSchema } from './contract';
import { pendingSubmissions, type LocalApplicationRows } from './pending-submissions';

const MARRIAGE = { zh: '婚姻登记', en: 'Marriage registration' };

describe('submissions waiting in the outbox, as progress entries', () => {
  it('lists only the queued ones of the citizen asked about', () => {
    const asked: string[] = [];
    const rows: LocalApplicationRows = {
      forCitizen: (ref) => {
        asked.push(ref);
        return [
          {
            localRef: 'KIOSK-01-000007',
            itemCode: 'MZ01002001',
            itemName: MARRIAGE,
            state: 'queued',
            createdAt: Date.UTC(2026, 10, 26, 2),
          },
          {
            localRef: 'KIOSK-01-000005',
            itemCode: 'QR01001001',
            itemName: MARRIAGE,
            state: 'submitted',
            createdAt: 0,
          },
          {
            localRef: 'KIOSK-01-000003',
            itemCode: 'QR01001001',
            itemName: MARRIAGE,
            state: 'rejected',
            createdAt: 0,
          },
        ];
      },
    };
    const pending = pendingSubmissions(rows).pendingFor('a'.repeat(64));
    expect(asked).toEqual(['a'.repeat(64)]);
    expect(pending).toEqual([
      {
        kind: 'pending',
        localId: 'KIOSK-01-000007-MZ01002001',
        itemCode: 'MZ01002001',
        itemName: MARRIAGE,
        submittedAt: '2026-11-26T02:00:00.000Z',
      },
    ]);
    expect(progressPendingSchema.parse(pending[0])).toEqual(pending[0]);
  });

  it('reads the apply journey’s store: queued until acknowledged, then gone (listed as a case instead)', () => {
    const db = openKioskDatabase(join(mkdtempSync(join(tmpdir(), 'kiosk-progress-')), 'kiosk.db'));
    const applications = new LocalApplications(db, new Outbox(db, new FieldCipher(randomBytes(32))));
    const citizenRef = 'c'.repeat(64);
    const { cases } = applications.submit(
      {
        hallId: 'HALL-CITY-01',
        terminalId: 'KIOSK-01',
        citizenRef,
        delivery: 'window',
        bundleCode: null,
        requestedAt: '2026-11-26T02:00:00.000Z',
        cases: [{ itemCode: 'MZ01002001', itemName: MARRIAGE, materials: [] }],
      },
      { name: '王小明', idNumber: '11010519491231002X' },
      Date.UTC(2026, 10, 26, 2),
    );
    const pending = pendingSubmissions(applications);
    expect(pending.pendingFor(citizenRef)).toMatchObject([{ kind: 'pending', itemCode: 'MZ01002001' }]);
    expect(pending.pendingFor('d'.repeat(64))).toEqual([]);
    expect(JSON.stringify(pending.pendingFor(citizenRef))).not.toContain('11010519491231002X');
    applications.markSubmitted(
      cases[0]!.outboxId,
      { caseId: 'c-1', caseNumber: 'BJ20261126000001' },
      Date.now(),
    );
    expect(pending.pendingFor(citizenRef)).toEqual([]);
    db.close();
  });
});
