import type { Clock, TimerHandle } from '../../../domain/clock';
import type { PrintDocument } from '../../../drivers/printer/document';
import { validateIdNumber } from '../../../domain/id-number';
import type {
  BookedAppointment,
  ErrorCode,
  IndicatorsResponse,
  IssuedTicket,
  JourneyReason,
  JourneyState,
  LocalizedText,
  OrderView,
  PaymentView,
  RatingResult,
  SlotView,
  SubmitRatingRequest,
} from '../api/contract';
import type { KioskDevices } from '../devices/kiosk-devices';
import type { StaffAlerts } from '../staff-call/alerts';
import type { KioskLogger } from '../logging/logger';
import { ticketDocument } from '../queue/paper';
import {
  confirmCardFor,
  hallDate,
  type CitizenSession,
  type JourneyAction,
} from '../session/citizen-session';
import { storeWrite, StoreUnavailableError } from '../store/database';
import type { CentralJourneysClient } from './central';
import type { OutboxDelivery } from '../store/outbox-delivery';
import type { JourneyStore } from './journey-store';
import { parseScan } from '../identity/scan';

/** How often the backend asks the central whether the payment shown on screen has been paid. */
export const PAYMENT_POLL_INTERVAL_MS = 2_000;
/**
 * How long a citizen at the screen waits for the central to create the order: long enough for a
 * few retries of a slow link (backoff 1 s, 2 s, 4 s), short enough that nobody stands there
 * wondering. Past it the request is withdrawn and the screen says paying needs the network.
 */
export const PAYMENT_ACK_WAIT_MS = 15_000;
/** A request in flight (a sweep has it) is looked at again after this long. */
export const PAYMENT_ACK_RECHECK_MS = 250;
/** Days ahead a citizen may pick at the kiosk (the central takes bookings 14 days ahead). */
export const BOOKING_DAYS_SHOWN = 7;
/** Statuses of a case whose fee is due (taken in and not ended without a result). */
const PAYABLE_STATUSES = new Set(['accepted', 'routed', 'approved', 'ready-for-pickup', 'handed-out']);
/** Statuses of a completed case (办结), which the citizen may rate. */
const RATEABLE_STATUSES = new Set(['approved', 'rejected', 'ready-for-pickup', 'handed-out']);

const REASON_OF: Record<string, JourneyReason> = {
  'slot-full': 'slot-full',
  'slot-closed': 'slot-closed',
  'unknown-slot': 'slot-closed',
  'appointment-exists': 'appointment-exists',
  'unknown-appointment': 'unknown-appointment',
  'invalid-appointment-state': 'appointment-not-booked',
  'check-in-closed': 'check-in-closed',
  'active-ticket-exists': 'active-ticket-exists',
  'payment-exists': 'payment-exists',
  'payment-expired': 'payment-expired',
  'already-evaluated': 'already-evaluated',
  'visit-not-served': 'visit-not-served',
  'unknown-ticket': 'visit-not-served',
  'indicators-required': 'indicators-required',
};

const PRINTER_ERROR: Record<string, ErrorCode> = {
  'paper-out': 'printer-paper-out',
  'cover-open': 'printer-cover-open',
  offline: 'printer-offline',
  disconnected: 'printer-offline',
};

export type JourneyResult<T> =
  | { ok: true; value: T }
  | { ok: false; code: ErrorCode; reason?: JourneyReason; detail?: string; ticket?: IssuedTicket };

const fail = (code: ErrorCode, reason?: JourneyReason, detail?: string): JourneyResult<never> => ({
  ok: false,
  code,
  ...(reason ? { reason } : {}),
  ...(detail ? { detail } : {}),
});

const rejectCode = (response: unknown): string =>
  (response as { error?: { code?: string } } | null)?.error?.code ?? 'unknown';

/** Paying (and seeing the fees due) needs the central: said plainly, nothing is queued. */
const needsNetwork = (detail: string): JourneyResult<never> =>
  fail('central-unreachable', 'payment-needs-network', detail);

