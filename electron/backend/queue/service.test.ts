import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../domain/clock';
import { idCheckCharacter } from '../../../domain/id-number';
import type { CardRead } from '../../../drivers/id-card-reader/types';
import type { PrintDocument } from '../../../drivers/printer/document';
import type { DispenseResult } from '../../../drivers/ticket-dispenser/ticket-dispenser';
import type { CentralOutcome } from '../central-connection/connection';
import type { KioskDevices } from '../devices/kiosk-devices';
import { createTestLogger } from '../logging/logger';
import { sessionWithCardLeftOn } from '../session/test-support';
import { StaffAlerts } from '../staff-call/alerts';
import { openKioskDatabase, type KioskDatabase } from '../store/database';
import { DownstreamCache } from '../store/downstream-cache';
import { FieldCipher } from '../store/field-cipher';
import { Outbox } from '../store/outbox';
import type { OutboxDelivery } from '../store/outbox-delivery';
import type { QueueCategory } from './contract';
import { NumberBlocks } from './number-blocks';
import { QueueService } from './service';
import { LocalTickets } from './store';

const HALL = { id: 'HALL-CITY-01', name: '杭州市民中心', queueFollowUrl: 'https://q.example.gov.cn/t' };
const FIRST17 = '33010619800101123';
const card: CardRead = {
  identity: {
    cardType: 'resident',
    name: '张三',
    gender: 'male',
    nationCode: '01',
    birthDate: '1980-01-01',
    address: '浙江省杭州市上城区解放路1号',
    idNumber: FIRST17 + idCheckCharacter(FIRST17),
    issuingAuthority: '杭州市公安局',
    validFrom: '2020-01-01',
    validTo: '2040-01-01',
  },
  photo: new Uint8Array(0),
};
const CATEGORY_A: QueueCategory = { code: 'A', name: { zh: '综合业务', en: 'General' }, waiting: 3 };
const CATEGORY_B: QueueCategory = { code: 'B', name: { zh: '不动产', en: 'Real estate' }, waiting: 0 };

/** The central's queue categories with the network switchable; leasing is refused (not tested here). */
class FakeCentral {
  online = true;
  categories: QueueCategory[] = [CATEGORY_A];
  asked = 0;

  async listQueueCategories(
    hallId: string,
  ): Promise<CentralOutcome<{ hallId: string; hallName: string; categories: QueueCategory[] }>> {
    this.asked++;
    if (!this.online) return { kind: 'retry', reason: 'not-sent: fetch failed', offline: true };
    const body = { hallId, hallName: HALL.name, categories: structuredClone(this.categories) };
    return { kind: 'ok', status: 200, body, replayed: false };
  }

  async leaseNumberBlock(): Promise<CentralOutcome<never>> {
    return { kind: 'retry', reason: 'not-sent: fetch failed', offline: true };
  }
}

function setup(db: KioskDatabase = openKioskDatabase(':memory:'), central = new FakeCentral()) {
  const clock = new ManualClock(Date.parse('2026-11-25T01:00:00.000Z'));
  const logger = createTestLogger();
  const outbox = new Outbox(db, new FieldCipher(randomBytes(32)));
  const tickets = new LocalTickets(db, outbox);
  const session = sessionWithCardLeftOn({ clock, citizenRefKey: 'k'.repeat(32) });
  const alerts = new StaffAlerts({ clock, logger });
  const printer: { answer: DispenseResult } = { answer: { ok: true, outcome: 'printed' } as DispenseResult };
  let number = 0;
  // The central issues each request at once, as an online delivery would.
  const delivery = {
    syncStatus: () => ({ online: true, lastSuccessAt: null, lastError: null }),
    deliver: async (outboxId: number) => {
      number++;
      tickets.markIssued(
        outboxId,
        {
          number: `A00${number}`,
          centralTicketId: `t-${number}`,
          waitingAhead: 2,
          estimatedWaitMinutes: 10,
          issuedAt: new Date(clock.now()).toISOString(),
          categoryName: CATEGORY_A.name,
        },
        clock.now(),
      );
      return outbox.get(outboxId);
    },
  } as unknown as OutboxDelivery;
  const printed: PrintDocument[] = [];
  const devices = {
    dispenseTicket: async (doc: PrintDocument) => {
      printed.push(doc);
      return printer.answer;
    },
  } as unknown as KioskDevices;
  const queue = new QueueService({
    clock,
    logger,
    session,
    tickets,
    delivery,
    devices,
    central,
    cache: new DownstreamCache(db),
    blocks: new NumberBlocks(db),
    hall: HALL,
    terminalId: 'T-001',
    ticketDevice: 'ticketPrinter',
    alerts,
  });
  return { db, central, queue, session, alerts, printer, printed };
}

