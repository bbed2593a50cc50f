import { describe, expect, it } from 'vitest';
import { progressPendingSchema } from '../api/progress-contract';
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
});
