import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { caseRequest, http, STAFF, startWithStaff, submit, type Http } from '../cases/test-support';
import { openCentralDatabase } from '../db/database';
import { ticketRequest, TOKEN, NINE_AM_SHANGHAI } from '../test-support';
import { ManualClock } from '../../domain/clock';
import { EventBus, LIVE_EVENT_RETENTION_MS } from './bus';
import { HEARTBEAT_INTERVAL_MS } from './routes';
import { openStream, type StreamReader } from './test-client';

let central: Awaited<ReturnType<typeof startWithStaff>>;
let api: Http;
const streams: StreamReader[] = [];
beforeAll(async () => {
  central = await startWithStaff();
  api = http(central.baseUrl);
});
afterEach(() => {
  for (const s of streams.splice(0)) s.close();
});
afterAll(async () => {
  await central?.close();
});

async function stream(
  terminalId = 'KIOSK-01',
  hallId = 'HALL-CITY-01',
  headers: Record<string, string> = {},
  token: string | null = TOKEN,
) {
  const s = await openStream(`${central.baseUrl}/v1/kiosks/${terminalId}/events?hallId=${hallId}`, {
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...headers,
  });
  streams.push(s);
  return s;
}

async function issueTicket(hallId = 'HALL-CITY-01') {
  const res = await api.post('/v1/queue/tickets', ticketRequest({ hallId }), TOKEN, {
    'idempotency-key': `t-${Math.random().toString(36).slice(2, 12)}`,
  });
  expect(res.status, res.text).toBe(201);
}

