import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ManualClock } from '../../domain/clock';
import { caseRequest } from '../cases/test-support';
import { REPLAYED_HEADER } from '../contract';
import { openCentralDatabase } from '../db/database';
import { NINE_AM_SHANGHAI } from '../test-support';
import { device, enrolKiosk, makeCounterApp, manager } from '../queue/test-kit';

let app: FastifyInstance;
afterEach(async () => {
  await app?.close();
});

/** 二手房转移登记 (QR01001001): the catalogue's fee is 不动产登记费（住宅） 80 yuan. */
const CATALOGUE_FEE_FEN = 8000;

const create = (body: unknown, key: string, headers: Record<string, string> = device) =>
  app.inject({
    method: 'POST',
    url: '/v1/payments',
    headers: { ...headers, 'idempotency-key': key },
    payload: body as object,
  });
const read = (paymentId: string, headers: Record<string, string> = device) =>
  app.inject({ method: 'GET', url: `/v1/payments/${paymentId}`, headers });
const pay = (qrPayload: string, headers = device) =>
  app.inject({
    method: 'POST',
    url: '/v1/payments/simulated-payer',
    headers,
    payload: { qrPayload, channel: 'wechat' },
  });

let caseSeq = 0;
/** Submits a case in a hall (as that hall's kiosk would) and answers its id. */
async function caseIn(hallId: string, terminalId: string, headers = device): Promise<string> {
  caseSeq += 1;
  const res = await app.inject({
    method: 'POST',
    url: '/v1/cases',
    headers: { ...headers, 'idempotency-key': `pay-case-${caseSeq}-${hallId}` },
    payload: caseRequest({ hallId, terminalId }, 700 + caseSeq),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().case.caseId;
}

describe('payments', () => {
  it('creates a payment with a QR payload, is paid by the simulated payer, and gets an e-receipt number', async () => {
    ({ app } = await makeCounterApp());
    const caseId = await caseIn('HALL-CITY-01', 'KIOSK-01');
    const created = await create({ caseId }, 'pay-key-00001');
    expect(created.statusCode, created.body).toBe(201);
    const payment = created.json().payment;
    expect(payment).toMatchObject({
      caseId,
      amountFen: CATALOGUE_FEE_FEN,
      items: [{ name: '不动产登记费（住宅）', amountFen: CATALOGUE_FEE_FEN }],
      status: 'pending',
      receiptNo: null,
    });
    expect(payment.qrPayload).toMatch(/^https:\/\/pay\.gov\.example\.cn\/upp\/pay\?order=/);
    expect((await create({ caseId }, 'pay-key-00001')).headers[REPLAYED_HEADER]).toBe('true');
    expect((await create({ caseId }, 'pay-key-00002')).json().error.code).toBe('payment-exists');
    expect((await pay(payment.qrPayload, manager)).statusCode).toBe(403);
    const paid = await pay(payment.qrPayload);
    expect(paid.json().payment).toMatchObject({
      status: 'paid',
      channel: 'wechat',
      receiptNo: 'ER20261125000001',
    });
    expect((await pay(payment.qrPayload)).json().payment.receiptNo).toBe('ER20261125000001');
    expect((await read(payment.paymentId)).json().payment.status).toBe('paid');
    // The case's own view now says its fee is paid: progress shows it without asking payments.
    const lookup = await app.inject({
      method: 'POST',
      url: '/v1/cases/lookup',
      headers: device,
      payload: { citizenRef: caseRequest({}, 700 + caseSeq).citizenRef },
    });
    expect(lookup.json().cases).toEqual([
      expect.objectContaining({ caseId, feeFen: CATALOGUE_FEE_FEN, feePaid: true }),
    ]);
    expect((await read('nope')).statusCode).toBe(404);
    expect((await pay(payment.qrPayload.replace(/&t=\w+/, '&t=forged'))).json().error.code).toBe(
      'invalid-qr-payload',
    );
    expect((await pay('not a url')).json().error.code).toBe('invalid-qr-payload');
  });

  it('expires an unpaid payment after 30 minutes; a new one can then be made', async () => {
    const clock = new ManualClock(NINE_AM_SHANGHAI);
    ({ app } = await makeCounterApp({ clock }));
    const caseId = await caseIn('HALL-CITY-01', 'KIOSK-01');
    const payment = (await create({ caseId }, 'pay-key-expire')).json().payment;
    await clock.advance(31 * 60 * 1000);
    expect((await pay(payment.qrPayload)).json().error.code).toBe('payment-expired');
    expect((await create({ caseId }, 'pay-key-second')).statusCode).toBe(201);
  });

  it('refuses a payment for a case that does not exist, and stores nothing', async () => {
    ({ app, dbPath } = await makeCounterApp());
    const res = await create({ caseId: 'CASE-2026-0001' }, 'pay-key-nocase');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('unknown-case');
    expect(paymentRows()).toEqual([]);
  });

  it('takes the amount from the catalogue: an amount or item list from the kiosk is refused (400)', async () => {
    ({ app, dbPath } = await makeCounterApp());
    const caseId = await caseIn('HALL-CITY-01', 'KIOSK-01');
    for (const body of [
      { caseId, items: [{ name: '工本费', amountFen: 1 }] },
      { caseId, amountFen: 1 },
    ]) {
      const res = await create(body, `pay-key-amount-${Object.keys(body).length}`);
      expect(res.statusCode, res.body).toBe(400);
    }
    expect(paymentRows()).toEqual([]);
    const created = await create({ caseId }, 'pay-key-amount-ok');
    expect(created.json().payment.amountFen).toBe(CATALOGUE_FEE_FEN);
  });

  it('lets a kiosk create payments only for cases of its own hall', async () => {
    ({ app, dbPath } = await makeCounterApp());
    const cityKiosk = await enrolKiosk(app, 'KIOSK-CITY-31', 'HALL-CITY-01');
    const scKiosk = await enrolKiosk(app, 'KIOSK-SC-31', 'HALL-SC-01');
    const cityCase = await caseIn('HALL-CITY-01', 'KIOSK-CITY-31', cityKiosk);

    const foreign = await create({ caseId: cityCase }, 'pay-key-foreign', scKiosk);
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe('forbidden');
    expect(paymentRows()).toEqual([]);

    const own = await create({ caseId: cityCase }, 'pay-key-own', cityKiosk);
    expect(own.statusCode, own.body).toBe(201);
    expect(paymentRows()).toEqual([{ hall_id: 'HALL-CITY-01', terminal_id: 'KIOSK-CITY-31' }]);
  });

  it("lets no kiosk of another hall read a payment or its QR; the hall's kiosks and trusted devices can", async () => {
    ({ app } = await makeCounterApp());
    const cityKiosk = await enrolKiosk(app, 'KIOSK-CITY-32', 'HALL-CITY-01');
    const cityKiosk2 = await enrolKiosk(app, 'KIOSK-CITY-33', 'HALL-CITY-01');
    const scKiosk = await enrolKiosk(app, 'KIOSK-SC-32', 'HALL-SC-01');
    const caseId = await caseIn('HALL-CITY-01', 'KIOSK-CITY-32', cityKiosk);
    const { payment } = (await create({ caseId }, 'pay-key-read', cityKiosk)).json();

    const foreign = await read(payment.paymentId, scKiosk);
    expect(foreign.statusCode).toBe(403);
    expect(foreign.body).not.toContain(payment.qrPayload);
    expect(foreign.body).not.toContain(caseId);
    expect((await read(payment.paymentId, cityKiosk2)).json().payment.qrPayload).toBe(payment.qrPayload);
    expect((await read(payment.paymentId, device)).statusCode).toBe(200);
  });
});

let dbPath = '';
function paymentRows(): { hall_id: string | null; terminal_id: string | null }[] {
  const db = openCentralDatabase(dbPath, { seed: false });
  try {
    return db.prepare('SELECT hall_id, terminal_id FROM payments').all() as {
      hall_id: string | null;
      terminal_id: string | null;
    }[];
  } finally {
    db.close();
  }
}
