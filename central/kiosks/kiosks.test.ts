import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ManualClock } from '../../domain/clock';
import { enrolResponseSchema, fleetResponseSchema, heartbeatResponseSchema } from '../contract';
import { openCentralDatabase } from '../db/database';
import { citizenRef, issue, NINE_AM_SHANGHAI, ticketRequest } from '../test-support';
import { cityManager as manager, device, makeCounterApp, windowStaff } from '../queue/test-kit';

let app: FastifyInstance;
afterEach(async () => {
  await app?.close();
});

function req(
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  headers: Record<string, string>,
  payload?: unknown,
) {
  return app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function enrol(terminalId = 'KIOSK-SC-017', hallId = 'HALL-SC-01') {
  const code = await req('POST', '/v1/kiosks/enrolment-codes', manager, { terminalId, hallId });
  expect(code.statusCode, code.body).toBe(201);
  const res = await req('POST', '/v1/kiosks/enrol', {}, { terminalId, code: code.json().code });
  expect(res.statusCode, res.body).toBe(201);
  return enrolResponseSchema.parse(res.json());
}

function heartbeat(headers: Record<string, string>, overrides: Record<string, unknown> = {}) {
  return req('POST', '/v1/kiosks/heartbeat', headers, {
    terminalId: 'KIOSK-SC-017',
    hallId: 'HALL-SC-01',
    devices: { idCardReader: { state: 'ready' }, receiptPrinter: { state: 'paper-near-end' } },
    outboxDepth: 3,
    versions: { app: '0.1.0', config: 0 },
    ...overrides,
  });
}

describe('kiosk enrolment', () => {
  it('turns a one-time code into a device token stored only as a digest', async () => {
    const { app: a, dbPath } = await makeCounterApp({ citizenRefKey: 'region-citizen-ref-key-01' });
    app = a;
    const enrolled = await enrol();
    expect(enrolled).toMatchObject({ terminalId: 'KIOSK-SC-017', hallId: 'HALL-SC-01' });
    expect(enrolled.citizenRefKey).toBe('region-citizen-ref-key-01');
    const token = { authorization: `Bearer ${enrolled.deviceToken}` };
    const ticket = await issue(app, ticketRequest({ hallId: 'HALL-SC-01', terminalId: 'KIOSK-SC-017' }));
    expect(ticket.statusCode).toBe(201);
    const own = await req(
      'POST',
      '/v1/queue/tickets',
      { ...token, 'idempotency-key': 'enrolled-kiosk-1' },
      ticketRequest({ hallId: 'HALL-SC-01', terminalId: 'KIOSK-SC-017' }),
    );
    expect(own.statusCode, own.body).toBe(201);
    const other = await req(
      'POST',
      '/v1/queue/tickets',
      { ...token, 'idempotency-key': 'enrolled-kiosk-2' },
      ticketRequest({ terminalId: 'KIOSK-OTHER' }),
    );
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('forbidden');
    // A kiosk is not staff.
    expect(
      (await req('POST', `/v1/queue/tickets/${own.json().ticket.ticketId}/call`, token)).statusCode,
    ).toBe(403);

    const db = openCentralDatabase(dbPath);
    const dump =
      JSON.stringify(db.prepare('SELECT * FROM kiosks').all()) +
      JSON.stringify(db.prepare('SELECT * FROM kiosk_enrolment_codes').all());
    expect(dump).not.toContain(enrolled.deviceToken);
    expect(dump).not.toContain('region-citizen-ref-key-01');
    db.close();
  });

  it('refuses a spent, expired, foreign or unknown code with 401, and re-enrolment replaces the token', async () => {
    const clock = new ManualClock(NINE_AM_SHANGHAI);
    ({ app } = await makeCounterApp({ clock }));
    const code = (
      await req('POST', '/v1/kiosks/enrolment-codes', manager, {
        terminalId: 'KIOSK-SC-017',
        hallId: 'HALL-SC-01',
      })
    ).json().code;
    const wrongTerminal = await req('POST', '/v1/kiosks/enrol', {}, { terminalId: 'KIOSK-SC-018', code });
    expect(wrongTerminal.statusCode).toBe(401);
    expect(wrongTerminal.json().error.code).toBe('invalid-enrolment-code');
    expect((await req('POST', '/v1/kiosks/enrol', {}, { terminalId: 'KIOSK-SC-017', code })).statusCode).toBe(
      201,
    );
    expect((await req('POST', '/v1/kiosks/enrol', {}, { terminalId: 'KIOSK-SC-017', code })).statusCode).toBe(
      401,
    );
    expect(
      (await req('POST', '/v1/kiosks/enrol', {}, { terminalId: 'KIOSK-SC-017', code: 'AAAA-BBBB-CCCC' }))
        .statusCode,
    ).toBe(401);
    expect(
      (await req('POST', '/v1/kiosks/enrol', {}, { terminalId: 'KIOSK-SC-017', code: 'short' })).statusCode,
    ).toBe(400);

    const stale = (
      await req('POST', '/v1/kiosks/enrolment-codes', manager, {
        terminalId: 'KIOSK-SC-017',
        hallId: 'HALL-SC-01',
      })
    ).json().code;
    await clock.advance(25 * 60 * 60 * 1000);
    expect(
      (await req('POST', '/v1/kiosks/enrol', {}, { terminalId: 'KIOSK-SC-017', code: stale })).statusCode,
    ).toBe(401);

    const first = await enrol();
    const second = await enrol();
    expect((await heartbeat({ authorization: `Bearer ${first.deviceToken}` })).statusCode).toBe(401);
    expect((await heartbeat({ authorization: `Bearer ${second.deviceToken}` })).statusCode).toBe(200);
  });

  it('lets only managers issue codes, and only for known halls', async () => {
    ({ app } = await makeCounterApp());
    const body = { terminalId: 'KIOSK-X-01', hallId: 'HALL-CITY-01' };
    expect((await req('POST', '/v1/kiosks/enrolment-codes', windowStaff, body)).statusCode).toBe(403);
    expect((await req('POST', '/v1/kiosks/enrolment-codes', device, body)).statusCode).toBe(403);
    expect((await req('POST', '/v1/kiosks/enrolment-codes', {}, body)).statusCode).toBe(401);
    const unknown = await req('POST', '/v1/kiosks/enrolment-codes', manager, {
      ...body,
      hallId: 'HALL-NOPE',
    });
    expect(unknown.json().error.code).toBe('unknown-hall');
  });
});

describe('heartbeat, configuration and fleet', () => {
  it('records health, outbox depth and versions, and tells the kiosk when its configuration is behind', async () => {
    const clock = new ManualClock(NINE_AM_SHANGHAI);
    ({ app } = await makeCounterApp({ clock }));
    const token = { authorization: `Bearer ${(await enrol()).deviceToken}` };
    const beat = await heartbeat(token);
    expect(beat.statusCode, beat.body).toBe(200);
    expect(heartbeatResponseSchema.parse(beat.json())).toEqual({
      serverTime: '2026-11-25T01:00:00.000Z',
      config: { latestVersion: 0, changed: false },
    });

    const fleetWide = await req('PUT', '/v1/kiosks/config', manager, {
      config: { idleSeconds: 90, banner: '欢迎' },
    });
    expect(fleetWide.json()).toEqual({ version: 1, terminalId: null });
    const own = await req('PUT', '/v1/kiosks/config', manager, {
      terminalId: 'KIOSK-SC-017',
      config: { idleSeconds: 120 },
    });
    expect(own.json().version).toBe(2);
    expect((await heartbeat(token)).json().config).toEqual({ latestVersion: 2, changed: true });
    const config = await req('GET', '/v1/kiosks/KIOSK-SC-017/config', token);
    expect(config.json()).toEqual({
      terminalId: 'KIOSK-SC-017',
      version: 2,
      config: { idleSeconds: 120, banner: '欢迎' },
    });
    expect((await req('GET', '/v1/kiosks/KIOSK-OTHER-1/config', token)).statusCode).toBe(403);
    expect(
      (await heartbeat(token, { versions: { app: '0.1.0', config: 2 }, uptimeSeconds: 18_720 })).json().config
        .changed,
    ).toBe(false);

    const fleet = fleetResponseSchema.parse((await req('GET', '/v1/kiosks', manager)).json());
    expect(fleet.kiosks).toHaveLength(1);
    expect(fleet.kiosks[0]).toMatchObject({
      terminalId: 'KIOSK-SC-017',
      online: true,
      outboxDepth: 3,
      uptimeSeconds: 18_720,
      devices: { receiptPrinter: { state: 'paper-near-end' } },
      versions: { app: '0.1.0', config: 2 },
      latestConfigVersion: 2,
    });
    await clock.advance(5 * 60 * 1000);
    expect((await req('GET', '/v1/kiosks?hallId=HALL-SC-01', manager)).json().kiosks[0].online).toBe(false);
    expect((await req('GET', '/v1/kiosks?hallId=HALL-CITY-01', manager)).json().kiosks).toEqual([]);
    const page = await req('GET', '/v1/kiosks/fleet.html', manager);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('KIOSK-SC-017');
    expect(page.body).toContain('离线 offline');
    expect(page.body).toContain('5 h 12 min');
    expect((await req('GET', '/v1/kiosks', device)).statusCode).toBe(403);
  });

  it('lets the embedded kiosk (configured token) report without enrolling; kiosks only for themselves', async () => {
    ({ app } = await makeCounterApp());
    expect((await heartbeat(device)).statusCode).toBe(200);
    expect((await req('GET', '/v1/kiosks', manager)).json().kiosks[0].terminalId).toBe('KIOSK-SC-017');
    const token = { authorization: `Bearer ${(await enrol('KIOSK-SC-020')).deviceToken}` };
    expect((await heartbeat(token)).statusCode).toBe(403);
    expect((await heartbeat(token, { terminalId: 'KIOSK-SC-020', hallId: 'HALL-CITY-01' })).statusCode).toBe(
      403,
    );
    expect((await heartbeat(device, { hallId: 'HALL-NOPE' })).json().error.code).toBe('unknown-hall');
    const big = await req('PUT', '/v1/kiosks/config', manager, { config: { blob: 'x'.repeat(20_000) } });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('config-too-large');
  });

  it('never answers 500 to fuzzed heartbeat and configuration bodies', async () => {
    ({ app } = await makeCounterApp({ rateLimit: false }));
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            terminalId: fc.oneof(fc.string(), fc.constant('KIOSK-SC-017')),
            hallId: fc.oneof(fc.string(), fc.constant('HALL-SC-01')),
            devices: fc.oneof(fc.anything(), fc.dictionary(fc.string(), fc.record({ state: fc.string() }))),
            outboxDepth: fc.oneof(fc.integer(), fc.double(), fc.string()),
            versions: fc.oneof(fc.anything(), fc.record({ app: fc.string(), config: fc.integer() })),
            config: fc.anything(),
          },
          { requiredKeys: [] },
        ),
        async (body) => {
          for (const r of [
            await heartbeat(device, body),
            await req('PUT', '/v1/kiosks/config', manager, body),
            await req('POST', '/v1/kiosks/enrol', {}, body),
          ]) {
            expect(r.statusCode, r.body).toBeLessThan(500);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('rate limits per device', () => {
  it('answers 429 rate-limited with Retry-After to one token over its limit, not to another', async () => {
    ({ app } = await makeCounterApp({ rateLimit: { max: 3, timeWindowMs: 60_000 } }));
    const other = { authorization: `Bearer ${(await enrol('KIOSK-CITY-017', 'HALL-CITY-01')).deviceToken}` };
    const get = (headers: Record<string, string>) =>
      req('GET', '/v1/halls/HALL-CITY-01/queue-categories', headers);
    for (let i = 0; i < 3; i++) expect((await get(device)).statusCode).toBe(200);
    const limited = await get(device);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate-limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await get(other)).statusCode).toBe(200);
  });

  it('does not keep ID numbers: a visit ticket stores only the kiosk digest', async () => {
    const { app: a, dbPath } = await makeCounterApp();
    app = a;
    const ref = citizenRef('110101195003011234');
    expect((await issue(app, ticketRequest({ citizenRef: ref }))).statusCode).toBe(201);
    const db = openCentralDatabase(dbPath);
    const dump = JSON.stringify(db.prepare('SELECT * FROM tickets').all());
    expect(dump).toContain(ref);
    expect(dump).not.toContain('110101195003011234');
    db.close();
  });
});

describe('configuration change events', () => {
  it('publishes config.changed for the terminal (or every kiosk) in the same transaction', async () => {
    const { app: a, dbPath } = await makeCounterApp();
    app = a;
    await req('PUT', '/v1/kiosks/config', manager, { config: { banner: 'x' } });
    await req('PUT', '/v1/kiosks/config', manager, { terminalId: 'KIOSK-SC-017', config: { banner: 'y' } });
    const db = openCentralDatabase(dbPath);
    const rows = db
      .prepare(`SELECT terminal_id, data FROM live_events WHERE type = 'config.changed' ORDER BY seq`)
      .all();
    db.close();
    expect(rows).toEqual([
      { terminal_id: null, data: '{"version":1}' },
      { terminal_id: 'KIOSK-SC-017', data: '{"version":2}' },
    ]);
  });
});
