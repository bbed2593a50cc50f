import { createHash } from 'node:crypto';
import type { Clock, TimerHandle } from '../../domain/clock';
import type { CentralDatabase } from '../db/database';

/** Kiosks retry from their outbox for days when offline; a key must outlive any such retry. */
export const IDEMPOTENCY_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
/** How often expired keys are purged; keys therefore live between 30 days and 30 days + this. */
export const IDEMPOTENCY_PURGE_INTERVAL_MS = 60 * 60 * 1000;
/**
 * A claim still in flight after this long belongs to a request that crashed or hung; a retry may
 * take it over instead of seeing 409 forever.
 */
export const IN_FLIGHT_LEASE_MS = 60 * 1000;

export interface StoredResponse {
  status: number;
  body: unknown;
}

export interface IdempotencyClaim {
  readonly key: string;
}

/** What a key already stands for, seen inside the write transaction that would apply the request. */
export type PriorUse =
  | { kind: 'unused' }
  | { kind: 'replay'; status: number; json: string }
  | { kind: 'reused' }
  | { kind: 'in-flight' };

export type BeginResult =
  | { kind: 'claimed'; claim: IdempotencyClaim }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'reused' }
  | { kind: 'in-flight' };

interface KeyRow {
  scope: string;
  request_hash: string;
  state: 'in-flight' | 'done';
  locked_until: number | null;
  status_code: number | null;
  response_body: string | null;
}

/** JSON with object keys sorted at every level, so equal payloads hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${out}]`;
  }
  // Every request body is hashed: plain loops, and the default sort (UTF-16 code unit order).
  const object = value as Record<string, unknown>;
  let out = '{';
  for (const key of Object.keys(object).sort()) {
    const v = object[key];
    if (v === undefined) continue;
    out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

export function requestHash(scope: string, body: unknown): string {
  return createHash('sha256').update(scope).update('\n').update(canonicalJson(body)).digest('hex');
}

/**
 * Exactly-once application of client requests carrying an Idempotency-Key.
 *
 * The routes (central/http/idempotent.ts) use `check` and `record` inside ONE immediate write
 * transaction that also applies the request: the key, the domain change and the stored response
 * commit or roll back together, with one commit per request. A request that throws stores nothing
 * and leaves the key usable.
 *
 * `begin` / `complete` / `release` are the two-step form for a worker whose work cannot run inside
 * one transaction: `begin` commits an in-flight claim (another worker then sees 409 until the
 * lease runs out), `complete` stores the response in the transaction of the work, `release` gives
 * the key back.
 */
export class IdempotencyStore {
  private readonly select;
  private readonly insertClaim;
  private readonly retakeClaim;
  private readonly markDone;
  private readonly remove;
  private readonly purgeOlder;
  private readonly recordDone;

  constructor(
    private readonly db: CentralDatabase,
    private readonly clock: Clock,
  ) {
    this.select = db.prepare<[string], KeyRow>(
      'SELECT scope, request_hash, state, locked_until, status_code, response_body FROM idempotency_keys WHERE idempotency_key = ?',
    );
    this.insertClaim = db.prepare(
      `INSERT INTO idempotency_keys (idempotency_key, scope, request_hash, state, locked_until, created_at)
       VALUES (?, ?, ?, 'in-flight', ?, ?)`,
    );
    this.retakeClaim = db.prepare(
      `UPDATE idempotency_keys SET locked_until = ?, created_at = ? WHERE idempotency_key = ? AND state = 'in-flight'`,
    );
    this.markDone = db.prepare(
      `UPDATE idempotency_keys SET state = 'done', locked_until = NULL, status_code = ?, response_body = ?, completed_at = ?
       WHERE idempotency_key = ? AND state = 'in-flight'`,
    );
    this.remove = db.prepare(
      `DELETE FROM idempotency_keys WHERE idempotency_key = ? AND state = 'in-flight'`,
    );
    this.purgeOlder = db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?');
    // A new key, or one whose claim was abandoned (its lease ran out): stored as done in one step.
    this.recordDone = db.prepare<
      [{ key: string; scope: string; hash: string; status: number; json: string; now: number }]
    >(
      `INSERT INTO idempotency_keys (idempotency_key, scope, request_hash, state, status_code, response_body,
         created_at, completed_at)
       VALUES (@key, @scope, @hash, 'done', @status, @json, @now, @now)
       ON CONFLICT (idempotency_key) DO UPDATE SET state = 'done', locked_until = NULL,
         status_code = excluded.status_code, response_body = excluded.response_body,
         created_at = excluded.created_at, completed_at = excluded.completed_at
       WHERE idempotency_keys.state = 'in-flight'`,
    );
  }

