import { randomUUID } from 'node:crypto';
import type { KioskDatabase } from './database';

export type OutboxState = 'pending' | 'in-flight' | 'acknowledged' | 'rejected';

export interface OutboxItem {
  id: number;
  stream: string;
  kioskSequence: number;
  idempotencyKey: string;
  payload: unknown;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  response: unknown;
}

interface OutboxRow {
  id: number;
  stream: string;
  kiosk_sequence: number;
  idempotency_key: string;
  payload: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  response: string | null;
}

function toItem(row: OutboxRow): OutboxItem {
  return {
    id: row.id,
    stream: row.stream,
    kioskSequence: row.kiosk_sequence,
    idempotencyKey: row.idempotency_key,
    payload: JSON.parse(row.payload) as unknown,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    response: row.response === null ? null : (JSON.parse(row.response) as unknown),
  };
}

/**
 * The outbox: what must reach the central API, written in the same transaction as the domain row
 * it belongs to. Callers wrap `enqueue` and their own insert in one `db.transaction`.
 */
export class Outbox {
  constructor(private readonly db: KioskDatabase) {}

  /** The next per-kiosk sequence number; call inside the enqueueing transaction. */
  nextSequence(): number {
    const row = this.db.prepare('SELECT COALESCE(MAX(kiosk_sequence), 0) + 1 AS next FROM outbox').get() as {
      next: number;
    };
    return row.next;
  }

  enqueue(
    stream: string,
    build: (meta: { kioskSequence: number; idempotencyKey: string }) => unknown,
    now: number,
  ) {
    const kioskSequence = this.nextSequence();
    const idempotencyKey = `${stream}-${randomUUID()}`;
    const payload = build({ kioskSequence, idempotencyKey });
    const info = this.db
      .prepare(
        `INSERT INTO outbox (stream, kiosk_sequence, idempotency_key, payload, state, next_attempt_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'pending', ?, ?, ?)`,
      )
      .run(stream, kioskSequence, idempotencyKey, JSON.stringify(payload), now, now, now);
    return { id: Number(info.lastInsertRowid), kioskSequence, idempotencyKey };
  }

  get(id: number): OutboxItem | undefined {
    const row = this.db.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as OutboxRow | undefined;
    return row && toItem(row);
  }

  /** Moves a pending item to in-flight with a lease; returns it, or undefined if someone else has it. */
  claim(id: number, now: number, leaseMs: number): OutboxItem | undefined {
    const info = this.db
      .prepare(
        `UPDATE outbox SET state = 'in-flight', attempts = attempts + 1, lease_until = ?, updated_at = ?
         WHERE id = ? AND (state = 'pending' OR (state = 'in-flight' AND lease_until < ?))`,
      )
      .run(now + leaseMs, now, id, now);
    return info.changes === 1 ? this.get(id) : undefined;
  }

  /** Ids of items due for delivery, oldest first (order kept per stream by sequence). */
  due(now: number, limit: number): number[] {
    return this.db
      .prepare(
        `SELECT id FROM outbox
         WHERE (state = 'pending' AND next_attempt_at <= ?) OR (state = 'in-flight' AND lease_until < ?)
         ORDER BY kiosk_sequence LIMIT ?`,
      )
      .all(now, now, limit)
      .map((r) => (r as { id: number }).id);
  }

  acknowledge(id: number, response: unknown, now: number): void {
    this.db
      .prepare(
        `UPDATE outbox SET state = 'acknowledged', response = ?, lease_until = NULL, last_error = NULL, updated_at = ? WHERE id = ?`,
      )
      .run(JSON.stringify(response), now, id);
  }

  reject(id: number, reason: string, response: unknown, now: number): void {
    this.db
      .prepare(
        `UPDATE outbox SET state = 'rejected', last_error = ?, response = ?, lease_until = NULL, updated_at = ? WHERE id = ?`,
      )
      .run(reason, JSON.stringify(response ?? null), now, id);
  }

  retryLater(id: number, reason: string, nextAttemptAt: number, now: number): void {
    this.db
      .prepare(
        `UPDATE outbox SET state = 'pending', last_error = ?, next_attempt_at = ?, lease_until = NULL, updated_at = ? WHERE id = ?`,
      )
      .run(reason, nextAttemptAt, now, id);
  }

  /** At start nothing can be in flight: whatever was is sent again (the key makes that safe). */
  releaseInFlight(now: number): number {
    return this.db
      .prepare(
        `UPDATE outbox SET state = 'pending', lease_until = NULL, updated_at = ? WHERE state = 'in-flight'`,
      )
      .run(now).changes;
  }

  counts(): Record<OutboxState, number> {
    const counts: Record<OutboxState, number> = { pending: 0, 'in-flight': 0, acknowledged: 0, rejected: 0 };
    for (const row of this.db.prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all() as {
      state: OutboxState;
      n: number;
    }[])
      counts[row.state] = row.n;
    return counts;
  }
}
