import type { Statement } from 'better-sqlite3';
import { statementCache } from './statements';
import { randomUUID } from 'node:crypto';
import type { KioskDatabase } from './database';
import type { FieldCipher } from './field-cipher';
import type { z } from 'zod';
import type { Result } from '../../../domain/result';

export type OutboxState = 'pending' | 'in-flight' | 'acknowledged' | 'rejected';

/**
 * How a rejected item settled. `refused`: the central deliberately said no (a full slot, a ticket
 * already held): that is the citizen's outcome, recorded on the slice's row, and sending it again
 * would change nothing. `withdrawn`: the kiosk replaced it before it was sent. `discarded`: staff
 * gave up on a dead letter. Absent on a rejected item: a dead letter, for someone to look at.
 */
export type RejectedAs = 'refused' | 'withdrawn' | 'discarded';

/** Why a dead letter could not be discarded. */
export type DiscardRefusal = 'not-found' | 'not-a-dead-letter';

export interface OutboxItem {
  id: number;
  /** The ordering domain: items of one stream are delivered strictly in sequence. */
  stream: string;
  /** What kind of action it is (the stream's part before the first ':'); picks the handler. */
  kind: string;
  kioskSequence: number;
  idempotencyKey: string;
  payload: unknown;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  response: unknown;
  createdAt: number;
  hasPersonal: boolean;
  /** How a rejected item settled; null while not rejected and on a dead letter. */
  settledAs: RejectedAs | null;
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
  created_at: number;
  sealed: Buffer | null;
  settled_as: RejectedAs | null;
}

export interface OutboxStats {
  pending: number;
  inFlight: number;
  acknowledged: number;
  /** Rejected items nobody has settled: each needs staff (retry after a fix, or discard). */
  deadLetters: number;
  /** The central's deliberate refusals: the citizen's outcome, not a fault. */
  refused: number;
  discarded: number;
  /** Age of the oldest item not yet delivered, or null when the queue is empty. */
  oldestPendingAgeMs: number | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export type QueuedParse<T> = Result<T, { reason: string }>;

/**
 * Parses an assembled item against the request schema it is sent with. The reason names the
 * fields and what is wrong with them, never their values (they may be personal).
 */
export function parseQueued<S extends z.ZodType>(
  schema: S,
  assembled: Record<string, unknown> | undefined,
): QueuedParse<z.output<S>> {
  if (assembled === undefined)
    return { ok: false, reason: 'queued item does not parse: payload is not an object' };
  const parsed = schema.safeParse(assembled);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'} ${i.code}`);
  return { ok: false, reason: `queued item does not parse: ${[...new Set(issues)].join(', ')}` };
}

export function kindOf(stream: string): string {
  const i = stream.indexOf(':');
  return i < 0 ? stream : stream.slice(0, i);
}

function toItem(row: OutboxRow): OutboxItem {
  return {
    id: row.id,
    stream: row.stream,
    kind: kindOf(row.stream),
    kioskSequence: row.kiosk_sequence,
    idempotencyKey: row.idempotency_key,
    payload: JSON.parse(row.payload) as unknown,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    response: row.response === null ? null : (JSON.parse(row.response) as unknown),
    createdAt: row.created_at,
    hasPersonal: row.sealed !== null,
    settledAs: row.settled_as,
  };
}

/**
 * The outbox: what must reach the central API, written in the same transaction as the domain row
 * it belongs to. Callers wrap `enqueue` and their own insert in one `db.transaction`. Personal
 * fields go in sealed, apart from the payload, and are purged after acknowledgement.
 */
export class Outbox {
  private readonly sql: (sql: string) => Statement;
  constructor(
    private readonly db: KioskDatabase,
    private readonly cipher: FieldCipher,
  ) {
    this.sql = statementCache(this.db);
  }

  /** The next per-kiosk sequence number; call inside the enqueueing transaction. */
  nextSequence(): number {
    const row = this.sql('SELECT COALESCE(MAX(kiosk_sequence), 0) + 1 AS next FROM outbox').get() as {
      next: number;
    };
    return row.next;
  }

  enqueue(
    stream: string,
    build: (meta: { kioskSequence: number; idempotencyKey: string }) => unknown,
    now: number,
    personal?: Record<string, unknown>,
  ) {
    const kioskSequence = this.nextSequence();
    const idempotencyKey = `${kindOf(stream)}-${randomUUID()}`;
    const payload = build({ kioskSequence, idempotencyKey });
    const sealed = personal === undefined ? null : this.cipher.seal(personal, idempotencyKey);
    const info = this.sql(
      `INSERT INTO outbox (stream, kiosk_sequence, idempotency_key, payload, sealed, state, next_attempt_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?)`,
    ).run(stream, kioskSequence, idempotencyKey, JSON.stringify(payload), sealed, now, now, now);
    return { id: Number(info.lastInsertRowid), kioskSequence, idempotencyKey };
  }

