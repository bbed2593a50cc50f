import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../domain/clock';
import type { CentralOutcome } from '../central-connection/connection';
import { createTestLogger } from '../logging/logger';
import { centralRefusal, isDeliberateRefusal, settleCentralOutcome } from './central-outcome';
import { openKioskDatabase } from './database';
import { FieldCipher } from './field-cipher';
import { Outbox } from './outbox';
import { OutboxDelivery } from './outbox-delivery';

const rejected = (status: number, code: string): Extract<CentralOutcome<unknown>, { kind: 'rejected' }> => ({
  kind: 'rejected',
  status,
  code,
  message: `the central says ${code}`,
  body: { error: { code, message: `the central says ${code}` } },
});

function setup(answer: () => CentralOutcome<unknown>) {
  const db = openKioskDatabase(':memory:');
  db.exec('CREATE TABLE citizen_outcome (outbox_id INTEGER, code TEXT)');
  const outbox = new Outbox(db, new FieldCipher(randomBytes(32)));
  const clock = new ManualClock(1_000);
  const logger = createTestLogger();
  const delivery = new OutboxDelivery({
    db,
    outbox,
    clock,
    logger,
    handlers: {
      ticket: async (item) =>
        settleCentralOutcome(
          answer(),
          logger,
          () => () => undefined,
          (code) => () => void db.prepare('INSERT INTO citizen_outcome VALUES (?, ?)').run(item.id, code),
        ),
    },
  });
  return { db, outbox, clock, logger, delivery };
}

describe('a refusal of the central', () => {
  it('tells a deliberate business refusal from a request that is wrong', () => {
    for (const code of ['active-ticket-exists', 'outside-service-day', 'slot-full', 'item-suspended'])
      expect(isDeliberateRefusal(409, code), code).toBe(true);
    // A malformed payload, a protocol fault, a hall or category the central does not know, a
    // code the API never documented: someone has to look, so these stay dead letters.
    for (const code of [
      'bad-request',
      'idempotency-key-reused',
      'unknown-hall',
      'unknown-category',
      'teapot',
    ])
      expect(isDeliberateRefusal(422, code), code).toBe(false);
    expect(isDeliberateRefusal(500, 'active-ticket-exists')).toBe(false);
    expect(centralRefusal(rejected(409, 'slot-full'))).toMatchObject({
      kind: 'rejected',
      refused: true,
      reason: 'HTTP 409 slot-full: the central says slot-full',
    });
  });

  it('is recorded as refused with the citizen outcome, not counted as a dead letter, and cannot be retried', async () => {
    const { db, outbox, clock, logger, delivery } = setup(() => rejected(409, 'active-ticket-exists'));
    const { id } = outbox.enqueue('ticket:A', () => ({ category: 'A' }), clock.now());
    const settled = await delivery.deliver(id);
    expect(settled).toMatchObject({ state: 'rejected', settledAs: 'refused' });
    expect(db.prepare('SELECT code FROM citizen_outcome WHERE outbox_id = ?').get(id)).toEqual({
      code: 'active-ticket-exists',
    });
    expect(outbox.stats(clock.now())).toMatchObject({ deadLetters: 0, refused: 1 });
    expect(outbox.requeue(id, clock.now())).toBe(false);
    expect(outbox.discard(id, clock.now())).toEqual({ ok: false, reason: 'not-a-dead-letter' });
    expect(logger.events('outbox.refused')).toHaveLength(1);
    expect(logger.events('outbox.rejected')).toHaveLength(0);
  });

  it('that says the request is malformed stays a dead letter, which Retry may resend', async () => {
    const { outbox, clock, delivery } = setup(() => rejected(400, 'bad-request'));
    const { id } = outbox.enqueue('ticket:A', () => ({ category: 'A' }), clock.now());
    expect(await delivery.deliver(id)).toMatchObject({ state: 'rejected', settledAs: null });
    expect(outbox.stats(clock.now())).toMatchObject({ deadLetters: 1, refused: 0 });
    expect(outbox.requeue(id, clock.now())).toBe(true);
  });

  it('counts an item the kiosk withdrew neither as a dead letter nor as a refusal', () => {
    const { outbox, clock } = setup(() => rejected(400, 'bad-request'));
    const { id } = outbox.enqueue('ticket:A', () => ({}), clock.now());
    expect(outbox.withdraw(id, 'replaced by an offline ticket', clock.now())).toBe(true);
    expect(outbox.get(id)?.settledAs).toBe('withdrawn');
    expect(outbox.stats(clock.now())).toMatchObject({ deadLetters: 0, refused: 0 });
  });
});

describe('discarding a dead letter', () => {
  it('drops its payload and sealed fields, keeps the bare row and stops counting it', async () => {
    const { db, outbox, clock } = setup(() => rejected(400, 'bad-request'));
    const { id } = outbox.enqueue('ticket:A', () => ({ category: 'A' }), clock.now(), {
      idNumber: '11010519491231002X',
    });
    outbox.reject(id, 'HTTP 400 bad-request: no', { error: {} }, clock.now());
    expect(outbox.stats(clock.now()).deadLetters).toBe(1);
    await clock.advance(5_000);
    expect(outbox.discard(id, clock.now())).toEqual({ ok: true, value: { id, kind: 'ticket' } });
    const row = db
      .prepare('SELECT payload, sealed, response, purged_at, settled_as FROM outbox WHERE id = ?')
      .get(id);
    expect(row).toEqual({
      payload: '{}',
      sealed: null,
      response: null,
      purged_at: 6_000,
      settled_as: 'discarded',
    });
    expect(outbox.openPersonal(id)).toBeUndefined();
    expect(outbox.stats(clock.now())).toMatchObject({ deadLetters: 0, discarded: 1 });
    expect(outbox.requeue(id, clock.now())).toBe(false);
  });

  it('refuses an unknown id, an item that is not a dead letter, and a second discard', () => {
    const { outbox, clock } = setup(() => rejected(400, 'bad-request'));
    expect(outbox.discard(4242, clock.now())).toEqual({ ok: false, reason: 'not-found' });
    const pending = outbox.enqueue('ticket:A', () => ({}), clock.now());
    expect(outbox.discard(pending.id, clock.now())).toEqual({ ok: false, reason: 'not-a-dead-letter' });
    expect(outbox.get(pending.id)).toMatchObject({ state: 'pending', payload: {} });
    const dead = outbox.enqueue('ticket:B', () => ({ category: 'B' }), clock.now());
    outbox.reject(dead.id, 'no handler', null, clock.now());
    const answers = [outbox.discard(dead.id, clock.now()), outbox.discard(dead.id, clock.now())];
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok)).toEqual([{ ok: false, reason: 'not-a-dead-letter' }]);
  });
});
