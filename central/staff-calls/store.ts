import type { CentralDatabase } from '../db/database';
import {
  STAFF_CALL_ESCALATES_TO,
  type CancelStaffCallRequest,
  type CreateStaffCallRequest,
  type StaffCall,
  type StaffCallStatus,
} from './contract';

interface StaffCallRow {
  call_id: string;
  hall_id: string;
  terminal_id: string;
  placement: string | null;
  step: string;
  status: StaffCallStatus;
  kiosk_called_at: string;
  received_at: number;
  escalated_at: number | null;
  taken_by: string | null;
  taken_by_name: string | null;
  taken_at: number | null;
  ended_at: number | null;
  cancel_reason: StaffCall['cancelReason'];
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function toCall(row: StaffCallRow): StaffCall {
  return {
    callId: row.call_id,
    hallId: row.hall_id,
    terminalId: row.terminal_id,
    placement: row.placement,
    step: row.step,
    status: row.status,
    calledAt: row.kiosk_called_at,
    receivedAt: new Date(row.received_at).toISOString(),
    escalatedAt: iso(row.escalated_at),
    escalatedTo: row.escalated_at === null ? null : STAFF_CALL_ESCALATES_TO,
    takenBy:
      row.taken_by === null
        ? null
        : { staffId: row.taken_by, displayName: row.taken_by_name ?? row.taken_by },
    takenAt: iso(row.taken_at),
    endedAt: iso(row.ended_at),
    cancelReason: row.cancel_reason,
  };
}

/** Why a staff member could not take or close a call, as the routes answer it. */
export type StaffCallRefusal = 'unknown' | 'taken-by-other' | 'ended';

export type StaffCallChange =
  { ok: true; call: StaffCall; changed: boolean } | { ok: false; refusal: StaffCallRefusal };

/** The calls still waiting for staff or being answered: what the page lists. */
const LIVE: readonly StaffCallStatus[] = ['open', 'taken'];

/**
 * Staff calls (table `staff_calls`). Each change is one conditional update, so of two staff
 * members taking one call at once exactly one gets it, and of several central nodes sweeping for
 * escalation exactly one escalates each call. Callers publish the change's event in the same
 * transaction.
 */
export class StaffCallStore {
  private readonly stmts;

  constructor(db: CentralDatabase) {
    this.stmts = {
      insert: db.prepare(
        `INSERT INTO staff_calls (call_id, hall_id, terminal_id, placement, step, status, kiosk_called_at, received_at)
         VALUES (?, ?, ?, ?, ?, 'open', ?, ?) ON CONFLICT (call_id) DO NOTHING`,
      ),
      byId: db.prepare<[string], StaffCallRow>('SELECT * FROM staff_calls WHERE call_id = ?'),
      live: db.prepare<[], StaffCallRow>(
        `SELECT * FROM staff_calls WHERE status IN ('open', 'taken') ORDER BY received_at, call_id`,
      ),
      take: db.prepare(
        `UPDATE staff_calls SET status = 'taken', taken_by = ?, taken_by_name = ?, taken_at = ?
           WHERE call_id = ? AND status = 'open'`,
      ),
      close: db.prepare(
        `UPDATE staff_calls SET status = 'closed', ended_at = ?, ended_by = ?
           WHERE call_id = ? AND status IN ('open', 'taken')`,
      ),
      cancel: db.prepare(
        `UPDATE staff_calls SET status = 'cancelled', ended_at = ?, ended_by = 'citizen', cancel_reason = ?
           WHERE call_id = ? AND status IN ('open', 'taken')`,
      ),
      due: db.prepare<[number], { call_id: string }>(
        `SELECT call_id FROM staff_calls WHERE status = 'open' AND escalated_at IS NULL AND received_at <= ?`,
      ),
      escalate: db.prepare(
        `UPDATE staff_calls SET escalated_at = ? WHERE call_id = ? AND status = 'open' AND escalated_at IS NULL`,
      ),
    };
  }

  /** A new call; undefined when the id is already another call's. */
  create(request: CreateStaffCallRequest, now: number): StaffCall | undefined {
    const info = this.stmts.insert.run(
      request.callId,
      request.hallId,
      request.terminalId,
      request.placement ?? null,
      request.step,
      request.calledAt,
      now,
    );
    return info.changes === 1 ? this.get(request.callId) : undefined;
  }

  get(callId: string): StaffCall | undefined {
    const row = this.stmts.byId.get(callId);
    return row && toCall(row);
  }

  /** Open and taken calls, oldest first, of the halls `inReach` accepts. */
  live(inReach: (hallId: string) => boolean): StaffCall[] {
    return this.stmts.live
      .all()
      .map(toCall)
      .filter((c) => LIVE.includes(c.status) && inReach(c.hallId));
  }

  /** Taking a call taken already by the same member answers it again, unchanged. */
  take(callId: string, staff: { staffId: string; displayName: string }, now: number): StaffCallChange {
    const changed = this.stmts.take.run(staff.staffId, staff.displayName, now, callId).changes === 1;
    const call = this.get(callId);
    if (!call) return { ok: false, refusal: 'unknown' };
    if (changed) return { ok: true, call, changed };
    if (call.status === 'taken' && call.takenBy?.staffId === staff.staffId)
      return { ok: true, call, changed };
    return { ok: false, refusal: call.status === 'taken' ? 'taken-by-other' : 'ended' };
  }

  /** Closing a closed call answers it again, unchanged. */
  close(callId: string, staffId: string, now: number): StaffCallChange {
    const changed = this.stmts.close.run(now, staffId, callId).changes === 1;
    const call = this.get(callId);
    if (!call) return { ok: false, refusal: 'unknown' };
    if (changed || call.status === 'closed') return { ok: true, call, changed };
    return { ok: false, refusal: 'ended' };
  }

  /**
   * The citizen withdrew the call (or left). A call that has ended already stays as it ended:
   * the kiosk's cancel is answered with it, so a late cancel is never a dead letter.
   */
  cancel(callId: string, reason: CancelStaffCallRequest['reason'], now: number): StaffCallChange {
    const changed = this.stmts.cancel.run(now, reason, callId).changes === 1;
    const call = this.get(callId);
    return call ? { ok: true, call, changed } : { ok: false, refusal: 'unknown' };
  }

  /** Marks the open calls received at or before `receivedBefore` escalated; returns them. */
  escalateDue(receivedBefore: number, now: number): StaffCall[] {
    const escalated: StaffCall[] = [];
    for (const { call_id } of this.stmts.due.all(receivedBefore)) {
      if (this.stmts.escalate.run(now, call_id).changes === 1) escalated.push(this.get(call_id)!);
    }
    return escalated;
  }
}