export interface JourneysDeps {
  clock: Clock;
  logger: KioskLogger;
  session: CitizenSession;
  store: JourneyStore;
  delivery: OutboxDelivery;
  devices: Pick<KioskDevices, 'print' | 'dispenseTicket'>;
  central: CentralJourneysClient;
  hall: { id: string; name: string; queueFollowUrl: string };
  terminalId: string;
  categoryName(code: string): LocalizedText | undefined;
  /** Something the renderer shows changed: it refetches /api/state. */
  changed(): void;
  /** Hall staff are told when a citizen is left without their paper. */
  alerts?: Pick<StaffAlerts, 'raise'>;
}

/** Identify by typed number or app QR, appointments, pay, rate: the citizen journeys beside the card. */
export class CitizenJourneys {
  private scan: JourneyState['scan'] = null;
  private scanSeq = 0;
  private payment: PaymentView | null = null;
  private pollTimer: TimerHandle | undefined;
  /** The outbox id of the payment request the citizen is waiting for, until it settles. */
  private creating: number | undefined;
  private ackWait: { timer: TimerHandle; resolve: () => void } | undefined;
  private indicatorsCache: IndicatorsResponse | undefined;

  constructor(private readonly deps: JourneysDeps) {}

  state(): JourneyState {
    return { scan: this.scan, payment: this.payment };
  }

  /** The session ended: forget the scan and the payment, stop polling, withdraw an unsent request. */
  reset(): void {
    this.scan = null;
    this.leavePayment('session ended');
  }

  /**
   * Who may do `action`, and for a card session whether its card is still the one on the reader
   * (re-read now). The caller commits without awaiting anything after it.
   */
  private async guard(action: JourneyAction): Promise<JourneyResult<never> | undefined> {
    if (!this.deps.session.active) return fail('no-session');
    if (!this.deps.session.may(action)) return fail('no-session', 'needs-card');
    const card = await confirmCardFor(this.deps.session, action, this.deps.logger);
    return card.ok ? undefined : fail(card.code, undefined, card.detail);
  }

  // ---- Identify ----

  declare(idNumber: string, source: 'typed' | 'qr'): JourneyResult<true> {
    const normalized = idNumber.trim().toUpperCase();
    if (this.deps.session.source === 'card') return fail('bad-request', 'card-present');
    if (!validateIdNumber(normalized)) {
      this.deps.logger.warn('identity.refused', { source, reason: 'check character or format' });
      return fail('bad-request', 'invalid-id-number');
    }
    this.deps.session.startDeclared(normalized, source);
    this.deps.logger.info('identity.declared', { source });
    return { ok: true, value: true };
  }

  /** A scan from the scanner: an ID from the app starts a session; other codes wait for a screen. */
  onScan(text: string): void {
    const scan = parseScan(text, this.deps.hall.queueFollowUrl);
    this.deps.logger.info('scan.received', { kind: scan.kind });
    if (scan.kind === 'citizen-id') {
      this.declare(scan.idNumber, 'qr');
      return;
    }
    if (!this.deps.session.active) return;
    const seq = ++this.scanSeq;
    this.scan =
      scan.kind === 'appointment'
        ? { kind: 'appointment', code: scan.code, seq }
        : scan.kind === 'visit'
          ? { kind: 'visit', ticketId: scan.ticketId, seq }
          : { kind: 'unrecognised', seq };
    this.deps.changed();
  }

  // ---- Appointments ----

  bookableDates(): string[] {
    const now = this.deps.clock.now();
    return Array.from({ length: BOOKING_DAYS_SHOWN }, (_, i) => hallDate(now + i * 86_400_000));
  }

