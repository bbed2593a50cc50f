import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../domain/clock';
import { hallDateTimeWritten } from '../../../domain/hall-time';
import type { PrintDocument } from '../../../drivers/printer/document';
import {
  caseRequest,
  http,
  idNumber,
  STAFF,
  startWithStaff,
  submit,
} from '../../../central/cases/test-support';
import { PAYMENT_PLATFORM_URL, PAYMENT_TTL_MS } from '../../../central/payments/store';
import { NINE_AM_SHANGHAI, TOKEN } from '../../../central/test-support';
import { createTestLogger } from '../logging/logger';
import { sessionWithCardLeftOn } from '../session/test-support';
import { openKioskDatabase, type KioskDatabase } from '../store/database';
import { FieldCipher } from '../store/field-cipher';
import { Outbox } from '../store/outbox';
import { OutboxDelivery } from '../store/outbox-delivery';
import { outboxHandlers } from '../store/outbox-kind';
import { CentralPaymentsClient } from './central';
import { paymentOutboxKinds } from './outbox';
import { PaymentsService, PAYMENT_ACK_WAIT_MS } from './service';
import { PaymentStore, PAYMENT_KIND } from './store';

/** The central's citizen digest key in its test support (central/cases/test-support.ts refOf). */
const CITIZEN_REF_KEY = 'test-citizen-ref-key';
const CITIZEN_NAME = '张三丰';

type Central = Awaited<ReturnType<typeof startWithStaff>>;

/** What the network does to the kiosk's next POST /v1/payments requests, in order. */
type Fault = 'pass' | 'http-503' | 'network-down';

/**
 * The kiosk's payments over their own store and outbox, against the real central on loopback.
 * The kiosk and the central have clocks of their own, so driving the kiosk's waits does not move
 * the central's payment expiry, and the other way round.
 */
function kioskSide(central: Central, dbPath = ':memory:', faults: Fault[] = []) {
  const clock = new ManualClock(NINE_AM_SHANGHAI);
  const logger = createTestLogger();
  const db: KioskDatabase = openKioskDatabase(dbPath);
  const outbox = new Outbox(db, new FieldCipher(KEY));
  const store = new PaymentStore(db, outbox);
  let paymentPosts = 0;
  const paymentBodies: unknown[] = [];
  const faultyFetch: typeof fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (init?.method === 'POST' && url.endsWith('/v1/payments')) {
      paymentPosts++;
      paymentBodies.push(typeof init.body === 'string' ? JSON.parse(init.body) : init.body);
      const fault = faults.shift() ?? 'pass';
      if (fault === 'network-down') throw new TypeError('fetch failed (network down)');
      if (fault === 'http-503') {
        return new Response(JSON.stringify({ error: { code: 'unavailable', message: 'busy' } }), {
          status: 503,
          headers: { 'content-type': 'application/json' },
        });
      }
    }
    return fetch(input, init);
  };
  const client = new CentralPaymentsClient({
    baseUrl: central.baseUrl,
    deviceToken: TOKEN,
    fetch: faultyFetch,
  });
  const delivery = new OutboxDelivery({
    db,
    outbox,
    clock,
    logger,
    handlers: outboxHandlers(paymentOutboxKinds({ central: client, store, logger })),
    random: () => 0.5,
  });
  const session = sessionWithCardLeftOn({ clock, citizenRefKey: CITIZEN_REF_KEY });
  const printed: PrintDocument[] = [];
  const payments = new PaymentsService({
    clock,
    logger,
    session,
    store,
    delivery,
    devices: {
      print: async (doc) => {
        printed.push(doc);
        return { ok: true as const, bytes: 1 };
      },
    },
    central: client,
    hall: { name: '市民服务中心' },
    changed: () => {},
  });
  session.onChange(() => {
    if (!session.active) payments.reset();
  });
  const placeCard = (person: number) =>
    session.start({
      identity: {
        cardType: 'resident',
        name: CITIZEN_NAME,
        gender: 'male',
        nationCode: '01',
        birthDate: '1980-01-01',
        address: '浙江省杭州市上城区解放路1号',
        idNumber: idNumber(person),
        issuingAuthority: '杭州市公安局上城分局',
        validFrom: '2020-01-01',
        validTo: '2040-01-01',
      },
      photo: new Uint8Array(),
    });
  /** Runs `work`, moving the kiosk clock only while it waits on a timer (real I/O goes on meanwhile). */
  const drive = async <T>(work: Promise<T>): Promise<T> => {
    let done = false;
    void work.finally(() => (done = true)).catch(() => {});
    while (!done) {
      if (clock.pendingTimers > 0) await clock.advance(250);
      else await new Promise((resolve) => setImmediate(resolve));
    }
    return work;
  };
  return {
    clock,
    logger,
    db,
    outbox,
    store,
    delivery,
    session,
    payments,
    printed,
    placeCard,
    drive,
    paymentPosts: () => paymentPosts,
    paymentBodies: () => paymentBodies,
  };
}

