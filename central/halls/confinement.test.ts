// Every cross-hall action at the central, tried by a kiosk or a clerk of the Shangcheng hall
// (HALL-SC-01) against the city hall (HALL-CITY-01). Each is refused 403 and changes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { caseRequest } from '../cases/test-support';
import { openCentralDatabase } from '../db/database';
import {
  device,
  enrolKiosk,
  makeCounterApp,
  manager,
  scManager,
  scWindowStaff,
  windowStaff,
} from '../queue/test-kit';
import { citizenRef, ticketRequest } from '../test-support';

const CITY = 'HALL-CITY-01';
const SC = 'HALL-SC-01';
let app: FastifyInstance;
let dbPath: string;
let cityKiosk: Record<string, string>;
let scKiosk: Record<string, string>;
let keySeq = 0;

beforeEach(async () => {
  ({ app, dbPath } = await makeCounterApp());
  cityKiosk = await enrolKiosk(app, 'KIOSK-CITY-01', CITY);
  scKiosk = await enrolKiosk(app, 'KIOSK-SC-01', SC);
});
afterEach(async () => {
  await app?.close();
});

function call(
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  headers: Record<string, string>,
  payload?: unknown,
  key: string | null = `conf-key-${++keySeq}`,
) {
  return app.inject({
    method,
    url,
    headers: { ...headers, ...(key && method !== 'GET' ? { 'idempotency-key': key } : {}) },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

function rows<T>(sql: string, ...params: unknown[]): T[] {
  const db = openCentralDatabase(dbPath, { seed: false });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

function expectForbidden(res: { statusCode: number; body: string }) {
  expect(res.statusCode, res.body).toBe(403);
  expect(JSON.parse(res.body).error.code).toBe('forbidden');
}

async function cityTicket() {
  const res = await call(
    'POST',
    '/v1/queue/tickets',
    cityKiosk,
    ticketRequest({ hallId: CITY, terminalId: 'KIOSK-CITY-01' }),
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json().ticket as { ticketId: string; number: string; status: string };
}

describe('a kiosk enrolled in one hall, against another hall', () => {
  it('cannot issue a ticket there (and nothing is issued)', async () => {
    const res = await call(
      'POST',
      '/v1/queue/tickets',
      scKiosk,
      ticketRequest({ hallId: CITY, terminalId: 'KIOSK-SC-01' }),
    );
    expectForbidden(res);
    expect(rows('SELECT ticket_id FROM tickets')).toEqual([]);
  });

  it('cannot lease a number block there', async () => {
    const res = await call('POST', '/v1/queue/number-blocks', scKiosk, {
      hallId: CITY,
      category: 'A',
      terminalId: 'KIOSK-SC-01',
      size: 5,
    });
    expectForbidden(res);
    expect(rows('SELECT block_id FROM ticket_blocks')).toEqual([]);
  });

  it("cannot reconcile an offline ticket from that hall's block, even one a trusted device leased in its name", async () => {
    const leased = await call('POST', '/v1/queue/number-blocks', device, {
      hallId: CITY,
      category: 'A',
      terminalId: 'KIOSK-SC-01',
      size: 5,
    });
    expect(leased.statusCode, leased.body).toBe(201);
    const block = leased.json();
    const res = await call('POST', '/v1/queue/offline-tickets', scKiosk, {
      blockId: block.blockId,
      number: block.numbers[0],
      terminalId: 'KIOSK-SC-01',
      citizenRef: citizenRef('offline-x'),
      priority: 'normal',
      issuedAt: new Date(Date.UTC(2026, 10, 25, 1, 0, 0)).toISOString(),
    });
    expectForbidden(res);
    expect(rows('SELECT ticket_id FROM tickets')).toEqual([]);
  });

  it("cannot read that hall's queue categories, tickets or appointment slots", async () => {
    await cityTicket();
    expectForbidden(await call('GET', `/v1/halls/${CITY}/queue-categories`, scKiosk));
    expectForbidden(await call('GET', `/v1/queue/tickets?hallId=${CITY}`, scKiosk));
    expectForbidden(
      await call('GET', `/v1/appointment-slots?hallId=${CITY}&category=B&date=2026-11-25`, scKiosk),
    );
    expect((await call('GET', `/v1/queue/tickets?hallId=${SC}`, scKiosk)).statusCode).toBe(200);
  });

  it("cannot book, look up, cancel or check in that hall's appointment for a priority ticket", async () => {
    const ref = citizenRef('appt-x');
    const slotId = `S-20261125-B-0930-${CITY}`;
    expectForbidden(await call('POST', '/v1/appointments', scKiosk, { slotId, citizenRef: ref }));
    const booked = await call('POST', '/v1/appointments', cityKiosk, { slotId, citizenRef: ref });
    expect(booked.statusCode, booked.body).toBe(201);
    const { code } = booked.json().appointment;

    expectForbidden(
      await call('POST', `/v1/appointments/${code}/check-in`, scKiosk, {
        citizenRef: ref,
        terminalId: 'KIOSK-SC-01',
      }),
    );
    expectForbidden(await call('POST', `/v1/appointments/${code}/lookup`, scKiosk, { citizenRef: ref }));
    expectForbidden(await call('POST', `/v1/appointments/${code}/cancel`, scKiosk, { citizenRef: ref }));
    expect(rows('SELECT status, ticket_id FROM appointments')).toEqual([
      { status: 'booked', ticket_id: null },
    ]);
    expect(rows('SELECT ticket_id FROM tickets')).toEqual([]);

    const own = await call('POST', `/v1/appointments/${code}/check-in`, cityKiosk, {
      citizenRef: ref,
      terminalId: 'KIOSK-CITY-01',
    });
    expect(own.statusCode, own.body).toBe(201);
  });

  it("cannot submit a case there, withdraw one of its cases, or see its cases in a citizen's lookup", async () => {
    const sub = caseRequest({ hallId: CITY, terminalId: 'KIOSK-SC-01' }, 801);
    expectForbidden(await call('POST', '/v1/cases', scKiosk, sub));
    const own = await call('POST', '/v1/cases', cityKiosk, { ...sub, terminalId: 'KIOSK-CITY-01' });
    expect(own.statusCode, own.body).toBe(201);
    const { caseId } = own.json().case;

    const lookedUp = await call('POST', '/v1/cases/lookup', scKiosk, { citizenRef: sub.citizenRef }, null);
    expect(lookedUp.statusCode).toBe(200);
    expect(lookedUp.json().cases).toEqual([]);
    expect(lookedUp.body).not.toContain(caseId);
    const home = await call('POST', '/v1/cases/lookup', cityKiosk, { citizenRef: sub.citizenRef }, null);
    expect(home.json().cases.map((c: { caseId: string }) => c.caseId)).toEqual([caseId]);

    expectForbidden(
      await call('POST', `/v1/cases/${caseId}/withdraw`, scKiosk, { citizenRef: sub.citizenRef }, null),
    );
    expect(rows('SELECT status FROM cases')).toEqual([{ status: 'submitted' }]);
  });

  it("cannot rate that hall's case or visit", async () => {
    const own = await call(
      'POST',
      '/v1/cases',
      cityKiosk,
      caseRequest({ hallId: CITY, terminalId: 'KIOSK-CITY-01' }, 802),
    );
    const { caseId } = own.json().case;
    const ticket = await cityTicket();
    expectForbidden(
      await call('POST', '/v1/evaluations', scKiosk, {
        subject: { kind: 'case', caseId },
        channel: 'kiosk',
        level: 1,
        indicators: ['print-failed'],
      }),
    );
    expectForbidden(
      await call('POST', '/v1/evaluations', scKiosk, {
        subject: { kind: 'visit', ticketId: ticket.ticketId },
        channel: 'kiosk',
        level: 1,
        indicators: ['print-failed'],
      }),
    );
    const unknown = await call('POST', '/v1/evaluations', scKiosk, {
      subject: { kind: 'case', caseId: 'CASE-NOT-HERE' },
      channel: 'kiosk',
      level: 5,
      indicators: [],
    });
    expect(unknown.json().error.code).toBe('unknown-case');
    expect(rows('SELECT evaluation_id FROM evaluations')).toEqual([]);
  });
});

describe('staff bound to one hall, against another hall', () => {
  it("a clerk cannot call, recall, no-show, complete or transfer that hall's tickets, nor call its next", async () => {
    const ticket = await cityTicket();
    const path = (action: string) => `/v1/queue/tickets/${ticket.ticketId}/${action}`;
    expectForbidden(await call('POST', path('call'), scWindowStaff, { windowId: '3' }, null));
    expectForbidden(
      await call(
        'POST',
        '/v1/queue/call-next',
        scWindowStaff,
        { hallId: CITY, categories: ['A'], windowId: '3' },
        null,
      ),
    );
    expect(rows('SELECT status FROM tickets')).toEqual([{ status: 'waiting' }]);

    expect((await call('POST', path('call'), windowStaff, { windowId: '1' }, null)).statusCode).toBe(200);
    expectForbidden(await call('POST', path('recall'), scWindowStaff, { windowId: '3' }, null));
    expectForbidden(await call('POST', path('no-show'), scWindowStaff, undefined, null));
    expectForbidden(await call('POST', path('complete'), scWindowStaff, undefined, null));
    expectForbidden(await call('POST', path('transfer'), scWindowStaff, { toCategory: 'B' }, null));
    expect(rows('SELECT status, recall_count, window_id FROM tickets')).toEqual([
      { status: 'called', recall_count: 0, window_id: '1' },
    ]);
    expect(rows("SELECT seq FROM live_events WHERE type = 'ticket.called'")).toHaveLength(1);
  });

  it("a manager cannot see or close that hall's follow-ups, change its slots, list its kiosks or enrol one there", async () => {
    const ticket = await cityTicket();
    await call('POST', `/v1/queue/tickets/${ticket.ticketId}/call`, windowStaff, { windowId: '1' }, null);
    await call('POST', `/v1/queue/tickets/${ticket.ticketId}/complete`, windowStaff, undefined, null);
    const rated = await call('POST', '/v1/evaluations', cityKiosk, {
      subject: { kind: 'visit', ticketId: ticket.ticketId },
      channel: 'hall-window',
      level: 1,
      indicators: ['long-wait'],
    });
    expect(rated.statusCode, rated.body).toBe(201);
    const followUpId = rated.json().evaluation.followUp.followUpId;

    expect((await call('GET', '/v1/evaluation-follow-ups', scManager)).json().followUps).toEqual([]);
    expect((await call('GET', '/v1/evaluation-follow-ups', manager)).json().followUps).toHaveLength(1);
    expectForbidden(
      await call(
        'POST',
        `/v1/evaluation-follow-ups/${followUpId}/close`,
        scManager,
        { resolution: 'explained', note: '已回访', calledBack: true },
        null,
      ),
    );
    expectForbidden(
      await call(
        'PUT',
        `/v1/appointment-slots/S-20261125-B-1000-${CITY}/capacity`,
        scManager,
        { capacity: 0 },
        null,
      ),
    );
    const fleet = await call('GET', '/v1/kiosks', scManager);
    expect(fleet.json().kiosks.map((k: { terminalId: string }) => k.terminalId)).toEqual(['KIOSK-SC-01']);
    expectForbidden(await call('GET', `/v1/kiosks?hallId=${CITY}`, scManager));
    expectForbidden(
      await call(
        'POST',
        '/v1/kiosks/enrolment-codes',
        scManager,
        { terminalId: 'KIOSK-NEW-9', hallId: CITY },
        null,
      ),
    );
    // Nor move the other hall's kiosk into its own hall by re-enrolling it.
    expectForbidden(
      await call(
        'POST',
        '/v1/kiosks/enrolment-codes',
        scManager,
        { terminalId: 'KIOSK-CITY-01', hallId: SC },
        null,
      ),
    );
    expectForbidden(
      await call(
        'PUT',
        '/v1/kiosks/config',
        scManager,
        { terminalId: 'KIOSK-CITY-01', config: { a: 1 } },
        null,
      ),
    );
    expectForbidden(await call('PUT', '/v1/kiosks/config', scManager, { config: { a: 1 } }, null));
    expect(rows('SELECT status FROM evaluation_followups')).toEqual([{ status: 'open' }]);
    expect(rows('SELECT version FROM kiosk_configs')).toEqual([]);
  });
});

describe('idempotency keys belong to the device that sent them', () => {
  it('the same key from two kiosks is two requests, and neither gets the other one’s answer', async () => {
    const key = 'shared-key-0001';
    const fromCity = await call(
      'POST',
      '/v1/queue/tickets',
      cityKiosk,
      ticketRequest({ hallId: CITY, terminalId: 'KIOSK-CITY-01' }),
      key,
    );
    const fromSc = await call(
      'POST',
      '/v1/queue/tickets',
      scKiosk,
      ticketRequest({ hallId: SC, terminalId: 'KIOSK-SC-01' }),
      key,
    );
    expect(fromCity.statusCode, fromCity.body).toBe(201);
    expect(fromSc.statusCode, fromSc.body).toBe(201);
    expect(fromSc.headers['idempotency-replayed']).toBeUndefined();
    expect(fromSc.json().ticket.hallId).toBe(SC);
    expect(fromSc.body).not.toContain(fromCity.json().ticket.ticketId);
    expect(rows('SELECT hall_id FROM tickets ORDER BY hall_id')).toEqual([
      { hall_id: CITY },
      { hall_id: SC },
    ]);
  });

  it('a body another device sent with its key is never replayed to a kiosk sending the same body and key', async () => {
    const key = 'shared-key-0002';
    const body = ticketRequest({ hallId: CITY, terminalId: 'KIOSK-CITY-01' });
    // A trusted device (a tool) sends exactly what the kiosk will send, first.
    const first = await call('POST', '/v1/queue/tickets', device, body, key);
    expect(first.statusCode).toBe(201);
    const second = await call('POST', '/v1/queue/tickets', cityKiosk, body, key);
    expect(second.headers['idempotency-replayed']).toBeUndefined();
    // A fresh request: the citizen already holds the first ticket, so it is refused on its own merits.
    expect(second.json().error.code).toBe('active-ticket-exists');
    // The kiosk's own retry is a replay of its own answer.
    const retry = await call('POST', '/v1/queue/tickets', cityKiosk, body, key);
    expect(retry.headers['idempotency-replayed']).toBe('true');
    expect(retry.body).toBe(second.body);
  });

  it('a key stored before keys had owners replays only to the kiosk its request names', async () => {
    const body = ticketRequest({ hallId: CITY, terminalId: 'KIOSK-CITY-01' });
    const first = await call('POST', '/v1/queue/tickets', cityKiosk, body, 'legacy-key-0001');
    expect(first.statusCode).toBe(201);
    // As the row would look from before the upgrade: the bare key, no owner.
    const db = openCentralDatabase(dbPath, { seed: false });
    db.prepare("UPDATE idempotency_keys SET idempotency_key = 'legacy-key-0001'").run();
    db.close();
    const retry = await call('POST', '/v1/queue/tickets', cityKiosk, body, 'legacy-key-0001');
    expect(retry.headers['idempotency-replayed']).toBe('true');
    expect(retry.body).toBe(first.body);
    const other = await call('POST', '/v1/queue/tickets', device, body, 'legacy-key-0001');
    expect(other.headers['idempotency-replayed']).toBeUndefined();
    // Decided afresh (the citizen holds the ticket already), not the kiosk's stored answer.
    expect(other.body).not.toBe(first.body);
    expect(other.json().error.code).toBe('active-ticket-exists');
    expect(rows('SELECT ticket_id FROM tickets')).toHaveLength(1);
  });
});