  async slots(
    category: string,
    date: string,
  ): Promise<JourneyResult<{ dates: string[]; slots: SlotView[] }>> {
    const refused = await this.guard('book-appointment');
    if (refused) return refused;
    const r = await this.deps.central.listAppointmentSlots(this.deps.hall.id, category, date);
    if (r.kind !== 'ok') return this.notOk(r);
    const now = this.deps.clock.now();
    const slots = r.body.slots
      .filter((s) => Date.parse(`${s.serviceDate}T${s.startTime}:00+08:00`) > now)
      .map(({ slotId, serviceDate, startTime, endTime, available }) => ({
        slotId,
        serviceDate,
        startTime,
        endTime,
        available,
      }));
    return { ok: true, value: { dates: this.bookableDates(), slots } };
  }

  async book(slotId: string): Promise<JourneyResult<BookedAppointment>> {
    const refused = await this.guard('book-appointment');
    if (refused) return refused;
    if (!this.deps.delivery.syncStatus().online) return fail('central-unreachable');
    const citizenRef = this.deps.session.citizenRef()!;
    const written = this.write(() =>
      this.deps.store.requestBooking({ slotId, citizenRef }, this.deps.hall.id, this.deps.clock.now()),
    );
    if (!written.ok) return written;
    const delivered = await this.deps.delivery.deliver(written.value.outboxId);
    if (delivered?.state === 'acknowledged') {
      const a = (delivered.response as { appointment: BookedAppointment }).appointment;
      this.deps.logger.info('appointment.booked', { category: a.category });
      const { code, qrPayload, category, serviceDate, startTime, endTime } = a;
      return { ok: true, value: { code, qrPayload, category, serviceDate, startTime, endTime } };
    }
    this.deps.logger.warn('appointment.book-failed', {
      state: delivered?.state,
      reason: delivered?.lastError,
    });
    if (delivered?.state === 'rejected') return this.rejected(delivered.response);
    // Kept in the outbox: delivered when the central is back; the citizen checks in by card here.
    return fail('central-unreachable', 'queued-offline');
  }

  async today(): Promise<JourneyResult<{ code: string; category: string; startTime: string }[]>> {
    const refused = await this.guard('check-in');
    if (refused) return refused;
    const list = this.deps.store
      .bookingsOn(this.deps.session.citizenRef()!, hallDate(this.deps.clock.now()))
      .flatMap((a) =>
        a.code && a.category && a.startTime
          ? [{ code: a.code, category: a.category, startTime: a.startTime }]
          : [],
      );
    return { ok: true, value: list };
  }

  async checkIn(rawCode: string): Promise<JourneyResult<IssuedTicket>> {
    const refused = await this.guard('check-in');
    if (refused) return refused;
    const code = rawCode
      .trim()
      .toUpperCase()
      .replace(/^APPT:/, '');
    if (!/^[A-Z0-9]{8}$/.test(code)) return fail('bad-request', 'unknown-appointment');
    if (!this.deps.delivery.syncStatus().online) return fail('central-unreachable');
    const citizenRef = this.deps.session.citizenRef()!;
    const written = this.write(() =>
      this.deps.store.requestCheckIn(
        { code, citizenRef, terminalId: this.deps.terminalId },
        this.deps.clock.now(),
      ),
    );
    if (!written.ok) return written;
    const delivered = await this.deps.delivery.deliver(written.value.outboxId);
    if (delivered?.state !== 'acknowledged') {
      this.deps.logger.warn('appointment.check-in-failed', {
        state: delivered?.state,
        reason: delivered?.lastError,
      });
      if (delivered?.state === 'rejected') return this.rejected(delivered.response);
      return fail('central-unreachable', 'queued-offline');
    }
    const t = (delivered.response as { ticket: CentralTicket }).ticket;
    const followUrl = `${this.deps.hall.queueFollowUrl}/${encodeURIComponent(t.ticketId)}`;
    const ticket: IssuedTicket = {
      number: t.number,
      category: t.category,
      categoryName: t.categoryName,
      hallName: this.deps.hall.name,
      waitingAhead: t.waitingAhead,
      estimatedWaitMinutes: t.estimatedWaitMinutes,
      issuedAt: t.issuedAt,
      priority: 'appointment',
      printed: false,
      followUrl,
    };
    this.deps.logger.info('appointment.checked-in', { number: t.number, category: t.category });
    this.scan = null;
    const printed = await this.deps.devices.dispenseTicket(
      ticketDocument({ ...ticket, greenChannel: false, followUrl }),
      `appointment-${written.value.rowId}`,
    );
    if (!printed.ok) {
      this.deps.logger.warn('ticket.print-failed', { number: t.number, status: printed.status.state });
      this.deps.alerts?.raise({
        what: 'ticket-not-printed',
        device: 'receiptPrinter',
        state: printed.status.state,
        number: t.number,
      });
      return {
        ok: false,
        code: PRINTER_ERROR[printed.status.state] ?? 'printer-error',
        detail: printed.status.state,
        ticket,
      };
    }
    this.deps.logger.info('ticket.printed', { number: t.number });
    return { ok: true, value: { ...ticket, printed: true } };
  }

