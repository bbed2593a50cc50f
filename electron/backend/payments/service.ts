import type { Clock, TimerHandle } from '../../../domain/clock';
import type { JourneyReason, PaymentView } from '../api/contract';
import type { ServiceResult } from '../api/replies';
import type { KioskDevices } from '../devices/kiosk-devices';
import type { KioskLogger } from '../logging/logger';
import {
  centralCodeOf,
  commit,
  notAnswered,
  refuse,
  refusalBefore,
  refusedByCentral,
  type CitizenRefusal,
  type ReasonOf,
} from '../session/citizen-action';
import type { CitizenSession } from '../session/citizen-session';
import type { StaffAlerts } from '../staff-call/alerts';
import type { OutboxDelivery } from '../store/outbox-delivery';
import type { CentralPaymentsClient } from './central';
import type { OrderView } from './contract';
import { receiptDocument } from './paper';
import type { PaymentStore } from './store';
import type { PaperWording } from '../devices/paper-wording';

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
/** Statuses of a case whose fee is due (taken in and not ended without a result). */
const PAYABLE_STATUSES = new Set(['accepted', 'routed', 'approved', 'ready-for-pickup', 'handed-out']);

/** The central's payment refusals, as the screen names them. */
const REASON_OF: ReasonOf = {
  'payment-exists': 'payment-exists',
  'payment-expired': 'payment-expired',
};

type Result<T> = ServiceResult<T, JourneyReason>;

/** Paying (and seeing the fees due) needs the central: said plainly, nothing is queued. */
const needsNetwork = (detail: string): CitizenRefusal =>
  refuse('central-unreachable', 'payment-needs-network', detail);

export interface PaymentsDeps {
  clock: Clock;
  logger: KioskLogger;
  session: CitizenSession;
  store: PaymentStore;
  delivery: Pick<OutboxDelivery, 'deliver' | 'syncStatus'>;
  devices: Pick<KioskDevices, 'print'>;
  central: Pick<CentralPaymentsClient, 'lookupCases' | 'payment' | 'simulatePay'>;
  hall: { name: string };
  /** How this kiosk's paper is worded (its configured languages); bilingual when not given. */
  paper?: PaperWording;
  /** Something the renderer shows changed: it refetches /api/state. */
  changed(): void;
  /** Hall staff are told when a citizen is left without their e-receipt. */
  alerts?: Pick<StaffAlerts, 'raise'>;
}

interface CentralPayment {
  paymentId: string;
  amountFen: number;
  status: 'pending' | 'paid' | 'expired';
  qrPayload: string;
  expiresAt: string;
  receiptNo: string | null;
}

/**
 * Paying a case's fee (needs the card: the orders reveal the citizen's cases). The order request
 * goes through the outbox and the citizen waits, bounded, for the central's order; then the backend
 * polls the payment until it is paid (e-receipt printed) or expired.
 */
export class PaymentsService {
  private payment: PaymentView | null = null;
  /** The case number of the order being paid, printed on its e-receipt. */
  private caseNumber: string | null = null;
  private pollTimer: TimerHandle | undefined;
  /** The outbox id of the payment request the citizen is waiting for, until it settles. */
  private creating: number | undefined;
  private ackWait: { timer: TimerHandle; resolve: () => void } | undefined;

  constructor(private readonly deps: PaymentsDeps) {}

  /** The payment shown on screen, as last polled (the kiosk state's `journey.payment`). */
  current(): PaymentView | null {
    return this.payment;
  }

  /** The session ended: stop polling, withdraw an unsent request. */
  reset(): void {
    this.leave('session ended');
  }

  async orders(): Promise<Result<OrderView[]>> {
    const refused = await refusalBefore(this.deps.session, 'see-orders', this.deps.logger);
    if (refused) return refused;
    return this.listOrders();
  }

