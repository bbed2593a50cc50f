import type { z } from 'zod';
import type { createPaymentRequestSchema } from '../../../central/payments/contract';
import type { KioskDatabase } from '../store/database';
import type { Outbox } from '../store/outbox';

/** The outbox kind that asks the central for a payment order; its handler is in outbox.ts. */
export const PAYMENT_KIND = 'payment-create';

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

/**
 * Payments asked for at this kiosk (table `journey_payments`): the request and its outbox row in
 * one transaction, then what the central answered and the kiosk polled (paid, channel, e-receipt).
 * Nothing personal: the case is named by its central id only.
 */
export class PaymentStore {
  constructor(
    private readonly db: KioskDatabase,
    private readonly outbox: Outbox,
  ) {}

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