  // ---- Pay ----

  async orders(): Promise<JourneyResult<OrderView[]>> {
    const refused = await this.guard('see-orders');
    if (refused) return refused;
    return this.listOrders();
  }

  private async listOrders(): Promise<JourneyResult<OrderView[]>> {
    const epoch = this.deps.session.epoch;
    const r = await this.deps.central.lookupCases(this.deps.session.citizenRef()!);
    // Another citizen (or nobody) is identified now: these are not theirs to see.
    if (epoch !== this.deps.session.epoch) return fail('card-session-ended', undefined, 'session-changed');
    if (r.kind !== 'ok') return r.kind === 'rejected' ? this.notOk(r) : needsNetwork(r.reason);
    const paid = this.deps.store.paidCases();
    return {
      ok: true,
      value: r.body.cases
        .filter((c) => c.feeFen > 0 && PAYABLE_STATUSES.has(c.status) && !paid.has(c.caseId))
        .map((c) => ({
          caseId: c.caseId,
          caseNumber: c.caseNumber,
          itemName: c.itemName,
          amountFen: c.feeFen,
        })),
    };
  }

  /**
   * The payment QR code of one order. The request is one transaction (local row + outbox row)
   * delivered at once; the citizen waits, bounded, for the central's order. Paying needs the
   * network: offline nothing is queued, and a request not acknowledged in time is withdrawn.
   */
  async createPayment(caseId: string): Promise<JourneyResult<PaymentView>> {
    const refused = await this.guard('see-orders');
    if (refused) return refused;
    if (!this.deps.delivery.syncStatus().online) return needsNetwork('offline');
    const listed = await this.listOrders();
    if (!listed.ok) return listed;
    const order = listed.value.find((o) => o.caseId === caseId);
    if (!order) return fail('bad-request', 'no-such-order');
    // The order list took a round trip to the central: the card is confirmed again before the
    // payment request is committed.
    const card = await confirmCardFor(this.deps.session, 'see-orders', this.deps.logger);
    if (!card.ok) return fail(card.code, undefined, card.detail);
    this.leavePayment('replaced by another payment');
    const written = this.write(() =>
      // The central prices the order from its catalogue; the fee shown meanwhile is the case's.
      this.deps.store.requestPayment({ caseId }, order.amountFen, this.deps.clock.now()),
    );
    if (!written.ok) return written;
    const { outboxId } = written.value;
    this.creating = outboxId;
    const settled = await this.awaitAcknowledgement(outboxId);
    if (this.creating !== outboxId) return fail('not-found', undefined, 'left before the order came');
    this.creating = undefined;

    let payment: CentralPayment | undefined;
    if (settled?.state === 'acknowledged') {
      payment = (settled.response as { payment: CentralPayment }).payment;
    } else if (settled?.state === 'rejected') {
      const code = rejectCode(settled.response);
      this.deps.logger.warn('payment.create-failed', { reason: code });
      if (code !== 'payment-exists') return this.rejected(settled.response);
      // Created here earlier (the citizen came back to it): resume that one if still open.
      const pending = this.deps.store.pendingPayment(caseId);
      const again = pending ? await this.deps.central.payment(pending) : undefined;
      if (again?.kind !== 'ok' || again.body.payment.status !== 'pending') {
        return this.rejected(settled.response);
      }
      payment = again.body.payment;
    } else {
      // Not acknowledged in time: withdrawn so no order nobody pays is made later.
      const withdrawn = this.withdrawRequest(outboxId, 'not acknowledged in time');
      this.deps.logger.warn('payment.create-failed', {
        reason: settled?.lastError ?? 'not acknowledged',
        withdrawn,
      });
      return needsNetwork(settled?.lastError ?? 'not acknowledged');
    }

    this.deps.logger.info('payment.created', { paymentId: payment.paymentId });
    this.payment = {
      paymentId: payment.paymentId,
      caseId,
      itemName: order.itemName,
      amountFen: payment.amountFen,
      status: payment.status,
      qrPayload: payment.qrPayload,
      expiresAt: payment.expiresAt,
      receiptNo: payment.receiptNo,
      receiptPrinted: null,
    };
    this.schedulePoll();
    return { ok: true, value: this.payment };
  }