  get(id: number): OutboxItem | undefined {
    const row = this.sql('SELECT * FROM outbox WHERE id = ?').get(id) as OutboxRow | undefined;
    return row && toItem(row);
  }

  /** The sealed personal fields of an item, opened; only the delivering handler asks for them. */
  openPersonal(id: number): Record<string, unknown> | undefined {
    const row = this.sql('SELECT idempotency_key, sealed FROM outbox WHERE id = ?').get(id) as
      Pick<OutboxRow, 'idempotency_key' | 'sealed'> | undefined;
    if (!row?.sealed) return undefined;
    return this.cipher.open(row.sealed, row.idempotency_key) as Record<string, unknown>;
  }

  /**
   * An item as its handler sends it: the clear payload with the sealed fields put back in (they
   * win over clear ones of the same name). An item queued before a field was sealed still carries
   * it in clear and comes back the same. Undefined when the payload is not an object. Parse the
   * result with the request's schema (`parseQueued`) before sending it.
   */
  assemble(item: OutboxItem): Record<string, unknown> | undefined {
    if (!isRecord(item.payload)) return undefined;
    const sealed = item.hasPersonal ? this.openPersonal(item.id) : undefined;
    return { ...item.payload, ...(isRecord(sealed) ? sealed : {}) };
  }

  /** Moves a pending item to in-flight with a lease; returns it, or undefined if someone else has it. */
  claim(id: number, now: number, leaseMs: number): OutboxItem | undefined {
    const info = this.sql(
      `UPDATE outbox SET state = 'in-flight', attempts = attempts + 1, lease_until = ?, updated_at = ?
         WHERE id = ? AND (state = 'pending' OR (state = 'in-flight' AND lease_until < ?))`,
    ).run(now + leaseMs, now, id, now);
    return info.changes === 1 ? this.get(id) : undefined;
  }

  /**
   * Items due for delivery, oldest first: only the head of each stream, so order is kept per
   * stream, while a dead letter (final) never blocks what comes after it.
   */
  due(now: number, limit: number): number[] {
    return this.sql(
      `SELECT o.id FROM (
         SELECT stream, MIN(kiosk_sequence) AS seq FROM outbox
         WHERE state IN ('pending', 'in-flight') GROUP BY stream
       ) AS head JOIN outbox o ON o.kiosk_sequence = head.seq
       WHERE (o.state = 'pending' AND o.next_attempt_at <= ?) OR (o.state = 'in-flight' AND o.lease_until < ?)
       ORDER BY o.kiosk_sequence LIMIT ?`,
    )
      .all(now, now, limit)
      .map((r) => (r as { id: number }).id);
  }

  /** The item after `id` in its stream, if it is due now (a sweep goes on down a stream). */
  nextInStream(id: number, now: number): number | undefined {
    const row = this.sql(
      `SELECT n.id, n.next_attempt_at FROM outbox o JOIN outbox n ON n.stream = o.stream
       WHERE o.id = ? AND n.state IN ('pending', 'in-flight') AND n.kiosk_sequence > o.kiosk_sequence
       ORDER BY n.kiosk_sequence LIMIT 1`,
    ).get(id) as { id: number; next_attempt_at: number } | undefined;
    return row && row.next_attempt_at <= now ? row.id : undefined;
  }

  /** True when no earlier item of the same stream is still waiting or in flight. */
  isStreamHead(id: number): boolean {
    const row = this.sql(
      `SELECT NOT EXISTS (
           SELECT 1 FROM outbox p WHERE p.stream = o.stream AND p.state IN ('pending', 'in-flight')
             AND p.kiosk_sequence < o.kiosk_sequence) AS head
         FROM outbox o WHERE o.id = ?`,
    ).get(id) as { head: number } | undefined;
    return row?.head === 1;
  }

  /** When the next item becomes due, or undefined when nothing waits. */
  nextDueAt(): number | undefined {
    const row = this.sql(`SELECT MIN(next_attempt_at) AS at FROM outbox WHERE state = 'pending'`).get() as {
      at: number | null;
    };
    return row.at ?? undefined;
  }

  acknowledge(id: number, response: unknown, now: number): void {
    this.sql(
      `UPDATE outbox SET state = 'acknowledged', response = ?, lease_until = NULL, last_error = NULL,
           acknowledged_at = ?, updated_at = ? WHERE id = ?`,
    ).run(JSON.stringify(response), now, now, id);
  }

  /** A final no: a dead letter, or with `as: 'refused'` the central's deliberate refusal. */
  reject(id: number, reason: string, response: unknown, now: number, as?: 'refused'): void {
    this.sql(
      `UPDATE outbox SET state = 'rejected', settled_as = ?, last_error = ?, response = ?, lease_until = NULL, updated_at = ? WHERE id = ?`,
    ).run(as ?? null, reason, JSON.stringify(response ?? null), now, id);
  }

  retryLater(id: number, reason: string, nextAttemptAt: number, now: number): void {
    this.sql(
      `UPDATE outbox SET state = 'pending', last_error = ?, next_attempt_at = ?, lease_until = NULL, updated_at = ? WHERE id = ?`,
    ).run(reason, nextAttemptAt, now, id);
  }

