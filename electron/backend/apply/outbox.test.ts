import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../domain/clock';
import type { CaseView, SubmitCaseRequest } from '../../../central/cases/contract';
import { createTestLogger } from '../logging/logger';
import { openKioskDatabase } from '../store/database';
import { FieldCipher } from '../store/field-cipher';
import { Outbox } from '../store/outbox';
import type { CentralOutcome } from '../central-connection/connection';
import { OutboxDelivery } from '../store/outbox-delivery';
import { outboxHandlers } from '../store/outbox-kind';
import { LocalApplications } from './store';
import { caseSubmitKind } from './outbox';

const ID_NUMBER = '11010519491231002X';
const applicant = { name: '王小明', idNumber: ID_NUMBER };

type Answer = CentralOutcome<{ case: CaseView }>;

function setup(answer: (body: SubmitCaseRequest, key: string) => Answer) {
  const db = openKioskDatabase(':memory:');
  const outbox = new Outbox(db, new FieldCipher(randomBytes(32)));
  const applications = new LocalApplications(db, outbox);
  const clock = new ManualClock(1_000_000);
  const logger = createTestLogger();
  const sent: { body: SubmitCaseRequest; key: string }[] = [];
  const settled: string[] = [];
  const delivery = new OutboxDelivery({
    db,
    outbox,
    clock,
    logger,
    random: () => 0.5,
    handlers: outboxHandlers([
      caseSubmitKind({
        central: {
          submitCase: async (body, key) => {
            sent.push({ body, key });
            return answer(body, key);
          },
        },
        applications,
        outbox,
        logger,
        settled: (ref) => settled.push(ref),
      }),
    ]),
  });
  const { localRef, cases } = applications.submit(
    {
      hallId: 'HALL-CITY-01',
      terminalId: 'KIOSK-01',
      citizenRef: 'c'.repeat(64),
      delivery: 'window',
      bundleCode: null,
      requestedAt: '2026-11-25T01:00:00.000Z',
      cases: [
        { itemCode: 'GG09005001', itemName: { zh: '老年人优待证办理', en: 'Senior card' }, materials: [] },
      ],
    },
    applicant,
    clock.now(),
  );
  return {
    db,
    outbox,
    applications,
    clock,
    logger,
    delivery,
    sent,
    settled,
    localRef,
    outboxId: cases[0]!.outboxId,
  };
}

const accepted = (body: SubmitCaseRequest): Answer => ({
  kind: 'ok',
  status: 201,
  replayed: false,
  body: { case: { caseId: 'case-1', caseNumber: 'BJ20261125000007', itemCode: body.itemCode } as CaseView },
});

describe('case submission outbox kind', () => {
  it('posts the applicant from the sealed fields with the row’s key and records the case number', async () => {
    const t = setup(accepted);
    const settled = await t.delivery.deliver(t.outboxId);
    expect(settled?.state).toBe('acknowledged');
    expect(t.sent).toHaveLength(1);
    expect(t.sent[0]!.body).toMatchObject({
      itemCode: 'GG09005001',
      applicant,
      citizenRef: 'c'.repeat(64),
      kioskSequence: 1,
    });
    // The digest went out from the sealed fields: the clear payload never had it.
    expect(t.outbox.get(t.outboxId)!.payload).not.toHaveProperty('citizenRef');
    expect(t.sent[0]!.key).toBe(t.outbox.get(t.outboxId)!.idempotencyKey);
    expect(t.applications.byRef(t.localRef)[0]).toMatchObject({
      state: 'submitted',
      caseId: 'case-1',
      caseNumber: 'BJ20261125000007',
    });
    await Promise.resolve();
    expect(t.settled).toEqual([t.localRef]);
    const logs = t.logger.lines.join('\n');
    expect(logs).toContain('"event":"apply.case-submitted"');
    expect(logs).not.toContain(ID_NUMBER);
    expect(logs).not.toContain('王小明');
  });

  it('makes a refusal a dead letter with the central’s reason, and the application says so', async () => {
    const t = setup(() => ({
      kind: 'rejected',
      status: 422,
      code: 'missing-materials',
      message: 'Missing: BANK (hand in)',
      body: { error: { code: 'missing-materials', message: 'Missing: BANK (hand in)' } },
    }));
    const settled = await t.delivery.deliver(t.outboxId);
    expect(settled).toMatchObject({
      state: 'rejected',
      lastError: 'HTTP 422 missing-materials: Missing: BANK (hand in)',
    });
    expect(t.applications.byRef(t.localRef)[0]).toMatchObject({
      state: 'rejected',
      rejectCode: 'missing-materials',
    });
    expect(t.logger.lines.join('\n')).toContain('"event":"apply.case-rejected"');
  });

  it('retries a network failure and a refused token later, then delivers the same key once back', async () => {
    const answers: Answer[] = [
      { kind: 'retry', reason: 'not-sent: TypeError: fetch failed (ECONNREFUSED)', offline: true },
      { kind: 'unauthorized', reason: 'token revoked' },
    ];
    const t = setup((body) => answers.shift() ?? accepted(body));
    expect((await t.delivery.deliver(t.outboxId))?.state).toBe('pending');
    expect(t.delivery.syncStatus().online).toBe(false);
    expect(t.applications.byRef(t.localRef)[0]!.state).toBe('queued');
    await t.clock.advance(60_000);
    expect((await t.delivery.deliver(t.outboxId))?.state).toBe('pending');
    await t.clock.advance(60_000);
    expect((await t.delivery.deliver(t.outboxId))?.state).toBe('acknowledged');
    expect(new Set(t.sent.map((s) => s.key)).size).toBe(1);
    expect(t.applications.byRef(t.localRef)[0]!.caseNumber).toBe('BJ20261125000007');
  });

  it('dead-letters a submission whose sealed applicant is gone instead of sending it without one', async () => {
    const t = setup(accepted);
    t.db.prepare('UPDATE outbox SET sealed = NULL WHERE id = ?').run(t.outboxId);
    const settled = await t.delivery.deliver(t.outboxId);
    expect(settled?.state).toBe('rejected');
    expect(t.sent).toHaveLength(0);
    expect(t.applications.byRef(t.localRef)[0]).toMatchObject({
      state: 'rejected',
      rejectCode: 'applicant-missing',
    });
  });

  it('dead-letters a payload that does not parse, naming the field, and never sends it', async () => {
    const t = setup(accepted);
    t.db
      .prepare("UPDATE outbox SET payload = json_remove(payload, '$.itemCode') WHERE id = ?")
      .run(t.outboxId);
    const settled = await t.delivery.deliver(t.outboxId);
    expect(settled?.state).toBe('rejected');
    expect(settled?.lastError).toContain('itemCode');
    expect(t.sent).toHaveLength(0);
    expect(t.applications.byRef(t.localRef)[0]).toMatchObject({
      state: 'rejected',
      rejectCode: 'payload-invalid',
    });
    await Promise.resolve();
    expect(t.settled).toEqual([t.localRef]);
  });
});