  /**
   * Delivers the request and, while it waits in backoff, tries again when it is due, until the
   * bound. Stops at once when the central is unreachable or the citizen leaves.
   */
  private async awaitAcknowledgement(outboxId: number) {
    const { clock, delivery } = this.deps;
    const deadline = clock.now() + PAYMENT_ACK_WAIT_MS;
    let item = await delivery.deliver(outboxId);
    while (
      (item?.state === 'pending' || item?.state === 'in-flight') &&
      this.creating === outboxId &&
      delivery.syncStatus().online
    ) {
      const wait = Math.max(PAYMENT_ACK_RECHECK_MS, item.nextAttemptAt - clock.now());
      if (clock.now() + wait > deadline) break;
      await new Promise<void>((resolve) => {
        const timer = clock.setTimeout(() => {
          this.ackWait = undefined;
          resolve();
        }, wait);
        this.ackWait = { timer, resolve };
      });
      if (this.creating !== outboxId) break;
      item = await delivery.deliver(outboxId);
    }
    return item;
  }

  /**
   * The citizen left the payment (home, another order, or the session ended): stop polling, and
   * withdraw a request the central has not acknowledged yet.
   */
  leavePayment(reason = 'the citizen left'): void {
    this.payment = null;
    if (this.pollTimer !== undefined) this.deps.clock.clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    const outboxId = this.creating;
    if (outboxId === undefined) return;
    this.creating = undefined;
    if (this.ackWait) {
      this.deps.clock.clearTimeout(this.ackWait.timer);
      this.ackWait.resolve();
      this.ackWait = undefined;
    }
    this.withdrawRequest(outboxId, reason);
  }

  /** Withdraws a payment request not sent yet; false if it is in flight or settled already. */
  private withdrawRequest(outboxId: number, reason: string): boolean {
    const withdrawn = this.write(() =>
      this.deps.store.withdrawPaymentRequest(outboxId, reason, this.deps.clock.now()),
    );
    const done = withdrawn.ok && withdrawn.value;
    if (done) this.deps.logger.info('payment.withdrawn', { outboxId, reason });
    return done;
  }

  /**
   * At start: payment requests never sent belong to sessions that are gone; they are withdrawn.
   * Requests sent before a crash are replayed by the outbox (their key makes one order at most).
   */
  withdrawUnsentPayments(): number {
    return this.deps.store
      .unsentPaymentRequests()
      .filter((id) => this.withdrawRequest(id, 'kiosk restarted before sending')).length;
  }

  /** The payment shown on screen, as last polled. */
  currentPayment(): PaymentView | null {
    return this.payment;
  }

  private schedulePoll(): void {
    if (this.pollTimer !== undefined) this.deps.clock.clearTimeout(this.pollTimer);
    this.pollTimer = this.deps.clock.setTimeout(() => void this.pollPayment(), PAYMENT_POLL_INTERVAL_MS);
  }

