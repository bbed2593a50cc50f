import Fastify, { type FastifyInstance } from 'fastify';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sampleIdentity } from '../../drivers/id-card-reader/simulated-sdt-device';
import { registerApiRoutes } from '../../electron/backend/api/routes';
import { startKiosk, type Kiosk } from '../../electron/backend/kiosk';
import { createTestLogger } from '../../electron/backend/logging/logger';
import { placeCardOnReader } from '../../electron/backend/session/test-support';
import { parseConfig } from '../../kiosk-config/load-config';

let kiosk: Kiosk | undefined;
let app: FastifyInstance | undefined;

async function start(
  overrides: Record<string, unknown> = {},
  options: { fetch?: typeof fetch; reauthenticate?: () => Promise<string | undefined> } = {},
) {
  const logger = createTestLogger();
  kiosk = await startKiosk(
    parseConfig({ dataDir: mkdtempSync(join(tmpdir(), 'kiosk-api-')), ...overrides }),
    {
      logger,
      ...options,
    },
  );
  app = Fastify();
  registerApiRoutes(app, kiosk);
  return { kiosk, app, logger };
}

afterEach(async () => {
  await app?.close();
  await kiosk?.close();
  app = undefined;
  kiosk = undefined;
});

const citizen = (idNumber = '11010519491231002X', birthDate = '1990-05-01') => ({
  identity: sampleIdentity({ idNumber, birthDate, name: '王小明' }),
  photo: new Uint8Array(),
});

