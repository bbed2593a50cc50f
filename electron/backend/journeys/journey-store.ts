import type { z } from 'zod';
import type {
  bookAppointmentRequestSchema,
  checkInRequestSchema,
  createPaymentRequestSchema,
  submitEvaluationRequestSchema,
} from '../../../central/contract';
import type { KioskDatabase } from '../store/database';
import type { Outbox } from '../store/outbox';

/** Outbox kinds of the journeys; each has a handler in journey-handlers.ts. */
export const BOOK_KIND = 'appointment-book';
export const CHECK_IN_KIND = 'appointment-check-in';
export const EVALUATION_KIND = 'evaluation';
export const PAYMENT_KIND = 'payment-create';

export type BookPayload = z.infer<typeof bookAppointmentRequestSchema>;
export type CheckInPayload = z.infer<typeof checkInRequestSchema> & { code: string };
/**
 * What a booking or a check-in seals: the citizen's keyed digest. An ID number has so little
 * entropy that its digest gives it back, so it is personal data and never in a clear payload;
 * the handler puts it back to send it (Outbox.assemble).
 */
export interface SealedCitizen {
  citizenRef: string;
}
/** The rating without its free-text comment, which travels sealed (it may name someone). */
export type EvaluationPayload = Omit<z.infer<typeof submitEvaluationRequestSchema>, 'comment'>;
export type PaymentPayload = z.infer<typeof createPaymentRequestSchema>;

export type LocalPaymentState = 'requested' | 'pending' | 'paid' | 'expired' | 'rejected' | 'withdrawn';

/** A payment asked for at this kiosk, as the store knows it (no personal data). */
export interface LocalPayment {
  outboxId: number | null;
  paymentId: string | null;
  caseId: string;
  amountFen: number;
  state: LocalPaymentState;
  qrPayload: string | null;
  expiresAt: string | null;
  rejectCode: string | null;
  receiptNo: string | null;
  receiptPrinted: boolean;
}

interface PaymentRow {
  outbox_id: number | null;
  payment_id: string | null;
  case_id: string;
  amount_fen: number;
  state: LocalPaymentState;
  qr_payload: string | null;
  expires_at: string | null;
  reject_code: string | null;
  receipt_no: string | null;
  receipt_printed: number;
}

const toLocalPayment = (r: PaymentRow): LocalPayment => ({
  outboxId: r.outbox_id,
  paymentId: r.payment_id,
  caseId: r.case_id,
  amountFen: r.amount_fen,
  state: r.state,
  qrPayload: r.qr_payload,
  expiresAt: r.expires_at,
  rejectCode: r.reject_code,
  receiptNo: r.receipt_no,
  receiptPrinted: r.receipt_printed === 1,
});

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
 * Nothing personal is stored: the citizen is a keyed digest (dropped after the retention), the
 * rating's comment is sealed.
 */
export class JourneyStore {
  constructor(
    private readonly db: KioskDatabase,
    private readonly outbox: Outbox,
  ) {}