  /** Asks the central once; on paid prints the e-receipt; keeps polling while pending. */
  async pollPayment(): Promise<void> {
    this.pollTimer = undefined;
    const current = this.payment;
    if (!current || current.status !== 'pending') return;
    const r = await this.deps.central.payment(current.paymentId);
    if (this.payment !== current) return; // the session ended or another payment began meanwhile
    if (r.kind === 'ok' && r.body.payment.status !== 'pending') {
      const p = r.body.payment;
      const now = this.deps.clock.now();
      this.payment = { ...current, status: p.status, receiptNo: p.receiptNo };
      if (p.status === 'paid') {
        this.write(() =>
          this.deps.store.markPaid(
            p.paymentId,
            { receiptNo: p.receiptNo, paidAt: p.paidAt, channel: p.channel },
            now,
          ),
        );
        this.deps.logger.info('payment.paid', { paymentId: p.paymentId });
        this.deps.changed();
        const printed = await this.deps.devices.print(
          receiptDocument(this.deps.hall.name, this.payment, p.paidAt, p.channel),
          `receipt-${p.paymentId}`,
        );
        if (this.payment?.paymentId !== p.paymentId) return;
        this.payment = { ...this.payment, receiptPrinted: printed.ok };
        if (printed.ok) {
          this.write(() => this.deps.store.markReceiptPrinted(p.paymentId, this.deps.clock.now()));
          this.deps.logger.info('payment.receipt-printed', { paymentId: p.paymentId });
        } else {
          this.deps.logger.warn('payment.receipt-print-failed', { status: printed.status.state });
          this.deps.alerts?.raise({
            what: 'receipt-not-printed',
            device: 'receiptPrinter',
            state: printed.status.state,
          });
        }
      } else {
        this.write(() => this.deps.store.markExpired(p.paymentId, now));
        this.deps.logger.info('payment.expired', { paymentId: p.paymentId });
      }
      this.deps.changed();
      return;
    }
    this.schedulePoll();
  }

  /** Developer: the platform's simulated payer pays the payment on screen, then polls at once. */
  async simulatePay(channel: 'wechat' | 'alipay' | 'unionpay'): Promise<JourneyResult<true>> {
    if (!this.payment) return fail('not-found');
    const r = await this.deps.central.simulatePay({ qrPayload: this.payment.qrPayload, channel });
    if (r.kind !== 'ok') return this.notOk(r);
    await this.pollPayment();
    return { ok: true, value: true };
  }

  // ---- Rate ----

  async indicators(): Promise<JourneyResult<IndicatorsResponse>> {
    if (this.indicatorsCache) return { ok: true, value: this.indicatorsCache };
    const r = await this.deps.central.evaluationIndicators('kiosk');
    if (r.kind !== 'ok') return this.notOk(r);
    this.indicatorsCache = {
      ok: true,
      levels: r.body.levels,
      positive: r.body.positive,
      negative: r.body.negative,
    };
    return { ok: true, value: this.indicatorsCache };
  }

  async rateableCases(): Promise<
    JourneyResult<{ caseId: string; caseNumber: string; itemName: LocalizedText }[]>
  > {
    const refused = await this.guard('rate');
    if (refused) return refused;
    const epoch = this.deps.session.epoch;
    const r = await this.deps.central.lookupCases(this.deps.session.citizenRef()!);
    if (epoch !== this.deps.session.epoch) return fail('card-session-ended', undefined, 'session-changed');
    if (r.kind !== 'ok') return this.notOk(r);
    return {
      ok: true,
      value: r.body.cases
        .filter((c) => RATEABLE_STATUSES.has(c.status))
        .map((c) => ({ caseId: c.caseId, caseNumber: c.caseNumber, itemName: c.itemName })),
    };
  }

