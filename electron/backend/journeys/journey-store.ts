import type { z } from 'zod';
import type {
  bookAppointmentRequestSchema,
  checkInRequestSchema,
  submitEvaluationRequestSchema,
} from '../../../central/contract';
import type { KioskDatabase } from '../store/database';
import type { Outbox } from '../store/outbox';

/** Outbox kinds of the journeys; each has a handler in journey-handlers.ts. */
export const BOOK_KIND = 'appointment-book';
export const CHECK_IN_KIND = 'appointment-check-in';
export const EVALUATION_KIND = 'evaluation';

export type BookPayload = z.infer<typeof bookAppointmentRequestSchema>;
export type CheckInPayload = z.infer<typeof checkInRequestSchema> & { code: string };
/** The rating without its free-text comment, which travels sealed (it may name someone). */
export type EvaluationPayload = Omit<z.infer<typeof submitEvaluationRequestSchema>, 'comment'>;

export interface LocalAppointment {
  id: number;
  code: string | null;
  category: string | null;
  serviceDate: string | null;
  startTime: string | null;
  state: 'requested' | 'done' | 'rejected';
}

/**
 * The journeys' domain rows. Each citizen action is one transaction: its row and its outbox row.
 * Nothing personal is stored: the citizen is a keyed digest, the rating's comment is sealed.
 */
export class JourneyStore {
  constructor(
    private readonly db: KioskDatabase,
    private readonly outbox: Outbox,
  ) {}

  requestBooking(payload: BookPayload, hallId: string, now: number): { rowId: number; outboxId: number } {
    return this.db.transaction(() => {
      const queued = this.outbox.enqueue(`${BOOK_KIND}:${hallId}`, () => payload, now);
      const info = this.db
        .prepare(
          `INSERT INTO journey_appointments (outbox_id, action, state, citizen_ref, slot_id, created_at, updated_at)
           VALUES (?, 'book', 'requested', ?, ?, ?, ?)`,
        )
        .run(queued.id, payload.citizenRef, payload.slotId, now, now);
      return { rowId: Number(info.lastInsertRowid), outboxId: queued.id };
    })();
  }

  requestCheckIn(payload: CheckInPayload, now: number): { rowId: number; outboxId: number } {
    return this.db.transaction(() => {
      const queued = this.outbox.enqueue(`${CHECK_IN_KIND}:${payload.code}`, () => payload, now);
      const info = this.db
        .prepare(
          `INSERT INTO journey_appointments (outbox_id, action, state, citizen_ref, code, created_at, updated_at)
           VALUES (?, 'check-in', 'requested', ?, ?, ?, ?)`,
        )
        .run(queued.id, payload.citizenRef, payload.code, now, now);
      return { rowId: Number(info.lastInsertRowid), outboxId: queued.id };
    })();
  }

  markBooked(
    outboxId: number,
    a: { code: string; category: string; serviceDate: string; startTime: string },
    now: number,
  ): void {
    this.db
      .prepare(
        `UPDATE journey_appointments SET state = 'done', code = ?, category = ?, service_date = ?, start_time = ?, updated_at = ?
         WHERE outbox_id = ?`,
      )
      .run(a.code, a.category, a.serviceDate, a.startTime, now, outboxId);
  }

  markCheckedIn(outboxId: number, ticketNumber: string, now: number): void {
    this.db
      .prepare(
        `UPDATE journey_appointments SET state = 'done', ticket_number = ?, updated_at = ? WHERE outbox_id = ?`,
      )
      .run(ticketNumber, now, outboxId);
  }

  markAppointmentRejected(outboxId: number, code: string, now: number): void {
    this.db
      .prepare(
        `UPDATE journey_appointments SET state = 'rejected', reject_code = ?, updated_at = ? WHERE outbox_id = ?`,
      )
      .run(code, now, outboxId);
  }