  /**
   * Withdraws an item that was never delivered (it is replaced by another); false if it is in
   * flight or settled meanwhile, in which case it must be left to run its course.
   */
  withdraw(id: number, reason: string, now: number): boolean {
    return (
      this.sql(
        `UPDATE outbox SET state = 'rejected', settled_as = 'withdrawn', last_error = ?, updated_at = ? WHERE id = ? AND state = 'pending'`,
      ).run(`withdrawn: ${reason}`, now, id).changes === 1
    );
  }

  /**
   * Staff put a dead letter back in the queue (after fixing its cause). A refusal is not offered:
   * the central would say the same again.
   */
  requeue(id: number, now: number): boolean {
    return (
      this.sql(
        `UPDATE outbox SET state = 'pending', next_attempt_at = ?, updated_at = ?
           WHERE id = ? AND state = 'rejected' AND settled_as IS NULL AND purged_at IS NULL`,
      ).run(now, now, id).changes === 1
    );
  }

  /**
   * Staff give up on a dead letter: its payload, sealed fields and response are dropped at once
   * (the bare row stays, as after retention, because the slices' rows refer to it) and it is no
   * longer counted or listed as a dead letter. One statement decides, so of two discards at once
   * exactly one succeeds. Returns the item's kind for the audit line.
   */
  discard(id: number, now: number): Result<{ id: number; kind: string }, { reason: DiscardRefusal }> {
    const settled = this.db.transaction(() => {
      const row = this.sql('SELECT stream, state, settled_as FROM outbox WHERE id = ?').get(id) as
        Pick<OutboxRow, 'stream' | 'state' | 'settled_as'> | undefined;
      if (!row) return { ok: false as const, reason: 'not-found' as const };
      const changed = this.sql(
        `UPDATE outbox SET settled_as = 'discarded', payload = '{}', sealed = NULL, response = NULL,
             purged_at = COALESCE(purged_at, ?), updated_at = ?
           WHERE id = ? AND state = 'rejected' AND settled_as IS NULL`,
      ).run(now, now, id).changes;
      if (changed !== 1) return { ok: false as const, reason: 'not-a-dead-letter' as const };
      return { ok: true as const, value: { id, kind: kindOf(row.stream) } };
    })();
    // As after a purge: with secure_delete on, a truncating checkpoint leaves the bytes nowhere.
    if (settled.ok) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return settled;
  }

  /** At start nothing can be in flight: whatever was is sent again (the key makes that safe). */
  releaseInFlight(now: number): number {
    return this.sql(
      `UPDATE outbox SET state = 'pending', lease_until = NULL, updated_at = ? WHERE state = 'in-flight'`,
    ).run(now).changes;
  }

  /**
   * Drops payloads, sealed fields and responses of items settled longer ago than `retentionMs`,
   * keeping the bare row (sequence, state, reason) for counts and audit. With secure_delete on
   * and a truncating WAL checkpoint, the bytes are gone from the database and WAL files.
   */
  purge(now: number, retentionMs: number): number {
    const changed = this.purgeSettled(now, retentionMs);
    if (changed > 0) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return changed;
  }

  /** `purge` without the checkpoint, for a purge that clears other tables in the same transaction. */
  purgeSettled(now: number, retentionMs: number): number {
    return this.sql(
      `UPDATE outbox SET payload = '{}', sealed = NULL, response = NULL, purged_at = ?
         WHERE purged_at IS NULL AND state IN ('acknowledged', 'rejected') AND updated_at <= ?`,
    ).run(now, now - retentionMs).changes;
  }

  counts(): Record<OutboxState, number> {
    const counts: Record<OutboxState, number> = { pending: 0, 'in-flight': 0, acknowledged: 0, rejected: 0 };
    for (const row of this.sql('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all() as {
      state: OutboxState;
      n: number;
    }[])
      counts[row.state] = row.n;
    return counts;
  }

  stats(now: number): OutboxStats {
    const c = this.counts();
    const settled = { refused: 0, withdrawn: 0, discarded: 0 };
    for (const row of this.sql(
      `SELECT settled_as AS kind, COUNT(*) AS n FROM outbox WHERE state = 'rejected' AND settled_as IS NOT NULL GROUP BY settled_as`,
    ).all() as { kind: RejectedAs; n: number }[])
      settled[row.kind] = row.n;
    const oldest = this.sql(
      `SELECT MIN(created_at) AS at FROM outbox WHERE state IN ('pending', 'in-flight')`,
    ).get() as { at: number | null };
    return {
      pending: c.pending,
      inFlight: c['in-flight'],
      acknowledged: c.acknowledged,
      deadLetters: c.rejected - settled.refused - settled.withdrawn - settled.discarded,
      refused: settled.refused,
      discarded: settled.discarded,
      oldestPendingAgeMs: oldest.at === null ? null : Math.max(0, now - oldest.at),
    };
  }
}