  async rate(req: SubmitRatingRequest): Promise<JourneyResult<RatingResult>> {
    const refused = await this.guard('rate');
    if (refused) return refused;
    const poor = req.level <= 2;
    if (poor && req.indicators.length === 0) return fail('bad-request', 'indicators-required');
    const comment = req.comment?.trim() || undefined;
    const written = this.write(() =>
      this.deps.store.requestEvaluation(
        {
          subject: req.subject,
          channel: 'kiosk',
          level: req.level,
          indicators: req.indicators,
          terminalId: this.deps.terminalId,
        },
        comment,
        this.deps.clock.now(),
      ),
    );
    if (!written.ok) return written;
    this.deps.logger.info('evaluation.submitted', { level: req.level, subject: req.subject.kind });
    if (req.subject.kind === 'visit') this.scan = null;
    const delivered = await this.deps.delivery.deliver(written.value.outboxId);
    if (delivered?.state === 'rejected') {
      this.deps.logger.warn('evaluation.failed', { reason: delivered.lastError });
      return this.rejected(delivered.response);
    }
    if (delivered?.state === 'acknowledged') {
      const e = (delivered.response as { evaluation: { followUp: { deadline: string } | null } }).evaluation;
      return { ok: true, value: { delivery: 'sent', poor, followUpDeadline: e.followUp?.deadline ?? null } };
    }
    return { ok: true, value: { delivery: 'queued', poor, followUpDeadline: null } };
  }

  // ---- helpers ----

  private write<T>(fn: () => T): JourneyResult<T> {
    try {
      return { ok: true, value: storeWrite(fn) };
    } catch (err) {
      if (!(err instanceof StoreUnavailableError)) throw err;
      this.deps.logger.error('store.unavailable', { detail: err.message });
      return fail('store-unavailable', undefined, err.code);
    }
  }

  private rejected(response: unknown): JourneyResult<never> {
    const code = rejectCode(response);
    return fail('central-rejected', REASON_OF[code], code);
  }

  private notOk(r: { kind: 'rejected'; code: string } | { kind: 'retry' | 'unauthorized'; reason: string }) {
    if (r.kind === 'rejected') return fail('central-rejected', REASON_OF[r.code], r.code);
    return fail('central-unreachable', undefined, r.reason);
  }
}

interface CentralTicket {
  ticketId: string;
  number: string;
  category: string;
  categoryName: LocalizedText;
  waitingAhead: number;
  estimatedWaitMinutes: number;
  issuedAt: string;
}

interface CentralPayment {
  paymentId: string;
  amountFen: number;
  status: 'pending' | 'paid' | 'expired';
  qrPayload: string;
  expiresAt: string;
  receiptNo: string | null;
}

/** CNY from fen, as printed and shown: 80.00. */
export function yuan(fen: number): string {
  return (fen / 100).toFixed(2);
}

/** The e-receipt slip (电子票据): no name, no ID number; the case is named by its item only. */
export function receiptDocument(
  hallName: string,
  p: PaymentView,
  paidAt: string | null,
  channel: string | null,
): PrintDocument {
  return {
    blocks: [
      { kind: 'text', text: hallName, align: 'center', bold: true },
      {
        kind: 'text',
        text: '缴费电子票据 E-receipt',
        align: 'center',
        bold: true,
        size: { width: 2, height: 2 },
      },
      { kind: 'rule' },
      { kind: 'text', text: `事项 Item: ${p.itemName.zh}` },
      { kind: 'text', text: `金额 Amount: ¥${yuan(p.amountFen)}` },
      { kind: 'text', text: `票据号 Receipt No.: ${p.receiptNo ?? '-'}` },
      { kind: 'text', text: `支付方式 Paid by: ${channel ?? '-'}` },
      { kind: 'text', text: `时间 Time: ${paidAt ?? '-'}` },
      { kind: 'rule' },
      { kind: 'text', text: '请妥善保管 Please keep this receipt', align: 'center' },
      { kind: 'feed', lines: 2 },
      { kind: 'cut' },
    ],
  };
}