describe('kiosk /api', () => {
  it('refuses a ticket without a citizen, and a malformed request, with clear codes', async () => {
    const { app } = await start();
    const none = await app.inject({ method: 'POST', url: '/api/queue/tickets', payload: { category: 'A' } });
    expect(none.statusCode).toBe(409);
    expect(none.json()).toEqual({ ok: false, error: { code: 'no-session' } });
    const bad = await app.inject({ method: 'POST', url: '/api/queue/tickets', payload: { category: 'a1' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('bad-request');
    const notJson = await app.inject({
      method: 'POST',
      url: '/api/queue/tickets',
      headers: { 'content-type': 'application/json' },
      payload: '{"category":',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error.code).toBe('bad-request');
  });

  it('lists the central categories and refuses an unknown one before queueing anything', async () => {
    const { app, kiosk } = await start();
    const categories = (await app.inject({ url: '/api/queue/categories' })).json().categories;
    expect(categories).toHaveLength(10);
    expect(categories[0]).toMatchObject({
      code: 'A',
      name: { zh: expect.any(String), en: expect.any(String) },
    });
    await placeCardOnReader(kiosk, citizen());
    const res = await app.inject({ method: 'POST', url: '/api/queue/tickets', payload: { category: 'Z' } });
    expect(res.json().error.code).toBe('unknown-category');
    expect(kiosk.outbox.counts().pending).toBe(0);
  });

  it('keeps the number when the printer is out of paper, and prints nothing', async () => {
    const { app, kiosk } = await start();
    await placeCardOnReader(kiosk, citizen());
    kiosk.devices.simulatedPrinter!.setState('paper-out');
    const res = await app.inject({ method: 'POST', url: '/api/queue/tickets', payload: { category: 'B' } });
    expect(res.statusCode).toBe(503);
    expect(res.json().error).toMatchObject({
      code: 'printer-paper-out',
      ticket: { number: 'B001', printed: false },
    });
    expect(kiosk.devices.simulatedPrinter!.paperLines()).toEqual([]);
    expect(kiosk.outbox.counts().acknowledged).toBe(1);
    const state = (await app.inject({ url: '/api/state' })).json().state;
    expect(state.devices.receiptPrinter.state).toBe('paper-out');
  });

  it('gives one active ticket per card per category, telling the citizen their number', async () => {
    const { app, kiosk } = await start();
    await placeCardOnReader(kiosk, citizen());
    const first = await app.inject({ method: 'POST', url: '/api/queue/tickets', payload: { category: 'C' } });
    expect(first.json().ticket.number).toBe('C001');
    const again = await app.inject({ method: 'POST', url: '/api/queue/tickets', payload: { category: 'C' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'active-ticket-exists', ticket: { number: 'C001' } });
    expect(kiosk.outbox.counts()).toMatchObject({ acknowledged: 1, rejected: 1 });
  });

  it('puts a citizen aged 70 or more in the green channel', async () => {
    const { app, kiosk } = await start();
    await placeCardOnReader(kiosk, citizen('11010519491231002X', '1949-12-31'));
    expect((await app.inject({ url: '/api/state' })).json().state.citizen.greenChannel).toBe(true);
    const res = await app.inject({ method: 'POST', url: '/api/queue/tickets', payload: { category: 'A' } });
    expect(res.json().ticket.priority).toBe('green-channel');
    expect(kiosk.devices.simulatedPrinter!.paperLines()).toContain('绿色通道 优先办理');
  });

  it('after a 401 takes the token the terminal was re-enrolled with and delivers the ticket', async () => {
    const revoked = 'dev-terminal-token-0000'; // the configuration's default, as the kiosk started
    const reEnrolled = 're-enrolled-token-000000001';
    // The central now knows the terminal only by its new token (the embedded one is given the
    // old token, so the link swaps the new one back on the way in).
    const link = (async (input: URL, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      const auth = headers.get('authorization');
      if (auth === `Bearer ${revoked}`) {
        return new Response(JSON.stringify({ error: { code: 'unauthorized', message: 'token revoked' } }), {
          status: 401,
          headers: { 'content-type': 'application/json' },
        });
      }
      if (auth === `Bearer ${reEnrolled}`) headers.set('authorization', `Bearer ${revoked}`);
      return fetch(input, { ...init, headers });
    }) as typeof fetch;
    const { app, kiosk, logger } = await start({}, { fetch: link, reauthenticate: async () => reEnrolled });
    await placeCardOnReader(kiosk, citizen());
    const res = await app.inject({ method: 'POST', url: '/api/queue/tickets', payload: { category: 'A' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().ticket.number).toMatch(/^A\d{3}$/);
    expect(kiosk.outbox.counts()).toMatchObject({ pending: 0, 'in-flight': 0, rejected: 0 });
    expect(logger.lines.some((l) => l.includes('"event":"central.reauthenticated"'))).toBe(true);
  });

  it('keeps the request in the outbox when the central cannot be reached: nothing is lost', async () => {
    let online = true;
    const partitioned = (async (input: URL, init?: RequestInit) => {
      if (!online) throw new TypeError('fetch failed: connect ECONNREFUSED');
      return fetch(input, init);
    }) as typeof fetch;
    const { app, kiosk, logger } = await start({}, { fetch: partitioned });
    online = false;
    await placeCardOnReader(kiosk, citizen());
    const res = await app.inject({ method: 'POST', url: '/api/queue/tickets', payload: { category: 'A' } });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('central-unreachable');
    expect(kiosk.outbox.counts().pending).toBe(1);
    expect(logger.lines.some((l) => l.includes('"event":"outbox.retry"'))).toBe(true);
  });

  it('shows only the masked citizen and wipes it when the session ends', async () => {
    const { app, kiosk, logger } = await start();
    await placeCardOnReader(kiosk, citizen());
    const state = (await app.inject({ url: '/api/state' })).json().state;
    expect(state.citizen).toEqual({
      maskedName: '王**',
      maskedIdNumber: '110105********002X',
      cardType: 'resident',
      greenChannel: false,
      // Born 1990 by the card: no 长辈模式 offer.
      senior: false,
      source: 'card',
    });
    await app.inject({ method: 'POST', url: '/api/session/end' });
    expect((await app.inject({ url: '/api/state' })).json().state.citizen).toBeNull();
    const logs = logger.lines.join('\n');
    expect(logs).not.toContain('王小明');
    expect(logs).not.toContain('11010519491231002X');
  });

  it('offers the developer routes only while every device is simulated', async () => {
    const sim = await start();
    expect((await sim.app.inject({ method: 'DELETE', url: '/api/dev/card' })).statusCode).toBe(200);
    const preview = (await sim.app.inject({ url: '/api/dev/printer/preview' })).json();
    expect(preview.image).toMatch(/^data:image\/svg\+xml/);
    await sim.app.close();
    await sim.kiosk.close();
    kiosk = undefined;
    const real = await start({
      devices: { receiptPrinter: { transport: { kind: 'serial', path: '/dev/null-printer' } } },
    });
    const res = await real.app.inject({ method: 'DELETE', url: '/api/dev/card' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not-found');
  });

  it('keeps offering the last categories from the store when it starts offline', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-api-'));
    const online = await startKiosk(parseConfig({ dataDir }), { logger: createTestLogger() });
    expect(await online.categories()).toHaveLength(10);
    await online.close();
    const refused = (async () => {
      throw new TypeError('fetch failed: connect ECONNREFUSED');
    }) as typeof fetch;
    kiosk = await startKiosk(
      parseConfig({ dataDir, central: { mode: 'remote', baseUrl: 'http://127.0.0.1:9' } }),
      {
        logger: createTestLogger(),
        fetch: refused,
      },
    );
    const cached = await kiosk.categories();
    expect(cached.map((c) => c.code)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J']);
  });

  it('issues a leased number while offline, prints an honest slip and reconciles it exactly once', async () => {
    let online = true;
    const partitioned = (async (input: URL, init?: RequestInit) => {
      if (!online) throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
      return fetch(input, init);
    }) as typeof fetch;
    const { app, kiosk } = await start({}, { fetch: partitioned });
    const leased = () =>
      (kiosk.db.prepare('SELECT COUNT(*) AS n FROM number_blocks').get() as { n: number }).n;
    await vi.waitFor(() => expect(leased()).toBe(10));

    online = false;
    await placeCardOnReader(kiosk, citizen('11010519491231002X'));
    const first = await app.inject({ method: 'POST', url: '/api/queue/tickets', payload: { category: 'A' } });
    expect(first.statusCode, first.body).toBe(200);
    // The online request failed before leaving the kiosk, so it was replaced, not left to land later.
    expect(first.json().ticket).toMatchObject({ number: 'A990', offline: true, printed: true });
    const paper = kiosk.devices.simulatedPrinter!.paperLines();
    expect(paper.join('\n')).toContain('A990');
    expect(paper).toContain('网络中断时取号，号码有效');
    expect(paper.join('\n')).not.toContain('您前面还有');
    expect((await app.inject({ url: '/api/state' })).json().state.sync).toMatchObject({
      online: false,
      depth: 1,
    });

    // Known offline: the next citizen goes straight to a leased number.
    await placeCardOnReader(kiosk, citizen('110105194912310038'));
    const second = await app.inject({
      method: 'POST',
      url: '/api/queue/tickets',
      payload: { category: 'A' },
    });
    expect(second.json().ticket).toMatchObject({ number: 'A991', offline: true });

    online = true;
    expect(await kiosk.delivery.checkConnectivity()).toBe(true);
    await vi.waitFor(() => expect(kiosk.outbox.counts()).toMatchObject({ pending: 0, 'in-flight': 0 }));
    const counts = kiosk.outbox.counts();
    expect(counts.rejected).toBe(1); // the withdrawn online request, never sent
    const res = await fetch(`${kiosk.centralBaseUrl}/v1/queue/tickets?hallId=HALL-CITY-01`, {
      headers: { authorization: `Bearer ${kiosk.config.central.deviceToken}` },
    });
    const held = ((await res.json()) as { tickets: { number: string }[] }).tickets.map((t) => t.number);
    expect(held.sort()).toEqual(['A990', 'A991']);
  });
});