const KEY = randomBytes(32);

describe('pay through the outbox, against the real central', () => {
  let central: Central;
  let api: ReturnType<typeof http>;
  let nextPerson = 100;
  const dirs: string[] = [];

  beforeAll(async () => {
    central = await startWithStaff();
  });
  afterAll(async () => {
    await central?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  /** A case of `person` with the 80-yuan registration fee, taken in (its fee is due). */
  async function caseWithFee(person: number): Promise<string> {
    const submitted = await submit(api, caseRequest({}, person));
    expect(submitted.status, JSON.stringify(submitted.json)).toBe(201);
    const caseId = submitted.json.case.caseId as string;
    for (const action of ['pre-review-pass', 'take-in']) {
      const r = await api.post(`/v1/staff/cases/${caseId}/${action}`, {}, STAFF.manager);
      expect(r.status, `${action}: ${r.text}`).toBe(200);
    }
    return caseId;
  }

  function centralPayments(caseId: string): { payment_id: string }[] {
    const db = new Database(central.dbPath, { readonly: true });
    try {
      return db.prepare('SELECT payment_id FROM payments WHERE case_id = ?').all(caseId) as {
        payment_id: string;
      }[];
    } finally {
      db.close();
    }
  }

  let kiosk: ReturnType<typeof kioskSide> | undefined;
  afterEach(() => {
    kiosk?.payments.reset();
    kiosk?.delivery.stop();
    kiosk?.db.close();
    kiosk = undefined;
  });

  async function citizenWithOrder(faults: Fault[] = [], dbPath?: string) {
    api ??= http(central.baseUrl);
    const person = nextPerson++;
    const caseId = await caseWithFee(person);
    kiosk = kioskSide(central, dbPath, faults);
    kiosk.placeCard(person);
    return { k: kiosk, caseId, person };
  }

  it('writes the row and its outbox row in one transaction; the ack records the order and shows its QR', async () => {
    const { k, caseId } = await citizenWithOrder();
    const orders = await k.payments.orders();
    expect(orders).toMatchObject({ ok: true, value: [{ caseId, amountFen: 8000 }] });

    const r = await k.drive(k.payments.createPayment(caseId));
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.value.qrPayload.startsWith(PAYMENT_PLATFORM_URL)).toBe(true);
    expect(r.value).toMatchObject({ caseId, amountFen: 8000, status: 'pending' });

    const [item] = k.db.prepare(`SELECT * FROM outbox WHERE stream = ?`).all(`${PAYMENT_KIND}:${caseId}`) as {
      id: number;
      state: string;
      kiosk_sequence: number;
      idempotency_key: string;
    }[];
    expect(item).toMatchObject({ state: 'acknowledged', kiosk_sequence: 1 });
    expect(item!.idempotency_key).toMatch(/^payment-create-/);
    expect(k.store.paymentByOutbox(item!.id)).toMatchObject({
      state: 'pending',
      paymentId: r.value.paymentId,
      qrPayload: r.value.qrPayload,
      expiresAt: r.value.expiresAt,
    });
    expect(centralPayments(caseId)).toEqual([{ payment_id: r.value.paymentId }]);
    expect(k.payments.current()?.paymentId).toBe(r.value.paymentId);
  });

  it('sends the case only: the central prices the order from its catalogue, the kiosk names no amount', async () => {
    const { k, caseId } = await citizenWithOrder();
    const r = await k.drive(k.payments.createPayment(caseId));
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(k.paymentBodies()).toEqual([{ caseId }]);
    // The amount shown is the one the central's order carries (the catalogue's 80 yuan).
    expect(r.value.amountFen).toBe(8000);
  });

  it('retries a 503 within the wait and then shows the QR', async () => {
    const { k, caseId } = await citizenWithOrder(['http-503']);
    const r = await k.drive(k.payments.createPayment(caseId));
    expect(r.ok).toBe(true);
    expect(k.paymentPosts()).toBe(2);
    expect(k.logger.lines.some((l) => l.includes('"event":"outbox.retry"'))).toBe(true);
    expect(centralPayments(caseId)).toHaveLength(1);
  });

  it('dead-letters a rejection with its reason, and the citizen is told plainly', async () => {
    const { k, caseId } = await citizenWithOrder();
    // Another end (the citizen's phone) opened the order first.
    const elsewhere = await api.post('/v1/payments', { caseId }, TOKEN, {
      'idempotency-key': 'phone-order-1',
    });
    expect(elsewhere.status).toBe(201);

    const r = await k.drive(k.payments.createPayment(caseId));
    expect(r).toMatchObject({ ok: false, code: 'central-rejected', reason: 'payment-exists' });
    const item = k.outbox.get(1)!;
    expect(item.state).toBe('rejected');
    expect(item.lastError).toContain('payment-exists');
    expect(k.store.paymentByOutbox(1)).toMatchObject({ state: 'rejected', rejectCode: 'payment-exists' });
    expect(k.payments.current()).toBeNull();
  });

  it('says paying needs the network when the central drops mid-wait, and withdraws the request', async () => {
    const { k, caseId } = await citizenWithOrder(['network-down']);
    const r = await k.drive(k.payments.createPayment(caseId));
    expect(r).toMatchObject({ ok: false, code: 'central-unreachable', reason: 'payment-needs-network' });
    expect(k.outbox.get(1)).toMatchObject({ state: 'rejected' });
    expect(k.outbox.get(1)!.lastError).toMatch(/^withdrawn: /);
    expect(k.store.paymentByOutbox(1)?.state).toBe('withdrawn');

    // The network is back and the outbox sweeps: nothing is sent, no order nobody pays.
    k.delivery.start();
    await k.drive(k.delivery.sweep());
    expect(k.paymentPosts()).toBe(1);
    expect(centralPayments(caseId)).toEqual([]);
  });

  it('queues nothing while offline: paying needs the network', async () => {
    const { k, caseId } = await citizenWithOrder(['network-down']);
    // The link went down on an earlier request (a failed payment attempt marks it unreachable).
    await k.drive(k.payments.createPayment(caseId));
    const before = k.outbox.counts();
    const r = await k.payments.createPayment(caseId);
    expect(r).toMatchObject({ ok: false, code: 'central-unreachable', reason: 'payment-needs-network' });
    expect(k.outbox.counts()).toEqual(before);
    expect(k.db.prepare(`SELECT COUNT(*) AS n FROM journey_payments`).get()).toEqual({ n: 1 });
  });

  it('withdraws a request still waiting in backoff when the card is taken away', async () => {
    const { k, caseId } = await citizenWithOrder(['http-503']);
    const waiting = k.payments.createPayment(caseId);
    // Wait for the first attempt to fail and the journey to wait for the retry.
    while (k.clock.pendingTimers === 0) await new Promise((resolve) => setImmediate(resolve));
    expect(k.outbox.get(1)?.state).toBe('pending');
    k.session.end();
    const r = await waiting;
    expect(r.ok).toBe(false);
    expect(k.outbox.get(1)?.lastError).toBe('withdrawn: session ended');
    expect(k.store.paymentByOutbox(1)?.state).toBe('withdrawn');
    expect(k.logger.lines.some((l) => l.includes('"event":"payment.withdrawn"'))).toBe(true);

    await k.clock.advance(PAYMENT_ACK_WAIT_MS * 2);
    k.delivery.start();
    await k.drive(k.delivery.sweep());
    expect(k.paymentPosts()).toBe(1);
    expect(centralPayments(caseId)).toEqual([]);
  });

  it('replays a request sent before a crash with the same key: still one order at the central', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-pay-'));
    dirs.push(dir);
    const dbPath = join(dir, 'kiosk.db');
    const { k, caseId, person } = await citizenWithOrder([], dbPath);
    const { outboxId } = k.store.requestPayment({ caseId }, 8000, k.clock.now());
    // The delivery claims it and the central creates the order; the process dies before the ack.
    const claimed = k.outbox.claim(outboxId, k.clock.now(), 30_000)!;
    const handler = outboxHandlers(
      paymentOutboxKinds({ central: kioskCentral(), store: k.store, logger: k.logger }),
    )[PAYMENT_KIND]!;
    const first = await handler(claimed);
    expect(first.kind).toBe('ok');
    const firstId = (first as { response: { payment: { paymentId: string } } }).response.payment.paymentId;
    k.db.close();
    kiosk = undefined;

    // Restart: the request that was sent stays and is replayed; nothing is created twice.
    const again = kioskSide(central, dbPath);
    kiosk = again;
    expect(again.payments.withdrawUnsentPayments()).toBe(0);
    again.delivery.start();
    await again.drive(again.delivery.sweep());
    expect(again.outbox.get(outboxId)?.state).toBe('acknowledged');
    expect(again.store.paymentByOutbox(outboxId)).toMatchObject({ state: 'pending', paymentId: firstId });
    expect(centralPayments(caseId)).toEqual([{ payment_id: firstId }]);

    // The citizen comes back to the same order: the open order is resumed, not made again.
    again.placeCard(person);
    const resumed = await again.drive(again.payments.createPayment(caseId));
    expect(resumed).toMatchObject({ ok: true, value: { paymentId: firstId } });
    expect(centralPayments(caseId)).toHaveLength(1);
  });

  it('withdraws at start a request that was never sent (its citizen is gone)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-pay-'));
    dirs.push(dir);
    const dbPath = join(dir, 'kiosk.db');
    const { k, caseId } = await citizenWithOrder([], dbPath);
    const { outboxId } = k.store.requestPayment({ caseId }, 8000, k.clock.now());
    k.db.close();
    kiosk = undefined;

    const again = kioskSide(central, dbPath);
    kiosk = again;
    expect(again.payments.withdrawUnsentPayments()).toBe(1);
    again.delivery.start();
    await again.drive(again.delivery.sweep());
    expect(again.outbox.get(outboxId)?.state).toBe('rejected');
    expect(again.store.paymentByOutbox(outboxId)?.state).toBe('withdrawn');
    expect(again.paymentPosts()).toBe(0);
    expect(centralPayments(caseId)).toEqual([]);
  });

  it('records the paid state and the printed e-receipt locally, with no personal data', async () => {
    const { k, caseId, person } = await citizenWithOrder();
    const listed = await k.payments.orders();
    if (!listed.ok) throw new Error(JSON.stringify(listed));
    const caseNumber = listed.value[0]!.caseNumber;
    const r = await k.drive(k.payments.createPayment(caseId));
    if (!r.ok) throw new Error(JSON.stringify(r));
    const paid = await kioskCentral().simulatePay({ qrPayload: r.value.qrPayload, channel: 'alipay' });
    expect(paid.kind).toBe('ok');
    await k.payments.pollPayment();

    expect(k.payments.current()).toMatchObject({ status: 'paid', receiptPrinted: true });
    const row = k.db
      .prepare(`SELECT * FROM journey_payments WHERE payment_id = ?`)
      .get(r.value.paymentId) as Record<string, unknown>;
    expect(row).toMatchObject({ state: 'paid', channel: 'alipay', receipt_printed: 1 });
    expect(row.receipt_no).toMatch(/^ER\d{14}$/);
    expect(row.paid_at).toEqual(expect.any(String));
    expect(row.receipt_printed_at).toBe(k.clock.now());
    const text = JSON.stringify(k.db.prepare('SELECT * FROM journey_payments').all());
    for (const personal of [idNumber(person), CITIZEN_NAME]) expect(text).not.toContain(personal);

    const receipt = JSON.stringify(k.printed);
    expect(receipt).toContain(String(row.receipt_no));
    expect(receipt).not.toContain(idNumber(person));
    expect(receipt).not.toContain(CITIZEN_NAME);
    // What was paid, for which case, how and when — in hall time — and what to verify it by.
    const lines = k.printed.flatMap((d) => d.blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : [])));
    expect(lines).toContain(`办件号 Case No.: ${caseNumber}`);
    expect(lines).toContain('支付方式 Paid by: 支付宝 Alipay');
    expect(lines).toContain(`支付订单号 Payment order No.: ${r.value.paymentId}`);
    expect(lines).toContain(`支付时间 Paid at: ${hallDateTimeWritten(String(row.paid_at))}`);
    expect(receipt).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    // Paid here: no longer among the citizen's orders.
    expect(await k.payments.orders()).toMatchObject({ ok: true, value: [] });
  });

  it('marks an order that expired unpaid at the central as expired', async () => {
    const { k, caseId } = await citizenWithOrder();
    const r = await k.drive(k.payments.createPayment(caseId));
    if (!r.ok) throw new Error(JSON.stringify(r));
    // The last test: the central's clock moves on half an hour.
    await central.clock.advance(PAYMENT_TTL_MS + 1_000);
    await k.payments.pollPayment();
    expect(k.payments.current()?.status).toBe('expired');
    expect(k.store.paymentById(r.value.paymentId)?.state).toBe('expired');
    expect(k.printed).toEqual([]);
    expect(k.logger.lines.some((l) => l.includes('"event":"payment.expired"'))).toBe(true);
  });

  function kioskCentral() {
    return new CentralPaymentsClient({ baseUrl: central.baseUrl, deviceToken: TOKEN });
  }
});
