import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ManualClock } from '../../domain/clock';
import { issueTicketResponseSchema, listQueueCategoriesResponseSchema, type Ticket } from '../contract';
import { auth, citizenRef, issue, ticketRequest } from '../test-support';
import { makeCounterApp as makeApp, windowStaff } from './test-kit';

const MINUTE = 60_000;
let app: FastifyInstance;
afterEach(async () => {
  await app?.close();
});

async function issueOk(body = ticketRequest()): Promise<Ticket> {
  const res = await issue(app, body);
  expect(res.statusCode, res.body).toBe(201);
  return issueTicketResponseSchema.parse(res.json()).ticket;
}

async function listTickets(date?: string): Promise<Ticket[]> {
  const res = await app.inject({
    method: 'GET',
    url: `/v1/queue/tickets?hallId=HALL-CITY-01${date ? `&date=${date}` : ''}`,
    headers: auth,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().tickets;
}

function action(ticketId: string, verb: 'call' | 'complete') {
  return app.inject({ method: 'POST', url: `/v1/queue/tickets/${ticketId}/${verb}`, headers: windowStaff });
}

describe('queue categories', () => {
  it('lists the ten seeded categories of both halls with bilingual names', async () => {
    ({ app } = await makeApp());
    for (const [hallId, hallName] of [
      ['HALL-CITY-01', '市民服务中心'],
      ['HALL-SC-01', '上城区市民之家'],
    ]) {
      const res = await app.inject({
        method: 'GET',
        url: `/v1/halls/${hallId}/queue-categories`,
        headers: auth,
      });
      expect(res.statusCode).toBe(200);
      const body = listQueueCategoriesResponseSchema.parse(res.json());
      expect(body.hallName).toBe(hallName);
      expect(body.categories.map((c) => c.code).join('')).toBe('ABCDEFGHIJ');
      expect(body.categories[1]).toEqual({
        code: 'B',
        name: { zh: '不动产登记', en: 'Real estate registration' },
        waiting: 0,
      });
    }
  });

  it('answers 404 unknown-hall for a hall that does not exist', async () => {
    ({ app } = await makeApp());
    const res = await app.inject({
      method: 'GET',
      url: '/v1/halls/HALL-NOPE/queue-categories',
      headers: auth,
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('unknown-hall');
  });

  it('counts tickets waiting today, and stops counting them once called', async () => {
    ({ app } = await makeApp());
    const first = await issueOk(ticketRequest({ category: 'C' }));
    await issueOk(ticketRequest({ category: 'C' }));
    await issueOk(ticketRequest({ category: 'D' }));
    const waiting = async () => {
      const res = await app.inject({
        method: 'GET',
        url: '/v1/halls/HALL-CITY-01/queue-categories',
        headers: auth,
      });
      return Object.fromEntries(
        listQueueCategoriesResponseSchema.parse(res.json()).categories.map((c) => [c.code, c.waiting]),
      );
    };
    expect(await waiting()).toMatchObject({ A: 0, C: 2, D: 1 });
    expect((await action(first.ticketId, 'call')).statusCode).toBe(200);
    expect(await waiting()).toMatchObject({ C: 1, D: 1 });
  });
});

describe('ticket issue', () => {
  it('numbers per hall and category: letter plus three digits', async () => {
    ({ app } = await makeApp());
    const a1 = await issueOk(ticketRequest({ category: 'A' }));
    const a2 = await issueOk(ticketRequest({ category: 'A' }));
    const b1 = await issueOk(ticketRequest({ category: 'B' }));
    const a3 = await issueOk(ticketRequest({ category: 'A' }));
    const otherHall = await issueOk(ticketRequest({ hallId: 'HALL-SC-01', category: 'A' }));
    expect([a1.number, a2.number, b1.number, a3.number, otherHall.number]).toEqual([
      'A001',
      'A002',
      'B001',
      'A003',
      'A001',
    ]);
    expect(a1).toMatchObject({
      hallId: 'HALL-CITY-01',
      hallName: '市民服务中心',
      category: 'A',
      categoryName: { zh: '综合受理', en: 'General intake' },
      priority: 'normal',
      status: 'waiting',
      terminalId: 'KIOSK-01',
      waitingAhead: 0,
      estimatedWaitMinutes: 0,
      issuedAt: '2026-11-25T01:00:00.000Z',
    });
    expect(a3.waitingAhead).toBe(2);
    expect(a1.ticketId).not.toBe(a2.ticketId);
  });

  it('restarts numbering at local midnight in Asia/Shanghai, not at UTC midnight', async () => {
    // 2026-11-25 23:58 in Shanghai is 15:58 UTC.
    const clock = new ManualClock(Date.UTC(2026, 10, 25, 15, 58));
    ({ app } = await makeApp({ clock }));
    expect((await issueOk()).number).toBe('A001');
    expect((await issueOk()).number).toBe('A002');

    await clock.advance(3 * MINUTE); // 00:01 on the 26th in Shanghai
    const next = await issueOk();
    expect(next.number).toBe('A001');
    // Yesterday's waiting tickets do not stand ahead of today's.
    expect(next.waitingAhead).toBe(0);

    await clock.advance(8 * 60 * MINUTE); // 08:01 Shanghai = 00:01 UTC: no reset here
    expect((await issueOk()).number).toBe('A002');

    expect((await listTickets('2026-11-25')).map((t) => t.number)).toEqual(['A001', 'A002']);
    expect((await listTickets()).map((t) => t.number)).toEqual(['A001', 'A002']);
    expect(await listTickets('2026-11-27')).toEqual([]);
  });

  it('allows one active ticket per citizen per category per hall', async () => {
    ({ app } = await makeApp());
    const ref = citizenRef('zhang-san');
    const first = await issueOk(ticketRequest({ citizenRef: ref, category: 'A' }));

    const again = await issue(app, ticketRequest({ citizenRef: ref, category: 'A' }), 'another-key-0001');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('active-ticket-exists');
    expect(again.json().error.ticket).toMatchObject({ ticketId: first.ticketId, number: 'A001' });

    // Another category, or the same category in another hall, is fine.
    expect((await issueOk(ticketRequest({ citizenRef: ref, category: 'B' }))).number).toBe('B001');
    expect((await issueOk(ticketRequest({ citizenRef: ref, hallId: 'HALL-SC-01' }))).number).toBe('A001');

    // Still active while at the window; free again once served.
    await action(first.ticketId, 'call');
    expect((await issue(app, ticketRequest({ citizenRef: ref }))).statusCode).toBe(409);
    await action(first.ticketId, 'complete');
    expect((await issueOk(ticketRequest({ citizenRef: ref }))).number).toBe('A002');
  });

  it('places green-channel and appointment tickets ahead of normal ones', async () => {
    ({ app } = await makeApp());
    const n1 = await issueOk(ticketRequest({ priority: 'normal' }));
    const n2 = await issueOk(ticketRequest({ priority: 'normal' }));
    const green = await issueOk(ticketRequest({ priority: 'green-channel' }));
    const appointment = await issueOk(ticketRequest({ priority: 'appointment' }));
    const n3 = await issueOk(ticketRequest({ priority: 'normal' }));
    expect(green.waitingAhead).toBe(0);
    expect(appointment.waitingAhead).toBe(1);
    expect(n3.waitingAhead).toBe(4);

    // Live positions: priority first (in issue order), then normal (in issue order).
    const ahead = Object.fromEntries((await listTickets()).map((t) => [t.number, t.waitingAhead]));
    expect(ahead).toEqual({
      [green.number]: 0,
      [appointment.number]: 1,
      [n1.number]: 2,
      [n2.number]: 3,
      [n3.number]: 4,
    });
  });

  it('estimates the wait from recent service durations, 5 minutes a person without history', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 25, 1, 0));
    ({ app } = await makeApp({ clock }));
    await issueOk();
    await issueOk();
    expect((await issueOk()).estimatedWaitMinutes).toBe(10);

    // Two services of 2 and 4 minutes: 3 minutes a person from now on.
    for (const minutes of [2, 4]) {
      const t = await issueOk(ticketRequest({ category: 'E' }));
      await action(t.ticketId, 'call');
      await clock.advance(minutes * MINUTE);
      expect((await action(t.ticketId, 'complete')).json().ticket.status).toBe('served');
    }
    await issueOk(ticketRequest({ category: 'E' }));
    await issueOk(ticketRequest({ category: 'E' }));
    const third = await issueOk(ticketRequest({ category: 'E' }));
    expect(third.waitingAhead).toBe(2);
    expect(third.estimatedWaitMinutes).toBe(6);
    // Category A has no history of its own.
    expect((await issueOk()).estimatedWaitMinutes).toBe(15);
  });

  it('answers 422 for an unknown category or hall', async () => {
    ({ app } = await makeApp());
    const cat = await issue(app, ticketRequest({ category: 'Z' }));
    expect(cat.statusCode).toBe(422);
    expect(cat.json().error.code).toBe('unknown-category');
    const hall = await issue(app, ticketRequest({ hallId: 'HALL-NOPE' }));
    expect(hall.statusCode).toBe(422);
    expect(hall.json().error.code).toBe('unknown-hall');
  });

  it('refuses a lower-case or two-letter category as a bad request', async () => {
    ({ app } = await makeApp());
    for (const category of ['a', 'AB', '']) {
      const res = await issue(app, ticketRequest({ category }));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('bad-request');
    }
  });
});

describe('window-staff actions', () => {
  it('calls a waiting ticket and completes a called one, refusing other transitions', async () => {
    ({ app } = await makeApp());
    const t = await issueOk();
    expect((await action(t.ticketId, 'complete')).json().error.code).toBe('invalid-ticket-state');
    const called = await action(t.ticketId, 'call');
    expect(called.statusCode).toBe(200);
    expect(called.json().ticket).toMatchObject({ status: 'called', waitingAhead: 0 });
    const again = await action(t.ticketId, 'call');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('invalid-ticket-state');
    expect((await action(t.ticketId, 'complete')).json().ticket.status).toBe('served');
    const unknown = await action('no-such-ticket', 'call');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('unknown-ticket');
  });

  it('moves the queue up when the head is called', async () => {
    ({ app } = await makeApp());
    const first = await issueOk();
    const second = await issueOk();
    await action(first.ticketId, 'call');
    const listed = (await listTickets()).find((t) => t.ticketId === second.ticketId);
    expect(listed?.waitingAhead).toBe(0);
  });

  it('lists 404 for an unknown hall and 400 for a malformed date', async () => {
    ({ app } = await makeApp());
    const hall = await app.inject({
      method: 'GET',
      url: '/v1/queue/tickets?hallId=HALL-NOPE',
      headers: auth,
    });
    expect(hall.statusCode).toBe(404);
    const date = await app.inject({
      method: 'GET',
      url: '/v1/queue/tickets?hallId=HALL-CITY-01&date=25-11-2026',
      headers: auth,
    });
    expect(date.statusCode).toBe(400);
    expect(date.json().error.code).toBe('bad-request');
  });
});