describe('queue categories', () => {
  it('keeps the last categories the central gave, in the store across restarts, for offline use', async () => {
    const first = setup();
    expect(await first.queue.categories()).toEqual([CATEGORY_A]);
    first.central.online = false;
    expect(await first.queue.categories()).toEqual([CATEGORY_A]);

    const offline = new FakeCentral();
    offline.online = false;
    const restarted = setup(first.db, offline);
    expect(restarted.queue.categoryName('A')).toEqual(CATEGORY_A.name);
    expect(await restarted.queue.categories()).toEqual([CATEGORY_A]);
    expect(restarted.queue.categoryName('B')).toBeUndefined();
  });

  it('starts with none when the central was never reached', async () => {
    const central = new FakeCentral();
    central.online = false;
    const { queue } = setup(undefined, central);
    expect(await queue.categories()).toEqual([]);
  });
});

describe('take a number', () => {
  it('asks the central again for a category it has not offered yet', async () => {
    const { queue, central, session } = setup();
    await queue.categories();
    central.categories = [CATEGORY_A, CATEGORY_B];
    session.start(card);
    const before = central.asked;
    const result = await queue.takeTicket('B');
    expect(central.asked).toBe(before + 1);
    expect(result).toMatchObject({ ok: true, value: { number: 'A001', printed: true } });
  });

  it('refuses a category the central does not offer, and raises nothing', async () => {
    const { queue, session, alerts } = setup();
    await queue.categories();
    session.start(card);
    expect(await queue.takeTicket('Z')).toEqual({ ok: false, code: 'unknown-category', detail: 'Z' });
    expect(alerts.list()).toEqual([]);
  });

  it('calls staff to the ticket printer when a number was issued but its slip did not print', async () => {
    const { queue, session, alerts, printer } = setup();
    await queue.categories();
    session.start(card);
    printer.answer = { ok: false, status: { state: 'paper-out' } };
    const result = await queue.takeTicket('A');
    expect(result).toMatchObject({
      ok: false,
      code: 'printer-paper-out',
      detail: 'paper-out',
      ticket: { number: 'A001', printed: false },
    });
    expect(alerts.list()).toEqual([
      expect.objectContaining({
        what: 'ticket-not-printed',
        device: 'ticketPrinter',
        state: 'paper-out',
        number: 'A001',
      }),
    ]);
  });

  it('raises nothing when the slip printed', async () => {
    const { queue, session, alerts } = setup();
    await queue.categories();
    session.start(card);
    expect(await queue.takeTicket('A')).toMatchObject({ ok: true });
    expect(alerts.list()).toEqual([]);
  });

  it('serves an 81-year-old who typed her number first, by the birth date in it', async () => {
    const { queue, session, printed } = setup();
    await queue.categories();
    // The hall date is 2026-11-25: born 1945-03-08, she is 81.
    const first17 = '33010619450308122';
    expect(session.startDeclared(first17 + idCheckCharacter(first17), 'typed')).toBe(true);
    const result = await queue.takeTicket('A');
    expect(result).toMatchObject({ ok: true, value: { priority: 'green-channel' } });
    const lines = printed[0]!.blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));
    expect(lines).toContain('绿色通道 优先办理');
  });

  it('refuses without an identified citizen', async () => {
    const { queue } = setup();
    await queue.categories();
    expect(await queue.takeTicket('A')).toEqual({ ok: false, code: 'no-session' });
  });
});
