import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../domain/clock';
import { createTestLogger } from '../logging/logger';
import { openKioskDatabase } from './database';
import { FieldCipher } from './field-cipher';
import { Outbox, type OutboxItem } from './outbox';
import { backoffDelay, BACKOFF_CAP_MS, OutboxDelivery, type DeliveryOutcome } from './outbox-delivery';

function setup(handler: (item: OutboxItem) => Promise<DeliveryOutcome>) {
  const db = openKioskDatabase(':memory:');
  db.exec('CREATE TABLE effects (outbox_id INTEGER)');
  const outbox = new Outbox(db, new FieldCipher(randomBytes(32)));
  const clock = new ManualClock(0);
  const logger = createTestLogger();
  const delivery = new OutboxDelivery({
    db,
    outbox,
    clock,
    logger,
    handlers: { s: handler },
    random: () => 0.5,
  });
  return { db, outbox, clock, logger, delivery };
}

describe('outbox delivery', () => {
  it('backs off exponentially with full jitter up to five minutes', () => {
    expect(backoffDelay(1, () => 0.999)).toBe(999);
    expect(backoffDelay(3, () => 0.5)).toBe(2000);
    expect(backoffDelay(30, () => 0.999)).toBe(Math.floor(0.999 * BACKOFF_CAP_MS));
    expect(backoffDelay(4, () => 0)).toBe(0);
  });

  it('acknowledges and applies the domain change in one transaction', async () => {
    const { db, outbox, delivery } = setup(async (item) => ({
      kind: 'ok',
      response: { n: 1 },
      apply: () => void db.prepare('INSERT INTO effects VALUES (?)').run(item.id),
    }));
    const { id } = outbox.enqueue('s', () => ({}), 0);
    expect((await delivery.deliver(id))?.state).toBe('acknowledged');
    expect(db.prepare('SELECT COUNT(*) AS n FROM effects').get()).toEqual({ n: 1 });
  });

  it('rolls the acknowledgement back if the domain change fails, so it is sent again', async () => {
    const { outbox, delivery } = setup(async () => ({
      kind: 'ok',
      response: {},
      apply: () => {
        throw new Error('constraint');
      },
    }));
    const { id } = outbox.enqueue('s', () => ({}), 0);
    await expect(delivery.deliver(id)).rejects.toThrow('constraint');
    expect(outbox.get(id)?.state).toBe('in-flight');
  });

  it('retries later on a transient failure, honouring Retry-After, then delivers on the timer', async () => {
    let calls = 0;
    const { outbox, clock, delivery, logger } = setup(async () =>
      ++calls === 1
        ? { kind: 'retry', reason: 'HTTP 503', retryAfterMs: 10_000 }
        : { kind: 'ok', response: {} },
    );
    const { id } = outbox.enqueue('s', () => ({}), 0);
    delivery.start();
    expect((await delivery.deliver(id))?.state).toBe('pending');
    expect(outbox.get(id)?.nextAttemptAt).toBe(10_000);
    await clock.advance(9_000);
    expect(outbox.get(id)?.state).toBe('pending');
    await clock.advance(6_000);
    expect(outbox.get(id)?.state).toBe('acknowledged');
    expect(calls).toBe(2);
    expect(logger.lines.some((l) => l.includes('"event":"outbox.retry"'))).toBe(true);
    delivery.stop();
  });

  it('dead-letters a rejection with the reason and carries on with the rest', async () => {
    const { outbox, delivery } = setup(async (item) =>
      (item.payload as { bad?: boolean }).bad
        ? { kind: 'rejected', reason: 'HTTP 422 unknown-category', response: null }
        : { kind: 'ok', response: {} },
    );
    const bad = outbox.enqueue('s', () => ({ bad: true }), 0);
    const good = outbox.enqueue('s', () => ({}), 0);
    await delivery.sweep();
    expect(outbox.get(bad.id)).toMatchObject({ state: 'rejected', lastError: 'HTTP 422 unknown-category' });
    expect(outbox.get(good.id)?.state).toBe('acknowledged');
  });

  it('treats a throwing handler as transient, never losing the item', async () => {
    const { outbox, delivery } = setup(async () => {
      throw new Error('socket hang up');
    });
    const { id } = outbox.enqueue('s', () => ({}), 0);
    expect(await delivery.deliver(id)).toMatchObject({
      state: 'pending',
      lastError: 'handler error: socket hang up',
    });
  });

  it('sends one item once even when asked twice at the same time', async () => {
    let calls = 0;
    const { outbox, delivery } = setup(async () => {
      calls++;
      return { kind: 'ok', response: {} };
    });
    const { id } = outbox.enqueue('s', () => ({}), 0);
    await Promise.all([delivery.deliver(id), delivery.deliver(id)]);
    expect(calls).toBe(1);
  });
});
