import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ManualClock } from '../../domain/clock';
import { numberBlockSchema, REPLAYED_HEADER, type Ticket } from '../contract';
import { citizenRef, issue, NINE_AM_SHANGHAI, ticketRequest } from '../test-support';
import { device, makeCounterApp, manager, windowStaff } from './test-kit';

const MINUTE = 60_000;
let app: FastifyInstance;
afterEach(async () => {
  await app?.close();
});

function post(url: string, headers: Record<string, string>, payload?: unknown) {
  return app.inject({
    method: 'POST',
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function issueOk(overrides = {}): Promise<Ticket> {
  const res = await issue(app, ticketRequest(overrides));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().ticket;
}

async function lease(size: number, overrides = {}) {
  return post('/v1/queue/number-blocks', device, {
    hallId: 'HALL-CITY-01',
    category: 'A',
    terminalId: 'KIOSK-01',
    size,
    ...overrides,
  });
}

function offline(body: Record<string, unknown>, key = `off-${Math.random().toString(36).slice(2, 12)}`) {
  return post('/v1/queue/offline-tickets', { ...device, 'idempotency-key': key }, body);
}

describe('window-staff actions', () => {
  it('calls next across categories: priority first, then by issue time; 404 queue-empty after', async () => {
    ({ app } = await makeCounterApp());
    const a1 = await issueOk({ category: 'A' });
    const b1 = await issueOk({ category: 'B' });
    const green = await issueOk({ category: 'B', priority: 'green-channel', greenChannelReason: 'military' });
    const next = (categories: string[]) =>
      post('/v1/queue/call-next', windowStaff, { hallId: 'HALL-CITY-01', categories, windowId: '7' });
    const first = await next(['A', 'B']);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().ticket).toMatchObject({
      ticketId: green.ticketId,
      status: 'called',
      windowId: '7',
      priorityReason: 'military',
    });
    expect((await next(['A', 'B'])).json().ticket.ticketId).toBe(a1.ticketId);
    expect((await next(['B'])).json().ticket.ticketId).toBe(b1.ticketId);
    const empty = await next(['A', 'B']);
    expect(empty.statusCode).toBe(404);
    expect(empty.json().error.code).toBe('queue-empty');
    expect((await next(['Z'])).json().error.code).toBe('unknown-category');
  });

  it('recalls a called ticket, marks a no-show, and frees the citizen for a new number', async () => {
    ({ app } = await makeCounterApp());
    const ref = citizenRef('no-show');
    const t = await issueOk({ citizenRef: ref });
    expect((await post(`/v1/queue/tickets/${t.ticketId}/recall`, windowStaff)).json().error.code).toBe(
      'invalid-ticket-state',
    );
    await post(`/v1/queue/tickets/${t.ticketId}/call`, windowStaff, { windowId: '3' });
    const recalled = await post(`/v1/queue/tickets/${t.ticketId}/recall`, windowStaff);
    expect(recalled.statusCode).toBe(200);
    expect(recalled.json().ticket).toMatchObject({ status: 'called', windowId: '3' });
    const gone = await post(`/v1/queue/tickets/${t.ticketId}/no-show`, windowStaff);
    expect(gone.json().ticket.status).toBe('no-show');
    expect((await post(`/v1/queue/tickets/${t.ticketId}/no-show`, windowStaff)).statusCode).toBe(409);
    expect((await issueOk({ citizenRef: ref })).number).toBe('A002');
  });

  it('transfers a ticket to another category keeping its place by issue time', async () => {
    const clock = new ManualClock(NINE_AM_SHANGHAI);
    ({ app } = await makeCounterApp({ clock }));
    const moving = await issueOk({ category: 'A' });
    await clock.advance(MINUTE);
    const laterInB = await issueOk({ category: 'B' });
    const res = await post(`/v1/queue/tickets/${moving.ticketId}/transfer`, windowStaff, { toCategory: 'B' });
    expect(res.statusCode, res.body).toBe(200);
    const moved = res.json().ticket;
    expect(moved).toMatchObject({ category: 'B', number: 'B002', status: 'waiting', waitingAhead: 0 });
    const list = await app.inject({
      method: 'GET',
      url: '/v1/queue/tickets?hallId=HALL-CITY-01',
      headers: device,
    });
    const byId = Object.fromEntries(list.json().tickets.map((t: Ticket) => [t.ticketId, t]));
    expect(byId[moving.ticketId].status).toBe('transferred');
    expect(byId[laterInB.ticketId].waitingAhead).toBe(1);
    const again = await post(`/v1/queue/tickets/${moving.ticketId}/transfer`, windowStaff, {
      toCategory: 'C',
    });
    expect(again.json().error.code).toBe('invalid-ticket-state');
    const same = await post(`/v1/queue/tickets/${moved.ticketId}/transfer`, windowStaff, { toCategory: 'B' });
    expect(same.json().error.code).toBe('same-category');
    const nowhere = await post(`/v1/queue/tickets/${moved.ticketId}/transfer`, windowStaff, {
      toCategory: 'Q',
    });
    expect(nowhere.json().error.code).toBe('unknown-category');
    const unknown = await post('/v1/queue/tickets/nope/transfer', windowStaff, { toCategory: 'C' });
    expect(unknown.statusCode).toBe(404);
  });

  it('refuses staff actions to devices (403) and to no token (401); a manager may act', async () => {
    ({ app } = await makeCounterApp());
    const t = await issueOk();
    expect((await post(`/v1/queue/tickets/${t.ticketId}/call`, device)).statusCode).toBe(403);
    expect((await post(`/v1/queue/tickets/${t.ticketId}/call`, {})).statusCode).toBe(401);
    expect((await post(`/v1/queue/tickets/${t.ticketId}/call`, manager)).statusCode).toBe(200);
  });

  it('divides the wait estimate among the windows serving a category', async () => {
    const clock = new ManualClock(NINE_AM_SHANGHAI);
    ({ app } = await makeCounterApp({ clock }));
    for (let i = 0; i < 6; i++) await issueOk({ category: 'C' });
    for (const windowId of ['1', '2']) {
      await post('/v1/queue/call-next', windowStaff, { hallId: 'HALL-CITY-01', categories: ['C'], windowId });
    }
    // Four still waiting ahead of a new ticket; 5 minutes a person shared by two windows: 4 * 2.5.
    expect((await issueOk({ category: 'C' })).estimatedWaitMinutes).toBe(10);
  });
});

describe('offline number blocks', () => {
  it('leases a contiguous block the central numbering skips, valid until the end of the service day', async () => {
    ({ app } = await makeCounterApp());
    await issueOk(); // A001
    const res = await lease(3);
    expect(res.statusCode, res.body).toBe(201);
    const block = numberBlockSchema.parse(res.json());
    expect(block).toMatchObject({
      hallId: 'HALL-CITY-01',
      category: 'A',
      serviceDate: '2026-11-25',
      numbers: ['A997', 'A998', 'A999'],
      expiresAt: '2026-11-25T16:00:00.000Z',
    });
    // The everyday sequence has no holes; the next block comes from below the first.
    expect((await issueOk()).number).toBe('A002');
    expect((await lease(2)).json().numbers).toEqual(['A995', 'A996']);
  });

  it('skips leased numbers when the everyday counter reaches them, and never hands one out twice', async () => {
    ({ app } = await makeCounterApp());
    expect((await lease(50)).json().numbers[0]).toBe('A950');
    for (let i = 1; i <= 949; i++) await issueOk({ citizenRef: citizenRef(`day-${i}`) });
    const full = await issue(app, ticketRequest({ citizenRef: citizenRef('one-too-many') }));
    expect(full.statusCode).toBe(409);
    expect(full.json().error.code).toBe('daily-numbers-exhausted');
    expect((await lease(1, { terminalId: 'KIOSK-02' })).json().error.code).toBe('daily-numbers-exhausted');
  });

  it('validates the lease: size 1–50, known hall and category, own terminal, daily cap', async () => {
    ({ app } = await makeCounterApp());
    for (const size of [0, 51, 1.5]) expect((await lease(size)).statusCode).toBe(400);
    expect((await lease(1, { hallId: 'HALL-NOPE' })).json().error.code).toBe('unknown-hall');
    expect((await lease(1, { category: 'Z' })).json().error.code).toBe('unknown-category');
    for (let i = 0; i < 4; i++) expect((await lease(50)).statusCode).toBe(201);
    const capped = await lease(1);
    expect(capped.statusCode).toBe(409);
    expect(capped.json().error.code).toBe('lease-limit-reached');
    expect((await lease(50, { terminalId: 'KIOSK-02' })).statusCode).toBe(201);
  });

  it('reconciles offline tickets into the queue by issue time; the same key replays', async () => {
    const clock = new ManualClock(NINE_AM_SHANGHAI);
    ({ app } = await makeCounterApp({ clock }));
    const block = (await lease(5)).json();
    await clock.advance(10 * MINUTE);
    const online = await issueOk(); // A001 at 09:10
    await clock.advance(10 * MINUTE);
    const body = {
      blockId: block.blockId,
      number: 'A996',
      terminalId: 'KIOSK-01',
      citizenRef: citizenRef('offline-1'),
      priority: 'normal',
      issuedAt: '2026-11-25T09:05:00+08:00',
    };
    const first = await offline(body, 'offline-key-0001');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().ticket).toMatchObject({
      number: 'A996',
      status: 'waiting',
      waitingAhead: 0,
      issuedAt: '2026-11-25T01:05:00.000Z',
    });
    const replay = await offline(body, 'offline-key-0001');
    expect(replay.statusCode).toBe(201);
    expect(replay.headers[REPLAYED_HEADER]).toBe('true');
    const list = await app.inject({
      method: 'GET',
      url: '/v1/queue/tickets?hallId=HALL-CITY-01',
      headers: device,
    });
    const ahead = Object.fromEntries(list.json().tickets.map((t: Ticket) => [t.number, t.waitingAhead]));
    expect(ahead).toEqual({ A996: 0, [online.number]: 1 });

    const twice = await offline({ ...body, citizenRef: citizenRef('other') }, 'offline-key-0002');
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('number-already-reconciled');
    const reused = await offline({ ...body, number: 'A997' }, 'offline-key-0001');
    expect(reused.json().error.code).toBe('idempotency-key-reused');
  });

  it('keeps one active ticket per citizen: 409 with the existing ticket, replayed under its key', async () => {
    ({ app } = await makeCounterApp());
    const ref = citizenRef('both-ways');
    const existing = await issueOk({ citizenRef: ref });
    const block = (await lease(2)).json();
    const body = {
      blockId: block.blockId,
      number: block.numbers[0],
      terminalId: 'KIOSK-01',
      citizenRef: ref,
      priority: 'green-channel',
      greenChannelReason: 'disability',
      issuedAt: '2026-11-25T09:00:30+08:00',
    };
    const res = await offline(body, 'conflict-key-01');
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'active-ticket-exists',
      ticket: { ticketId: existing.ticketId },
    });
    const replay = await offline(body, 'conflict-key-01');
    expect(replay.headers[REPLAYED_HEADER]).toBe('true');
    expect(replay.json()).toEqual(res.json());
  });

  it('refuses foreign blocks, numbers outside the block, other days and expired blocks', async () => {
    const clock = new ManualClock(NINE_AM_SHANGHAI);
    ({ app } = await makeCounterApp({ clock }));
    const block = (await lease(2)).json();
    const base = {
      blockId: block.blockId,
      number: 'A998',
      terminalId: 'KIOSK-01',
      citizenRef: citizenRef('x'),
      priority: 'normal',
      issuedAt: '2026-11-25T09:01:00+08:00',
    };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ blockId: 'no-such-block' }, 422, 'unknown-block'],
      [{ terminalId: 'KIOSK-02' }, 403, 'block-not-yours'],
      [{ number: 'A997' }, 422, 'number-not-in-block'],
      [{ number: 'B998' }, 422, 'number-not-in-block'],
      [{ issuedAt: '2026-11-24T23:59:00+08:00' }, 422, 'outside-service-day'],
    ];
    for (const [override, status, code] of cases) {
      const res = await offline({ ...base, ...override }, 'fixable-key-01');
      expect(res.statusCode, code).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    // The refusals above were not stored: the key still works once the request is right.
    expect((await offline(base, 'fixable-key-01')).statusCode).toBe(201);
    await clock.advance(24 * 60 * MINUTE);
    const late = await offline({ ...base, number: 'A999', citizenRef: citizenRef('y') });
    expect(late.json().error.code).toBe('block-expired');
  });

  it('applies concurrent duplicates with one key once', async () => {
    ({ app } = await makeCounterApp());
    const block = (await lease(1)).json();
    const body = {
      blockId: block.blockId,
      number: block.numbers[0],
      terminalId: 'KIOSK-01',
      citizenRef: citizenRef('concurrent'),
      priority: 'normal',
      issuedAt: '2026-11-25T09:00:00+08:00',
    };
    const results = await Promise.all(Array.from({ length: 8 }, () => offline(body, 'same-key-concurrent')));
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    expect(new Set(results.map((r) => r.json().ticket.ticketId)).size).toBe(1);
    expect(results.filter((r) => r.headers[REPLAYED_HEADER] !== 'true')).toHaveLength(1);
  });

  it('never answers 500 to fuzzed lease and offline bodies', async () => {
    ({ app } = await makeCounterApp({ rateLimit: false }));
    const block = (await lease(3)).json();
    const field = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(block.blockId),
      fc.constant('A001'),
      fc.constant('KIOSK-01'),
      fc.constant(citizenRef('f')),
      fc.constant('2026-11-25T09:00:00+08:00'),
    );
    const body = fc.record(
      {
        blockId: field,
        number: field,
        terminalId: field,
        citizenRef: field,
        priority: fc.oneof(field, fc.constantFrom('normal', 'green-channel')),
        issuedAt: field,
        hallId: fc.oneof(field, fc.constant('HALL-CITY-01')),
        category: fc.oneof(field, fc.constant('A')),
        size: fc.oneof(field, fc.integer({ min: -5, max: 60 })),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(body, fc.anything(), async (b, junk) => {
        for (const payload of [b, junk]) {
          const a = await offline(payload as Record<string, unknown>);
          const c = await post('/v1/queue/number-blocks', device, payload);
          const d = await post('/v1/queue/call-next', windowStaff, payload);
          for (const r of [a, c, d]) {
            expect(r.statusCode, r.body).toBeLessThan(500);
            expect(r.json().error?.code ?? 'ok').toBeTypeOf('string');
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