  private async listOrders(): Promise<Result<OrderView[]>> {
    const { session } = this.deps;
    const epoch = session.epoch;
    const r = await this.deps.central.lookupCases(session.citizenRef()!);
    // Another citizen (or nobody) is identified now: these are not theirs to see.
    if (epoch !== session.epoch) return refuse('card-session-ended', undefined, 'session-changed');
    if (r.kind !== 'ok') return r.kind === 'rejected' ? notAnswered(r, REASON_OF) : needsNetwork(r.reason);
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
  async createPayment(caseId: string): Promise<Result<PaymentView>> {
    const { session, logger, store, clock } = this.deps;
    const refused = await refusalBefore(session, 'see-orders', logger);
    if (refused) return refused;
    if (!this.deps.delivery.syncStatus().online) return needsNetwork('offline');
    const listed = await this.listOrders();
    if (!listed.ok) return listed;
    const order = listed.value.find((o) => o.caseId === caseId);
    if (!order) return refuse('bad-request', 'no-such-order');
    // The order list took a round trip to the central: the card is confirmed again before the
    // payment request is committed.
    const again = await refusalBefore(session, 'see-orders', logger);
    if (again) return again;
    this.leave('replaced by another payment');
    const written = commit(logger, () =>
      // The central prices the order from its catalogue; the fee shown meanwhile is the case's.
      store.requestPayment({ caseId }, order.amountFen, clock.now()),
    );
    if (!written.ok) return written;
    const { outboxId } = written.value;
    this.creating = outboxId;
    const settled = await this.awaitAcknowledgement(outboxId);
    if (this.creating !== outboxId) return refuse('not-found', undefined, 'left before the order came');
    this.creating = undefined;

    let payment: CentralPayment | undefined;
    if (settled?.state === 'acknowledged') {
      payment = (settled.response as { payment: CentralPayment }).payment;
    } else if (settled?.state === 'rejected') {
      const code = centralCodeOf(settled.response);
      logger.warn('payment.create-failed', { reason: code });
      if (code !== 'payment-exists') return refusedByCentral(settled.response, REASON_OF);
      // Created here earlier (the citizen came back to it): resume that one if still open.
      const pending = store.pendingPayment(caseId);
      const open = pending ? await this.deps.central.payment(pending) : undefined;
      if (open?.kind !== 'ok' || open.body.payment.status !== 'pending') {
        return refusedByCentral(settled.response, REASON_OF);
      }
      payment = open.body.payment;
    } else {
      // Not acknowledged in time: withdrawn so no order nobody pays is made later.
      const withdrawn = this.withdrawRequest(outboxId, 'not acknowledged in time');
      logger.warn('payment.create-failed', { reason: settled?.lastError ?? 'not acknowledged', withdrawn });
      return needsNetwork(settled?.lastError ?? 'not acknowledged');
    }

    logger.info('payment.created', { paymentId: payment.paymentId });
    this.caseNumber = order.caseNumber;
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
  leave(reason = 'the citizen left'): void {
    this.payment = null;
    this.caseNumber = null;
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
    const withdrawn = commit(this.deps.logger, () =>
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

  private schedulePoll(): void {
    if (this.pollTimer !== undefined) this.deps.clock.clearTimeout(this.pollTimer);
    this.pollTimer = this.deps.clock.setTimeout(() => void this.pollPayment(), PAYMENT_POLL_INTERVAL_MS);
  }

  /** Asks the central once; on paid prints the e-receipt; keeps polling while pending. */
  async pollPayment(): Promise<void> {
    const { store, logger, clock } = this.deps;
    this.pollTimer = undefined;
    const current = this.payment;
    if (!current || current.status !== 'pending') return;
    const r = await this.deps.central.payment(current.paymentId);
    if (this.payment !== current) return; // the session ended or another payment began meanwhile
    if (r.kind === 'ok' && r.body.payment.status !== 'pending') {
      const p = r.body.payment;
      const now = clock.now();
      this.payment = { ...current, status: p.status, receiptNo: p.receiptNo };
      if (p.status === 'paid') {
        commit(logger, () =>
          store.markPaid(p.paymentId, { receiptNo: p.receiptNo, paidAt: p.paidAt, channel: p.channel }, now),
        );
        logger.info('payment.paid', { paymentId: p.paymentId });
        this.deps.changed();
        const printed = await this.deps.devices.print(
          receiptDocument(
            this.deps.hall.name,
            this.payment,
            { paidAt: p.paidAt, channel: p.channel, caseNumber: this.caseNumber },
            this.deps.paper,
          ),
          `receipt-${p.paymentId}`,
        );
        if (this.payment?.paymentId !== p.paymentId) return;
        this.payment = { ...this.payment, receiptPrinted: printed.ok };
        if (printed.ok) {
          commit(logger, () => store.markReceiptPrinted(p.paymentId, clock.now()));
          logger.info('payment.receipt-printed', { paymentId: p.paymentId });
        } else {
          logger.warn('payment.receipt-print-failed', { status: printed.status.state });
          this.deps.alerts?.raise({
            what: 'receipt-not-printed',
            device: 'receiptPrinter',
            state: printed.status.state,
          });
        }
      } else {
        commit(logger, () => store.markExpired(p.paymentId, now));
        logger.info('payment.expired', { paymentId: p.paymentId });
      }
      this.deps.changed();
      return;
    }
    this.schedulePoll();
  }

  /** Developer: the platform's simulated payer pays the payment on screen, then polls at once. */
  async simulatePay(channel: 'wechat' | 'alipay' | 'unionpay'): Promise<Result<true>> {
    if (!this.payment) return refuse('not-found');
    const r = await this.deps.central.simulatePay({ qrPayload: this.payment.qrPayload, channel });
    if (r.kind !== 'ok') return notAnswered(r, REASON_OF);
    await this.pollPayment();
    return { ok: true, value: true };
  }
}