  requestBooking(payload: BookPayload, hallId: string, now: number): { rowId: number; outboxId: number } {
    return this.db.transaction(() => {
      const { citizenRef, ...clear } = payload;
      const queued = this.outbox.enqueue(`${BOOK_KIND}:${hallId}`, () => clear, now, {
        citizenRef,
      } satisfies SealedCitizen);
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
      const { citizenRef, ...clear } = payload;
      const queued = this.outbox.enqueue(`${CHECK_IN_KIND}:${payload.code}`, () => clear, now, {
        citizenRef,
      } satisfies SealedCitizen);
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

  /**
   * Drops the citizen's digest from appointments made before `cutoff` (the retention): an ID number
   * has so little entropy that its keyed digest gives it back. A booking made longer ago is then
   * not offered for check-in by card here; its code still checks it in.
   */
  forgetCitizens(cutoff: number): number {
    return this.db
      .prepare(
        'UPDATE journey_appointments SET citizen_ref = NULL WHERE citizen_ref IS NOT NULL AND created_at <= ?',
      )
      .run(cutoff).changes;
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

  /**
   * The citizen asked to pay a case's fee: the local row and the outbox row that asks the central
   * for the order, in one transaction. One stream per case keeps a case's requests in order.
   * The request names the case only: the central prices it from its catalogue. `shownAmountFen`
   * (the fee the central listed for the case) is kept for the screen until the order says the
   * amount itself.
   */
  requestPayment(
    payload: PaymentPayload,
    shownAmountFen: number,
    now: number,
  ): { rowId: number; outboxId: number } {
    const amountFen = shownAmountFen;
    return this.db.transaction(() => {
      const queued = this.outbox.enqueue(`${PAYMENT_KIND}:${payload.caseId}`, () => payload, now);
      const info = this.db
        .prepare(
          `INSERT INTO journey_payments (outbox_id, case_id, amount_fen, state, created_at, updated_at)
           VALUES (?, ?, ?, 'requested', ?, ?)`,
        )
        .run(queued.id, payload.caseId, amountFen, now, now);
      return { rowId: Number(info.lastInsertRowid), outboxId: queued.id };
    })();
  }

  /** The central created the order (called inside the acknowledging transaction). */
  markPaymentCreated(
    outboxId: number,
    p: { paymentId: string; amountFen: number; qrPayload: string; expiresAt: string },
    now: number,
  ): void {
    this.db
      .prepare(
        `UPDATE journey_payments SET state = 'pending', payment_id = ?, amount_fen = ?, qr_payload = ?,
           expires_at = ?, updated_at = ? WHERE outbox_id = ?`,
      )
      .run(p.paymentId, p.amountFen, p.qrPayload, p.expiresAt, now, outboxId);
  }

  markPaymentRejected(outboxId: number, code: string, now: number): void {
    this.db
      .prepare(
        `UPDATE journey_payments SET state = 'rejected', reject_code = ?, updated_at = ? WHERE outbox_id = ?`,
      )
      .run(code, now, outboxId);
  }

  /**
   * The citizen left (or the network failed) before the central acknowledged: the request is
   * withdrawn if it was never sent, so no order nobody will pay is created later. False when it
   * is in flight or settled already; then it runs its course (its key creates one order at most).
   */
  withdrawPaymentRequest(outboxId: number, reason: string, now: number): boolean {
    return this.db.transaction(() => {
      if (!this.outbox.withdraw(outboxId, reason, now)) return false;
      this.db
        .prepare(
          `UPDATE journey_payments SET state = 'withdrawn', reject_code = ?, updated_at = ? WHERE outbox_id = ?`,
        )
        .run(reason, now, outboxId);
      return true;
    })();
  }

  /**
   * Payment requests never sent: after a restart nobody is waiting for them any more. Requests
   * that were sent (attempts > 0) may have created an order already and are left to replay.
   */
  unsentPaymentRequests(): number[] {
    return (
      this.db
        .prepare(
          `SELECT o.id FROM outbox o JOIN journey_payments p ON p.outbox_id = o.id
           WHERE o.state = 'pending' AND o.attempts = 0 AND p.state = 'requested'`,
        )
        .all() as { id: number }[]
    ).map((r) => r.id);
  }

  paymentByOutbox(outboxId: number): LocalPayment | undefined {
    const row = this.db.prepare(`SELECT * FROM journey_payments WHERE outbox_id = ?`).get(outboxId) as
      PaymentRow | undefined;
    return row && toLocalPayment(row);
  }

  paymentById(paymentId: string): LocalPayment | undefined {
    const row = this.db.prepare(`SELECT * FROM journey_payments WHERE payment_id = ?`).get(paymentId) as
      PaymentRow | undefined;
    return row && toLocalPayment(row);
  }

  /** The paid state the kiosk polled from the central (no personal data: ids, channel, receipt no.). */
  markPaid(
    paymentId: string,
    paid: { receiptNo: string | null; paidAt: string | null; channel: string | null },
    now: number,
  ): void {
    this.db
      .prepare(
        `UPDATE journey_payments SET state = 'paid', receipt_no = ?, paid_at = ?, channel = ?, updated_at = ?
         WHERE payment_id = ?`,
      )
      .run(paid.receiptNo, paid.paidAt, paid.channel, now, paymentId);
  }

  markExpired(paymentId: string, now: number): void {
    this.db
      .prepare(
        `UPDATE journey_payments SET state = 'expired', updated_at = ? WHERE payment_id = ? AND state = 'pending'`,
      )
      .run(now, paymentId);
  }

  markReceiptPrinted(paymentId: string, now: number): void {
    this.db
      .prepare(
        `UPDATE journey_payments SET receipt_printed = 1, receipt_printed_at = ?, updated_at = ? WHERE payment_id = ?`,
      )
      .run(now, now, paymentId);
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
        `SELECT payment_id FROM journey_payments WHERE case_id = ? AND state = 'pending' AND payment_id IS NOT NULL
         ORDER BY created_at DESC, id DESC LIMIT 1`,
      )
      .get(caseId) as { payment_id: string } | undefined;
    return row?.payment_id;
  }
}
