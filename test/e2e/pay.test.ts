import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumber } from '../../central/cases/test-support';
import { PAYMENT_TTL_MS } from '../../central/payments/store';
import { startCentralLink, LINK_DEVICE_TOKEN, type CentralLink } from '../support/central-link';
import { clockAt, startJourneyHost, type JourneyHost } from '../support/journey-host';

const PERSON = 7;
const ID_NUMBER = idNumber(PERSON);
const NAME = '欧阳明远';

/**
 * Pay: card → my unpaid orders → the payment QR (the order made through the outbox) →
 * the platform's simulated payer pays → the live wait ends → the e-receipt is printed. Also an
 * order that expires unpaid, the central unreachable when the order is made, and the link down.
 */
describe('pay a case fee by QR code, with the e-receipt printed', () => {
  let link: CentralLink;
  let j: JourneyHost;
  const cases: { caseId: string; caseNumber: string }[] = [];

  beforeAll(async () => {
    link = await startCentralLink();
    for (let i = 0; i < 4; i++) cases.push(await link.caseWithFee(PERSON));
    j = await startJourneyHost(clockAt('09:05'), { central: link.kioskCentral });
  });
  afterAll(async () => {
    await j?.close();
    await link?.close();
  });

  const state = async () =>
    (await j.dev('GET', '/api/state')).state as {
      journey: { payment: { qrPayload: string; status: string } | null };
      sync: { online: boolean };
    };

  const centralPayments = (caseId: string) => {
    const db = new Database(link.dbPath, { readonly: true });
    try {
      return db.prepare('SELECT status FROM payments WHERE case_id = ?').all(caseId) as { status: string }[];
    } finally {
      db.close();
    }
  };

  /** Home → 缴费 → the orders as the central answered them this time. */
  const openOrders = async () => {
    const { page } = j;
    await page.getByTestId('tile-pay').click();
    await page.locator('[data-testid="orders-screen"][data-state="loaded"]').waitFor();
  };

  const payOrder = async (caseNumber: string) => {
    await j.page.getByTestId(`order-${caseNumber}`).click();
    await j.page.getByTestId('pay-qr').waitFor();
    return j.page.getByTestId('pay-screen').getAttribute('data-payment-id');
  };

  it('shows the unpaid orders of the card holder, masked', async () => {
    const { page } = j;
    await page.goto(j.host.url);
    await page.getByTestId('home-prompt').waitFor();
    await j.dev('POST', '/api/dev/card', { name: NAME, idNumber: ID_NUMBER, birthDate: '1980-01-01' });
    await page.getByTestId('citizen-name').waitFor();
    await openOrders();
    for (const c of cases) {
      expect(await page.getByTestId(`order-${c.caseNumber}`).textContent()).toContain('¥80.00');
    }
    const html = await page.content();
    expect(html).not.toContain(ID_NUMBER);
    expect(html).not.toContain(NAME);
  });

  it('pays by QR: the simulated payer pays, the live wait ends and the e-receipt is printed', async () => {
    const { page } = j;
    await j.dev('DELETE', '/api/dev/printer/paper');
    const paymentId = await payOrder(cases[0]!.caseNumber);
    expect(paymentId).toMatch(/^[0-9a-f-]{36}$/);
    await page.getByTestId('pay-waiting').waitFor();
    // The order went through the outbox: delivered once, acknowledged.
    const row = j.host.kiosk.db
      .prepare(
        `SELECT p.state, o.state AS outbox_state, o.idempotency_key FROM journey_payments p
         JOIN outbox o ON o.id = p.outbox_id WHERE p.payment_id = ?`,
      )
      .get(paymentId) as { state: string; outbox_state: string; idempotency_key: string };
    expect(row).toMatchObject({ state: 'pending', outbox_state: 'acknowledged' });
    expect(row.idempotency_key).toMatch(/^payment-create-/);

    // The citizen's phone pays the QR on screen (the platform's simulated payer).
    const { qrPayload } = (await state()).journey.payment!;
    const paid = await fetch(`${link.directUrl}/v1/payments/simulated-payer`, {
      method: 'POST',
      headers: { authorization: `Bearer ${LINK_DEVICE_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ qrPayload, channel: 'wechat' }),
    });
    expect(paid.status).toBe(200);
    const { payment } = (await paid.json()) as { payment: { receiptNo: string } };

    // The backend's poll sees it paid: the screen changes by itself and the receipt comes out.
    await page.locator('[data-testid="paid-screen"][data-receipt="printed"]').waitFor();
    expect(await page.getByTestId('receipt-no').textContent()).toContain(payment.receiptNo);
    const paper = ((await j.dev('GET', '/api/dev/printer/paper')).lines as string[]).join('\n');
    expect(paper).toContain('缴费电子票据 E-receipt');
    expect(paper).toContain(payment.receiptNo);
    expect(paper).toContain('¥80.00');
    expect(paper).not.toContain(ID_NUMBER);
    expect(paper).not.toContain(NAME);
    expect(
      j.host.kiosk.db
        .prepare('SELECT state, receipt_printed FROM journey_payments WHERE payment_id = ?')
        .get(paymentId),
    ).toEqual({ state: 'paid', receipt_printed: 1 });

    // Paid: no longer among the orders.
    await page.getByTestId('journey-home').click();
    await openOrders();
    expect(await page.getByTestId(`order-${cases[0]!.caseNumber}`).count()).toBe(0);
    await page.getByTestId(`order-${cases[1]!.caseNumber}`).waitFor();
  });

  it('says so when the QR code expires unpaid', async () => {
    const { page } = j;
    await payOrder(cases[1]!.caseNumber);
    // Half an hour passes at the payment platform with nobody paying.
    link.advance(PAYMENT_TTL_MS + 60_000);
    await page.getByTestId('pay-expired').waitFor();
    expect(await page.getByTestId('pay-expired').textContent()).toContain('二维码已过期');
    expect(centralPayments(cases[1]!.caseId)).toEqual([{ status: 'pending' }]);
    await page.getByTestId('journey-home').click();
  });

  it('says paying needs the network when the order cannot reach the central, and makes none later', async () => {
    const { page } = j;
    await openOrders();
    // The line drops the order request on its way to the central (the case list still loads).
    link.cut((method, path) => method === 'POST' && path === '/v1/payments');
    await page.getByTestId(`order-${cases[2]!.caseNumber}`).click();
    await page.getByTestId('journey-error').waitFor();
    expect(await page.getByTestId('journey-error').textContent()).toContain('缴费需要联网');
    const row = j.host.kiosk.db
      .prepare(
        `SELECT p.state, o.state AS outbox_state FROM journey_payments p JOIN outbox o ON o.id = p.outbox_id
         WHERE p.case_id = ? ORDER BY p.id DESC LIMIT 1`,
      )
      .get(cases[2]!.caseId);
    expect(row).toEqual({ state: 'withdrawn', outbox_state: 'rejected' });

    // The line comes back; the kiosk notices, and the withdrawn request is never sent.
    await link.restore();
    await expect.poll(async () => (await state()).sync.online, { timeout: 15_000 }).toBe(true);
    expect(centralPayments(cases[2]!.caseId)).toEqual([]);
    await page.getByTestId('journey-home').click();
  });

  it('says plainly that paying needs the network while the central is unreachable', async () => {
    const { page } = j;
    link.cut();
    await page.getByTestId('tile-pay').click();
    await page.locator('[data-testid="orders-screen"][data-state="failed"]').waitFor();
    expect(await page.getByTestId('journey-error').textContent()).toContain('缴费需要联网');
    expect(j.host.kiosk.outbox.counts()).toMatchObject({ pending: 0, 'in-flight': 0 });

    // Back online: the same citizen pays the last order.
    await link.restore();
    await expect.poll(async () => (await state()).sync.online, { timeout: 15_000 }).toBe(true);
    await page.getByTestId('journey-home').click();
    await openOrders();
    await payOrder(cases[3]!.caseNumber);
    expect(centralPayments(cases[3]!.caseId)).toEqual([{ status: 'pending' }]);
  });

  it('ends with the card taken away: nothing on screen, no personal data in the logs', async () => {
    await j.dev('DELETE', '/api/dev/card');
    await j.page.getByTestId('home-prompt').waitFor();
    expect((await state()).journey.payment).toBeNull();
    const logs = j.logger.lines.join('\n');
    for (const e of ['payment.created', 'payment.paid', 'payment.receipt-printed', 'payment.withdrawn']) {
      expect(logs).toContain(`"event":"${e}"`);
    }
    expect(logs).not.toContain(ID_NUMBER);
    expect(logs).not.toContain(NAME);
  });
});