describe('kiosk event stream', () => {
  it('delivers case status changes, ticket calls and catalogue changes with sequence numbers', async () => {
    const s = await stream();
    expect(s.status).toBe(200);
    const submitted = await submit(api, caseRequest({}, 201));
    await s.waitForEvents(1);
    expect(s.events[0]).toMatchObject({
      type: 'case.status-changed',
      data: { caseId: submitted.json.case.caseId, status: 'submitted', previousStatus: null },
    });
    expect(JSON.stringify(s.events[0])).not.toContain('张');

    await issueTicket();
    const called = await api.post(
      '/v1/queue/call-next',
      { hallId: 'HALL-CITY-01', categories: ['A'], windowId: '12' },
      STAFF.window,
    );
    expect(called.status, called.text).toBe(200);
    await s.waitForEvents(2);
    expect(s.events[1]).toMatchObject({
      type: 'ticket.called',
      data: { hallId: 'HALL-CITY-01', recall: false },
    });

    await api.patch('/v1/staff/catalogue/items/GG08008001', { promisedDays: 2 }, STAFF.manager);
    await s.waitForEvents(3);
    expect(s.events[2]).toMatchObject({ type: 'catalogue.changed', data: { version: expect.any(Number) } });
    const seqs = s.events.map((e) => e.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(3);
  });

  it('does not send another hall’s events', async () => {
    const sc = await stream('KIOSK-SC-1', 'HALL-SC-01');
    const city = await stream();
    await submit(api, caseRequest({}, 202)); // city hall
    await api.patch('/v1/staff/catalogue/items/GG08008001', { promisedDays: 3 }, STAFF.manager);
    await city.waitForEvents(2);
    await sc.waitForEvents(1);
    expect(sc.events.map((e) => e.type)).toEqual(['catalogue.changed']);
  });

  it('resumes from Last-Event-ID with exactly the missed events, in order', async () => {
    const first = await stream();
    await submit(api, caseRequest({}, 203));
    const [seen] = await first.waitForEvents(1);
    first.close();
    await submit(api, caseRequest({}, 204));
    await submit(api, caseRequest({}, 205));
    const resumed = await stream('KIOSK-01', 'HALL-CITY-01', { 'last-event-id': String(seen!.seq) });
    const replayed = await resumed.waitForEvents(2);
    expect(replayed.map((e) => e.seq)).toEqual([seen!.seq + 1, seen!.seq + 2]);
    await submit(api, caseRequest({}, 206));
    await resumed.waitForEvents(3);
    expect(resumed.events[2]!.seq).toBe(seen!.seq + 3);
    // The query parameter works for clients that cannot set the header.
    const viaQuery = await openStream(
      `${central.baseUrl}/v1/kiosks/KIOSK-01/events?hallId=HALL-CITY-01&lastEventId=${seen!.seq}`,
      { authorization: `Bearer ${TOKEN}` },
    );
    streams.push(viaQuery);
    expect((await viaQuery.waitForEvents(3)).map((e) => e.seq)).toEqual(resumed.events.map((e) => e.seq));
  });

  it('tells a client with an unknown id to reload (stream.reset)', async () => {
    const s = await stream('KIOSK-01', 'HALL-CITY-01', { 'last-event-id': '999999999' });
    const [reset] = await s.waitForEvents(1);
    expect(reset).toMatchObject({ type: 'stream.reset', data: { reason: 'unknown-event-id' } });
  });

  it('sends a heartbeat comment on the injected clock', async () => {
    const s = await stream();
    await central.clock.advance(HEARTBEAT_INTERVAL_MS);
    await s.waitForComments(1);
    expect(s.comments[0]).toBe(': keep-alive');
  });

  it('answers bad requests before the stream starts', async () => {
    const bad = await stream('KIOSK-01', 'HALL-CITY-01', { 'last-event-id': 'abc' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.code).toBe('bad-request');
    const unknownHall = await stream('KIOSK-01', 'HALL-NOWHERE');
    expect(unknownHall.status).toBe(404);
    expect((await stream('KIOSK 01')).status).toBe(400);
    expect((await stream('KIOSK-01', 'HALL-CITY-01', {}, null)).status).toBe(401);
    expect((await stream('KIOSK-01', 'HALL-CITY-01', {}, STAFF.manager)).status).toBe(403);
    const noHall = await openStream(`${central.baseUrl}/v1/kiosks/KIOSK-01/events`, {
      authorization: `Bearer ${TOKEN}`,
    });
    expect(noHall.status).toBe(400);
  });
});

describe('enrolled kiosks act only for themselves', () => {
  it('opens its own stream and submits for its own terminal, and is refused for another', async () => {
    const code = await api.post(
      '/v1/kiosks/enrolment-codes',
      { terminalId: 'KIOSK-ENR-1', hallId: 'HALL-CITY-01' },
      STAFF.manager,
    );
    expect(code.status, code.text).toBe(201);
    const enrolled = await api.post(
      '/v1/kiosks/enrol',
      { terminalId: 'KIOSK-ENR-1', code: code.json.code },
      null,
    );
    expect(enrolled.status, enrolled.text).toBe(201);
    const kioskToken = enrolled.json.deviceToken as string;

    const own = await stream('KIOSK-ENR-1', 'HALL-CITY-01', {}, kioskToken);
    expect(own.status).toBe(200);
    expect((await stream('KIOSK-01', 'HALL-CITY-01', {}, kioskToken)).status).toBe(403);
    expect((await stream('KIOSK-ENR-1', 'HALL-SC-01', {}, kioskToken)).status).toBe(403);

    const mine = await api.post('/v1/cases', caseRequest({ terminalId: 'KIOSK-ENR-1' }, 210), kioskToken, {
      'idempotency-key': 'enrolled-kiosk-case-1',
    });
    expect(mine.status, mine.text).toBe(201);
    const other = await api.post('/v1/cases', caseRequest({ terminalId: 'KIOSK-01' }, 211), kioskToken, {
      'idempotency-key': 'enrolled-kiosk-case-2',
    });
    expect(other.status).toBe(403);
    expect(other.json.error.code).toBe('forbidden');
    await own.waitForEvents(1);
    expect(own.events[0]).toMatchObject({
      type: 'case.status-changed',
      data: { caseId: mine.json.case.caseId },
    });
  });
});

describe('EventBus', () => {
  it('publishes nothing for a rolled-back transaction, and resets a client whose events were purged', async () => {
    const clock = new ManualClock(NINE_AM_SHANGHAI);
    const db = openCentralDatabase(':memory:');
    const bus = new EventBus(db, clock);
    const got: number[] = [];
    bus.subscribe({ hallId: 'H', terminalId: 'T', lastSent: 0, deliver: (e) => got.push(e.seq) }, undefined);
    expect(() =>
      db.transaction(() => {
        bus.publish({ type: 'catalogue.changed', data: { version: 2 } });
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    const kept = db.transaction(() => bus.publish({ type: 'catalogue.changed', data: { version: 3 } }))();
    await Promise.resolve();
    expect(got).toEqual([kept]);

    await clock.advance(LIVE_EVENT_RETENTION_MS + 1);
    bus.publish({ type: 'catalogue.changed', data: { version: 4 } });
    expect(bus.purgeExpired()).toBe(1);
    const { replay } = bus.subscribe(
      { hallId: 'H', terminalId: 'T', lastSent: 0, deliver: () => {} },
      kept - 1,
    );
    expect(replay).toEqual([
      expect.objectContaining({
        type: 'stream.reset',
        data: { reason: 'events-expired', latestSeq: kept + 1 },
      }),
    ]);
    db.close();
  });
});