  /** Bookings made at this kiosk by this citizen for `date` and not checked in here yet. */
  bookingsOn(citizenRef: string, date: string): LocalAppointment[] {
    const rows = this.db
      .prepare(
        `SELECT id, code, category, service_date, start_time, state FROM journey_appointments b
         WHERE action = 'book' AND state = 'done' AND citizen_ref = ? AND service_date = ?
           AND NOT EXISTS (SELECT 1 FROM journey_appointments c
                           WHERE c.action = 'check-in' AND c.state = 'done' AND c.code = b.code)
         ORDER BY start_time`,
      )
      .all(citizenRef, date) as {
      id: number;
      code: string | null;
      category: string | null;
      service_date: string | null;
      start_time: string | null;
      state: LocalAppointment['state'];
    }[];
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      category: r.category,
      serviceDate: r.service_date,
      startTime: r.start_time,
      state: r.state,
    }));
  }

  requestEvaluation(
    payload: EvaluationPayload,
    comment: string | undefined,
    now: number,
  ): { rowId: number; outboxId: number } {
    const subjectKey = payload.subject.kind === 'case' ? payload.subject.caseId : payload.subject.ticketId;
    return this.db.transaction(() => {
      const queued = this.outbox.enqueue(
        `${EVALUATION_KIND}:${payload.subject.kind}:${subjectKey}`,
        () => payload,
        now,
        comment === undefined ? undefined : { comment },
      );
      const info = this.db
        .prepare(
          `INSERT INTO journey_evaluations (outbox_id, subject_kind, level, state, created_at, updated_at)
           VALUES (?, ?, ?, 'requested', ?, ?)`,
        )
        .run(queued.id, payload.subject.kind, payload.level, now, now);
      return { rowId: Number(info.lastInsertRowid), outboxId: queued.id };
    })();
  }

  markEvaluated(outboxId: number, followUpDeadline: string | null, now: number): void {
    this.db
      .prepare(
        `UPDATE journey_evaluations SET state = 'done', follow_up_deadline = ?, updated_at = ? WHERE outbox_id = ?`,
      )
      .run(followUpDeadline, now, outboxId);
  }

  markEvaluationRejected(outboxId: number, code: string, now: number): void {
    this.db
      .prepare(
        `UPDATE journey_evaluations SET state = 'rejected', reject_code = ?, updated_at = ? WHERE outbox_id = ?`,
      )
      .run(code, now, outboxId);
  }

  recordPayment(
    p: { paymentId: string; caseId: string; amountFen: number; state: 'pending' | 'paid' | 'expired' },
    now: number,
  ): void {
    this.db
      .prepare(
        `INSERT INTO journey_payments (payment_id, case_id, amount_fen, state, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (payment_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
      )
      .run(p.paymentId, p.caseId, p.amountFen, p.state, now, now);
  }

  markPaid(paymentId: string, receiptNo: string | null, now: number): void {
    this.db
      .prepare(
        `UPDATE journey_payments SET state = 'paid', receipt_no = ?, updated_at = ? WHERE payment_id = ?`,
      )
      .run(receiptNo, now, paymentId);
  }

  markReceiptPrinted(paymentId: string, now: number): void {
    this.db
      .prepare(`UPDATE journey_payments SET receipt_printed = 1, updated_at = ? WHERE payment_id = ?`)
      .run(now, paymentId);
  }

  /** Cases paid from this kiosk (the central may know more: it answers payment-exists then). */
  paidCases(): Set<string> {
    const rows = this.db.prepare(`SELECT case_id FROM journey_payments WHERE state = 'paid'`).all() as {
      case_id: string;
    }[];
    return new Set(rows.map((r) => r.case_id));
  }

  /** The newest payment of a case created here, if still pending. */
  pendingPayment(caseId: string): string | undefined {
    const row = this.db
      .prepare(
        `SELECT payment_id FROM journey_payments WHERE case_id = ? AND state = 'pending' ORDER BY created_at DESC LIMIT 1`,
      )
      .get(caseId) as { payment_id: string } | undefined;
    return row?.payment_id;
  }
}
