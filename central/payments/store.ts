import { randomBytes, randomUUID } from 'node:crypto';
import type { CentralDatabase } from '../db/database';
import { tokenDigest } from '../kiosks/auth';
import { hallDate } from '../../domain/hall-time';
import type { Payment } from './contract';

/** What an order is made of: the case, where it was asked for, and the fees the catalogue says. */
export interface PaymentOrder {
  caseId: string;
  hallId: string;
  /** The kiosk that asked; null for a trusted device. */
  terminalId: string | null;
  /** The item's name, as the description when it has several fees. */
  itemName: string;
  items: { name: string; amountFen: number }[];
}

/** A QR code on the kiosk screen is scanned within minutes; after this the order must be made again. */
export const PAYMENT_TTL_MS = 30 * 60 * 1000;
/** Base of the QR payload of the unified public payment platform (reference: a simulated platform). */
export const PAYMENT_PLATFORM_URL = 'https://pay.gov.example.cn/upp/pay';

interface PaymentRow {
  payment_id: string;
  case_id: string;
  description: string;
  amount_fen: number;
  items: string;
  status: 'pending' | 'paid';
  pay_token_hash: string;
  qr_payload: string;
  created_at: number;
  expires_at: number;
  paid_at: number | null;
  pay_channel: Payment['channel'];
  receipt_no: string | null;
  hall_id: string | null;
  terminal_id: string | null;
}

export type CreateOutcome =
  { kind: 'created'; payment: Payment } | { kind: 'payment-exists'; payment: Payment };
export type PayOutcome =
  | { kind: 'paid'; payment: Payment }
  | { kind: 'invalid-qr-payload' }
  | { kind: 'payment-expired'; payment: Payment };

/** Payment orders for cases, paid by QR through the (simulated) unified public payment platform. */
export class PaymentStore {
  private readonly stmts;

  constructor(private readonly db: CentralDatabase) {
    this.stmts = {
      insert: db.prepare(
        `INSERT INTO payments (payment_id, case_id, description, amount_fen, items, status, pay_token_hash, qr_payload,
           created_at, expires_at, hall_id, terminal_id)
         VALUES (@paymentId, @caseId, @description, @amountFen, @items, 'pending', @tokenHash, @qrPayload, @now, @expiresAt,
           @hallId, @terminalId)`,
      ),
      byId: db.prepare<[string], PaymentRow>('SELECT * FROM payments WHERE payment_id = ?'),
      openForCase: db.prepare<[string, number], PaymentRow>(
        `SELECT * FROM payments WHERE case_id = ? AND (status = 'paid' OR expires_at > ?)
         ORDER BY created_at DESC LIMIT 1`,
      ),
      nextReceipt: db.prepare<[string], { last_no: number }>(
        `INSERT INTO receipt_counters (receipt_date, last_no) VALUES (?, 1)
         ON CONFLICT (receipt_date) DO UPDATE SET last_no = last_no + 1 RETURNING last_no`,
      ),
      markPaid: db.prepare(
        `UPDATE payments SET status = 'paid', paid_at = ?, pay_channel = ?, receipt_no = ? WHERE payment_id = ? AND status = 'pending'`,
      ),
    };
  }

  /** Creates the order of a case (call inside a write transaction). One open or paid order per case. */
  create(req: PaymentOrder, now: number): CreateOutcome {
    const open = this.stmts.openForCase.get(req.caseId, now);
    if (open) return { kind: 'payment-exists', payment: toPayment(open, now) };
    const paymentId = randomUUID();
    const token = randomBytes(16).toString('hex');
    const amountFen = req.items.reduce((sum, item) => sum + item.amountFen, 0);
    const qrPayload = `${PAYMENT_PLATFORM_URL}?order=${paymentId}&amount=${amountFen}&t=${token}`;
    this.stmts.insert.run({
      paymentId,
      caseId: req.caseId,
      description: req.items.map((i) => i.name).join('、') || req.itemName,
      amountFen,
      items: JSON.stringify(req.items),
      tokenHash: tokenDigest(token),
      qrPayload,
      now,
      expiresAt: now + PAYMENT_TTL_MS,
      hallId: req.hallId,
      terminalId: req.terminalId,
    });
    return { kind: 'created', payment: toPayment(this.stmts.byId.get(paymentId)!, now) };
  }

  /** A payment with the hall it belongs to (null: an order older than halls on payments, of no case). */
  get(paymentId: string, now: number): { payment: Payment; hallId: string | null } | undefined {
    const row = this.stmts.byId.get(paymentId);
    return row && { payment: toPayment(row, now), hallId: row.hall_id };
  }

  /**
   * What the simulated payer does after scanning: marks the order paid and issues the e-receipt
   * number. Paying a paid order again answers it unchanged.
   */
  pay(qrPayload: string, channel: NonNullable<Payment['channel']>, now: number): PayOutcome {
    return this.db
      .transaction((): PayOutcome => {
        let url: URL;
        try {
          url = new URL(qrPayload);
        } catch {
          return { kind: 'invalid-qr-payload' };
        }
        if (`${url.origin}${url.pathname}` !== PAYMENT_PLATFORM_URL) return { kind: 'invalid-qr-payload' };
        const row = this.stmts.byId.get(url.searchParams.get('order') ?? '');
        const token = url.searchParams.get('t') ?? '';
        if (!row || row.pay_token_hash !== tokenDigest(token)) return { kind: 'invalid-qr-payload' };
        if (row.status === 'paid') return { kind: 'paid', payment: toPayment(row, now) };
        if (row.expires_at <= now) return { kind: 'payment-expired', payment: toPayment(row, now) };
        const date = hallDate(now);
        const n = this.stmts.nextReceipt.get(date)!.last_no;
        const receiptNo = `ER${date.replaceAll('-', '')}${String(n).padStart(6, '0')}`;
        this.stmts.markPaid.run(now, channel, receiptNo, row.payment_id);
        return { kind: 'paid', payment: toPayment(this.stmts.byId.get(row.payment_id)!, now) };
      })
      .immediate();
  }
}

function toPayment(r: PaymentRow, now: number): Payment {
  return {
    paymentId: r.payment_id,
    caseId: r.case_id,
    description: r.description,
    items: JSON.parse(r.items),
    amountFen: r.amount_fen,
    currency: 'CNY',
    status: r.status === 'paid' ? 'paid' : r.expires_at <= now ? 'expired' : 'pending',
    qrPayload: r.qr_payload,
    createdAt: new Date(r.created_at).toISOString(),
    expiresAt: new Date(r.expires_at).toISOString(),
    paidAt: r.paid_at === null ? null : new Date(r.paid_at).toISOString(),
    channel: r.pay_channel,
    receiptNo: r.receipt_no,
  };
}
