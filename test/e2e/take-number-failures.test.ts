import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumber } from '../../central/cases/test-support';
import { hallDate } from '../../domain/hall-time';
import type { LogEventId } from '../../electron/backend/logging/log-events';
import { MAINTENANCE_TOKEN_HEADER } from '../../electron/backend/maintenance/contract';
import { hashPin } from '../../electron/backend/maintenance/pin-hash';
import { startCentralLink, LINK_DEVICE_TOKEN, type CentralLink } from '../support/central-link';
import { clockAt, startJourneyHost, type JourneyHost } from '../support/journey-host';

const PIN = '583920';
const PEOPLE = { paperOut: 31, coverOpen: 32, offline: 33 } as const;

interface Overview {
  devices: { name: string; status: { state: string } }[];
  alerts?: { what: string; device: string; state: string; number?: string }[];
}

/**
 * Take a number when things go wrong: the printer out of paper or with its cover open (the number
 * and its QR stay on screen, staff are alerted in the log, on the maintenance screen and at the
 * fleet), and the central unreachable (a number from the leased block, said honestly, reconciled
 * into the central's queue exactly once when the line is back).
 */
describe('take a number: printer faults and the central unreachable', () => {
  let link: CentralLink;
  let j: JourneyHost;
  let staffToken: string;

  beforeAll(async () => {
    link = await startCentralLink();
    j = await startJourneyHost(clockAt('09:05'), {
      central: link.kioskCentral,
      maintenance: { pinHash: await hashPin(PIN) },
    });
    await j.page.goto(j.host.url);
    await j.page.getByTestId('home-prompt').waitFor();
    staffToken = (await j.dev('POST', '/api/maintenance/login', { pin: PIN })).token as string;
  });
  afterAll(async () => {
    await j?.close();
    await link?.close();
  });

  const overview = async (): Promise<Overview> => {
    const res = await fetch(`http://127.0.0.1:${j.host.port}/api/maintenance/overview`, {
      headers: { 'x-kiosk-secret': j.host.secret, [MAINTENANCE_TOKEN_HEADER]: staffToken },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Overview;
  };
  const placeCard = async (person: number) => {
    await j.dev('POST', '/api/dev/card', {
      name: '东方既白',
      idNumber: idNumber(person),
      birthDate: '1980-01-01',
    });
    await j.page.getByTestId('citizen-name').waitFor();
  };
  const takeNumber = async () => {
    await j.page.getByTestId('take-number').click();
    await j.page.getByTestId('category-A').click();
    await j.page.getByTestId('ticket-number').waitFor();
    return (await j.page.getByTestId('ticket-number').textContent())!.trim();
  };
  /** The card is taken away, and the kiosk has noticed (the home screen no longer asks for it). */
  const cardAway = async () => {
    await j.dev('DELETE', '/api/dev/card');
    await j.page.getByTestId('home-prompt').waitFor();
    await j.page.getByTestId('citizen-name').waitFor({ state: 'detached' });
    await j.page.getByTestId('take-card').waitFor({ state: 'detached' });
  };
  const logEvents = (event: LogEventId) => j.logger.events(event);

  for (const [fault, person, words] of [
    ['paper-out', PEOPLE.paperOut, '缺纸'],
    ['cover-open', PEOPLE.coverOpen, '打印机盖没有关好'],
  ] as const) {
    it(`keeps the number and its QR on screen when the printer is ${fault}, and alerts staff`, async () => {
      const { page } = j;
      await j.dev('DELETE', '/api/dev/printer/paper');
      await j.dev('POST', '/api/dev/printer/state', { state: fault });
      await placeCard(person);
      const number = await takeNumber();
      expect(number).toMatch(/^A\d{3}$/);
      expect(await page.getByTestId('error-message').textContent()).toContain(words);
      expect(await page.getByTestId('error-message').textContent()).toContain(number);
      await page.getByTestId('ticket-qr').waitFor();
      expect(await page.getByTestId('take-away').textContent()).toBe('请取走身份证');
      expect((await j.dev('GET', '/api/dev/printer/paper')).lines).toEqual([]);

      // Staff: a searchable log line with the number waiting for a slip, and the maintenance screen.
      expect(logEvents('staff.alert').at(-1)).toMatchObject({
        what: 'ticket-not-printed',
        device: 'receiptPrinter',
        state: fault,
        number,
      });
      expect(logEvents('ticket.print-failed').at(-1)).toMatchObject({ number, status: fault });
      const o = await overview();
      expect(o.devices.find((d) => d.name === 'receiptPrinter')?.status.state).toBe(fault);
      expect(o.alerts).toEqual([
        expect.objectContaining({ what: 'ticket-not-printed', state: fault, number }),
      ]);

      // The printer is fixed: the alert is resolved.
      await j.dev('POST', '/api/dev/printer/state', { state: 'ready' });
      expect((await overview()).alerts).toEqual([]);
      expect(logEvents('staff.alert-resolved').length).toBeGreaterThan(0);
      await page.getByTestId('ticket-done').click();
      await page.getByTestId('take-card').waitFor();
      await cardAway();
    });
  }

  it('issues a leased number honestly while the central is unreachable, and reconciles it once', async () => {
    const { page } = j;
    // Numbers for an outage are leased while online (at start, then topped up after tickets).
    const leased = () =>
      (j.host.kiosk.db.prepare('SELECT COUNT(*) AS n FROM number_blocks').get() as { n: number }).n;
    await expect.poll(leased).toBeGreaterThan(0);
    await j.dev('DELETE', '/api/dev/printer/paper');
    link.cut();
    await placeCard(PEOPLE.offline);
    const number = await takeNumber();
    // The connection was refused, so nothing reached the central: a number from the leased block.
    expect(number).toMatch(/^A9\d\d$/);
    await page.getByTestId('ticket-offline').waitFor();
    expect(await page.getByTestId('ticket-offline').textContent()).toBe(
      '网络中断时取的号，号码有效。等候人数暂时无法显示，请留意叫号屏。',
    );
    expect(await page.getByTestId('ticket-ahead').count()).toBe(0);
    await page.getByTestId('central-offline').waitFor();
    const paper = ((await j.dev('GET', '/api/dev/printer/paper')).lines as string[]).join('\n');
    expect(paper).toContain(number);
    expect(paper).not.toContain(idNumber(PEOPLE.offline));
    await cardAway();

    // The line comes back: the offline ticket reaches the central's queue, exactly once.
    await link.restore();
    const today = hallDate(Date.now());
    const centralNumbers = async () => {
      const r = await fetch(`${link.directUrl}/v1/queue/tickets?hallId=HALL-CITY-01&date=${today}`, {
        headers: { authorization: `Bearer ${LINK_DEVICE_TOKEN}` },
      });
      return ((await r.json()) as { tickets: { number: string }[] }).tickets.map((t) => t.number);
    };
    await expect.poll(centralNumbers, { timeout: 20_000 }).toContain(number);
    await page.getByTestId('central-offline').waitFor({ state: 'detached' });
    expect((await centralNumbers()).filter((n) => n === number)).toHaveLength(1);
    expect(j.host.kiosk.outbox.counts()).toMatchObject({ pending: 0, 'in-flight': 0 });
    expect(
      j.host.kiosk.db.prepare(`SELECT state, offline FROM local_tickets WHERE number = ?`).all(number),
    ).toEqual([{ state: 'printed', offline: 1 }]);
  });
});