  /**
   * What the key stands for; call inside the write transaction that applies the request. A claim
   * left in flight past its lease counts as unused: the request may take it over.
   */
  check(key: string, hash: string): PriorUse {
    const row = this.select.get(key);
    if (!row) return { kind: 'unused' };
    if (row.request_hash !== hash) return { kind: 'reused' };
    if (row.state === 'done') {
      return { kind: 'replay', status: row.status_code ?? 200, json: row.response_body ?? 'null' };
    }
    if ((row.locked_until ?? 0) > this.clock.now()) return { kind: 'in-flight' };
    return { kind: 'unused' };
  }

  /**
   * Stores the response (already serialized) under a key `check` found unused; call in the same
   * transaction, after the work.
   */
  record(key: string, scope: string, hash: string, status: number, json: string): void {
    const changed = this.recordDone.run({ key, scope, hash, status, json, now: this.clock.now() });
    // Only a concurrent writer could have finished the key meanwhile; never store over its answer.
    if (changed.changes !== 1) throw new Error(`idempotency key ${key} was completed meanwhile`);
  }

  begin(key: string, scope: string, hash: string): BeginResult {
    return this.db
      .transaction((): BeginResult => {
        const now = this.clock.now();
        const row = this.select.get(key);
        if (!row) {
          this.insertClaim.run(key, scope, hash, now + IN_FLIGHT_LEASE_MS, now);
          return { kind: 'claimed', claim: { key } };
        }
        if (row.request_hash !== hash) return { kind: 'reused' };
        if (row.state === 'done') {
          return {
            kind: 'replay',
            response: { status: row.status_code ?? 200, body: JSON.parse(row.response_body ?? 'null') },
          };
        }
        if ((row.locked_until ?? 0) > now) return { kind: 'in-flight' };
        this.retakeClaim.run(now + IN_FLIGHT_LEASE_MS, now, key);
        return { kind: 'claimed', claim: { key } };
      })
      .immediate();
  }

  /** Stores the response; call inside the transaction that applies the request's effect. */
  complete(claim: IdempotencyClaim, response: StoredResponse): void {
    const changed = this.markDone.run(
      response.status,
      JSON.stringify(response.body),
      this.clock.now(),
      claim.key,
    );
    // The claim vanished (purged or released); committing the effect without its record would let
    // a retry apply it twice, so abort the whole transaction instead.
    if (changed.changes !== 1) throw new Error(`idempotency claim ${claim.key} is no longer held`);
  }

  /** Gives the key back after a failure that stored nothing, so the client may retry with it. */
  release(claim: IdempotencyClaim): void {
    this.remove.run(claim.key);
  }

  /** Deletes keys first used more than the retention period ago. Returns how many went. */
  purgeExpired(): number {
    return this.purgeOlder.run(this.clock.now() - IDEMPOTENCY_RETENTION_MS).changes;
  }
}

/**
 * Runs `task` now and then every `intervalMs` on `clock`; returns a stop function. A failing run
 * is reported and the schedule goes on: housekeeping must never take the server down.
 */
export function runPeriodically(
  clock: Clock,
  intervalMs: number,
  task: () => void,
  onError: (err: unknown) => void,
): () => void {
  let handle: TimerHandle | undefined;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    try {
      task();
    } catch (err) {
      onError(err);
    }
    handle = clock.setTimeout(tick, intervalMs);
  };
  tick();
  return () => {
    stopped = true;
    if (handle) clock.clearTimeout(handle);
  };
}
