import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ManualClock } from '../../drivers/clock';
import { REPLAYED_HEADER } from '../contract';
import { NINE_AM_SHANGHAI } from '../test-support';
import { device, makeCounterApp, manager } from '../queue/test-kit';

let app: FastifyInstance;
afterEach(async () => {
  await app?.close();
});
const order = {
  caseId: 'CASE-2026-0001',
  items: [
    { feeCode: 'F-01', name: '工本费', amountFen: 1000 },
    { name: '邮寄费', amountFen: 1200 },
  ],
};
const create = (body: unknown, key: string) =>
  app.inject({
    method: 'POST',
    url: '/v1/payments',
    headers: { ...device, 'idempotency-key': key },
    payload: body as object,
  });
const pay = (qrPayload: string, headers = device) =>
  app.inject({
    method: 'POST',
    url: '/v1/payments/simulated-payer',
    headers,
    payload: { qrPayload, channel: 'wechat' },
  });

describe('payments', () => {
  it('creates a payment with a QR payload, is paid by the simulated payer, and gets an e-receipt number', async () => {
    ({ app } = await makeCounterApp());
    const created = await create(order, 'pay-key-00001');
    expect(created.statusCode, created.body).toBe(201);
    const payment = created.json().payment;
    expect(payment).toMatchObject({
      caseId: 'CASE-2026-0001',
      amountFen: 2200,
      status: 'pending',
      receiptNo: null,
    });
    expect(payment.qrPayload).toMatch(/^https:\/\/pay\.gov\.example\.cn\/upp\/pay\?order=/);
    expect((await create(order, 'pay-key-00001')).headers[REPLAYED_HEADER]).toBe('true');
    expect((await create(order, 'pay-key-00002')).json().error.code).toBe('payment-exists');
    expect((await pay(payment.qrPayload, manager)).statusCode).toBe(403);
    const paid = await pay(payment.qrPayload);
    expect(paid.json().payment).toMatchObject({
      status: 'paid',
      channel: 'wechat',
      receiptNo: 'ER20261125000001',
    });
    expect((await pay(payment.qrPayload)).json().payment.receiptNo).toBe('ER20261125000001');
    const status = await app.inject({
      method: 'GET',
      url: `/v1/payments/${payment.paymentId}`,
      headers: device,
    });
    expect(status.json().payment.status).toBe('paid');
    expect((await app.inject({ method: 'GET', url: '/v1/payments/nope', headers: device })).statusCode).toBe(
      404,
    );
    expect((await pay(payment.qrPayload.replace(/&t=\w+/, '&t=forged'))).json().error.code).toBe(
      'invalid-qr-payload',
    );
    expect((await pay('not a url')).json().error.code).toBe('invalid-qr-payload');
  });

  it('expires an unpaid payment after 30 minutes; a new one can then be made', async () => {
    const clock = new ManualClock(NINE_AM_SHANGHAI);
    ({ app } = await makeCounterApp({ clock }));
    const payment = (await create(order, 'pay-key-expire')).json().payment;
    await clock.advance(31 * 60 * 1000);
    expect((await pay(payment.qrPayload)).json().error.code).toBe('payment-expired');
    expect((await create(order, 'pay-key-second')).statusCode).toBe(201);
    expect((await create({ caseId: 'x', items: [] }, 'pay-key-bad01')).statusCode).toBe(400);
    expect(
      (await create({ ...order, items: [{ name: 'x', amountFen: -1 }] }, 'pay-key-bad02')).statusCode,
    ).toBe(400);
  });
});
