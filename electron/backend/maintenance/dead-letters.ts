import type { KioskDatabase } from '../store/database';
import { kindOf } from '../store/outbox';

/**
 * A dead letter as staff see and export it: what kind of action, when, how often tried and why it
 * was refused. Never the payload or the sealed fields: those may hold personal data (or a digest
 * of it), so they are left out rather than filtered.
 */
export interface DeadLetterView {
  id: number;
  kind: string;
  kioskSequence: number;
  attempts: number;
  reason: string | null;
  createdAt: string;
  rejectedAt: string;
  /** The payload was purged after retention: the item cannot be retried any more. */
  purged: boolean;
}

interface Row {
  id: number;
  stream: string;
  kiosk_sequence: number;
  attempts: number;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  purged_at: number | null;
}

/**
 * Reasons come from the central's answer or are typed by staff: an ID-number-like run of digits
 * and a mobile number are masked all the same.
 */
export function scrubReason(reason: string | null): string | null {
  return reason === null
    ? null
    : reason
        .replace(/\d{15,17}[\dXx]?/g, '[number removed]')
        .replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, '[number removed]')
        .slice(0, 300);
}

/** Rejected items nobody has settled: each needs staff to retry it after a fix, or discard it. */
export function listDeadLetters(db: KioskDatabase, limit = 200): DeadLetterView[] {
  return listRejected(db, 'settled_as IS NULL', limit);
}

/** The central's deliberate refusals, newest first: the citizen's outcome, with no Retry. */
export function listRefusals(db: KioskDatabase, limit = 50): DeadLetterView[] {
  return listRejected(db, "settled_as = 'refused'", limit);
}

function listRejected(db: KioskDatabase, which: string, limit: number): DeadLetterView[] {
  const rows = db
    .prepare(
      `SELECT id, stream, kiosk_sequence, attempts, last_error, created_at, updated_at, purged_at
       FROM outbox WHERE state = 'rejected' AND ${which} ORDER BY id DESC LIMIT ?`,
    )
    .all(limit) as Row[];
  return rows.map((r) => ({
    id: r.id,
    kind: kindOf(r.stream),
    kioskSequence: r.kiosk_sequence,
    attempts: r.attempts,
    reason: scrubReason(r.last_error),
    createdAt: new Date(r.created_at).toISOString(),
    rejectedAt: new Date(r.updated_at).toISOString(),
    purged: r.purged_at !== null,
  }));
}

/** Dead letters counted by reason, for the summary line ("HTTP 422 unknown-category: 3"). */
export function deadLetterReasons(letters: DeadLetterView[]): { reason: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const l of letters) counts.set(l.reason ?? '(none)', (counts.get(l.reason ?? '(none)') ?? 0) + 1);
  return [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count);
}
