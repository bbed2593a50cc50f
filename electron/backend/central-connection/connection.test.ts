import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../../domain/clock';
import { CentralCatalogueClient } from '../guide/central';
import { createTestLogger } from '../logging/logger';
import { FleetHeartbeat } from '../maintenance/heartbeat';
import { CentralQueueClient } from '../queue/central';
import { CentralConnection } from './connection';
import { CentralEvents, type LiveEvent } from './live-events';

const ticket = {
  ticketId: 't1',
  number: 'A001',
  hallId: 'HALL-CITY-01',
  hallName: '市民服务中心',
  category: 'A',
  categoryName: { zh: '综合受理', en: 'General intake' },
  priority: 'normal',
  waitingAhead: 0,
  estimatedWaitMinutes: 0,
  issuedAt: '2026-11-25T01:00:00.000Z',
  status: 'waiting',
  terminalId: 'KIOSK-1',
};
const payload = {
  hallId: 'HALL-CITY-01',
  category: 'A',
  terminalId: 'KIOSK-1',
  citizenRef: 'a'.repeat(64),
  priority: 'normal' as const,
  kioskSequence: 1,
  requestedAt: '2026-11-25T01:00:00.000Z',
};

function client(respond: (req: Request) => Response | Promise<Response>) {
  const seen: Request[] = [];
  const fetchImpl = (async (input: URL, init?: RequestInit) => {
    const req = new Request(input, init);
    seen.push(req);
    return respond(req);
  }) as typeof fetch;
  return {
    seen,
    c: new CentralQueueClient({
      baseUrl: 'http://central.test',
      deviceToken: 't'.repeat(20),
      fetch: fetchImpl,
    }),
  };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

describe('central client', () => {
  it('sends the device token and the idempotency key, and reads a replay', async () => {
    const { c, seen } = client(() => json(201, { ticket }, { 'idempotency-replayed': 'true' }));
    const outcome = await c.issueTicket(payload, 'queue-ticket-1');
    expect(outcome).toMatchObject({
      kind: 'ok',
      status: 201,
      replayed: true,
      body: { ticket: { number: 'A001' } },
    });
    expect(seen[0]!.headers.get('authorization')).toBe(`Bearer ${'t'.repeat(20)}`);
    expect(seen[0]!.headers.get('idempotency-key')).toBe('queue-ticket-1');
  });

  it('retries on 5xx and 429 with Retry-After, on network errors and on malformed answers', async () => {
    expect(
      await client(() =>
        json(503, { error: { code: 'x', message: 'down' } }, { 'retry-after': '7' }),
      ).c.issueTicket(payload, 'k-12345678'),
    ).toEqual({
      kind: 'retry',
      reason: 'HTTP 503 x',
      retryAfterMs: 7000,
    });
    expect((await client(() => json(429, {})).c.issueTicket(payload, 'k-12345678')).kind).toBe('retry');
    expect(
      await client(() => {
        throw new TypeError('fetch failed');
      }).c.issueTicket(payload, 'k-12345678'),
    ).toMatchObject({ kind: 'retry', reason: expect.stringContaining('fetch failed') });
    expect(await client(() => json(201, '<html>')).c.issueTicket(payload, 'k-12345678')).toMatchObject({
      kind: 'retry',
      reason: expect.stringContaining('not JSON'),
    });
    expect(
      await client(() => json(201, { ticket: { number: 5 } })).c.issueTicket(payload, 'k-12345678'),
    ).toMatchObject({
      kind: 'retry',
      reason: expect.stringContaining('malformed response'),
    });
    expect(
      (
        await client(() =>
          json(409, { error: { code: 'request-in-flight', message: 'busy' } }),
        ).c.issueTicket(payload, 'k-12345678')
      ).kind,
    ).toBe('retry');
  });

  it('rejects on other 4xx with the central code, and reports 401 separately', async () => {
    expect(
      await client(() =>
        json(409, { error: { code: 'active-ticket-exists', message: 'has one', ticket } }),
      ).c.issueTicket(payload, 'k-12345678'),
    ).toMatchObject({ kind: 'rejected', status: 409, code: 'active-ticket-exists' });
    expect(
      (
        await client(() => json(401, { error: { code: 'unauthorized', message: 'no' } })).c.issueTicket(
          payload,
          'k-12345678',
        )
      ).kind,
    ).toBe('unauthorized');
  });
});

describe('central client after a 401', () => {
  const OLD = 'o'.repeat(20);
  const NEW = 'n'.repeat(20);
  /** A central that knows only the token the terminal was re-enrolled with. */
  function reEnrolled(reauthenticate: () => Promise<string | undefined>) {
    const seen: string[] = [];
    const fetchImpl = (async (input: URL, init?: RequestInit) => {
      const auth = new Request(input, init).headers.get('authorization') ?? '';
      seen.push(auth);
      return auth === `Bearer ${NEW}`
        ? json(201, { ticket })
        : json(401, { error: { code: 'unauthorized', message: 'A valid device token is required' } });
    }) as typeof fetch;
    let asked = 0;
    const c = new CentralQueueClient({
      baseUrl: 'http://central.test',
      deviceToken: OLD,
      fetch: fetchImpl,
      reauthenticate: () => {
        asked++;
        return reauthenticate();
      },
    });
    return { c, seen, asked: () => asked };
  }

  it('takes the token the terminal was re-enrolled with and sends the refused request again once', async () => {
    const { c, seen, asked } = reEnrolled(async () => NEW);
    const outcomes = await Promise.all([
      c.issueTicket(payload, 'key-00000001'),
      c.issueTicket(payload, 'key-00000002'),
    ]);
    expect(outcomes.map((o) => o.kind)).toEqual(['ok', 'ok']);
    // Two refusals, one question to the token's source, then the new token for everything.
    expect(asked()).toBe(1);
    expect(seen.filter((a) => a === `Bearer ${OLD}`)).toHaveLength(2);
    expect((await c.issueTicket(payload, 'key-00000003')).kind).toBe('ok');
    expect(seen.at(-1)).toBe(`Bearer ${NEW}`);
  });

  it('stays refused, without a loop, when the source has no other token', async () => {
    for (const source of [
      async () => OLD,
      async () => undefined,
      async () => Promise.reject(new Error('unreadable')),
    ]) {
      const { c, seen } = reEnrolled(source);
      expect(await c.issueTicket(payload, 'key-00000004')).toMatchObject({ kind: 'unauthorized' });
      expect(seen).toEqual([`Bearer ${OLD}`]);
    }
  });

  it('does not ask a second time for a request already sent with a renewed token', async () => {
    // The source hands out a token the central refuses too: one renewal, then the refusal stands.
    const { c, seen, asked } = reEnrolled(async () => 'x'.repeat(20));
    expect(await c.issueTicket(payload, 'key-00000005')).toMatchObject({ kind: 'unauthorized' });
    expect(asked()).toBe(1);
    expect(seen).toEqual([`Bearer ${OLD}`, `Bearer ${'x'.repeat(20)}`]);
  });
});

describe('one connection for every caller after re-enrolment', () => {
  const OLD = 'o'.repeat(20);
  const NEW = 'n'.repeat(20);
  const encoder = new TextEncoder();

  /**
   * A central that accepts one token at a time (`accepts`), answering the heartbeat, the catalogue's
   * departments, tickets and the kiosk's event stream, and recording who asked with which token.
   */
  function central(accepts: string) {
    const state = { accepts };
    const seen: { path: string; auth: string; lastEventId: string | null }[] = [];
    const streams: ReadableStreamDefaultController<Uint8Array>[] = [];
    const fetchImpl = (async (input: URL | string, init?: RequestInit) => {
      const req = new Request(input, init);
      const path = new URL(req.url).pathname;
      const auth = req.headers.get('authorization') ?? '';
      seen.push({ path, auth, lastEventId: req.headers.get('last-event-id') });
      if (auth !== `Bearer ${state.accepts}`) {
        return json(401, { error: { code: 'unauthorized', message: 'A valid device token is required' } });
      }
      if (path.endsWith('/events')) {
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            streams.push(controller);
            controller.enqueue(encoder.encode(': open\n\n'));
          },
        });
        return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
      }
      if (path === '/v1/kiosks/heartbeat') {
        return json(200, {
          serverTime: '2026-11-25T01:00:00.000Z',
          config: { latestVersion: 0, changed: false },
        });
      }
      if (path === '/v1/catalogue/departments') return json(200, { version: 1, departments: [] });
      if (path === '/v1/queue/tickets') return json(201, { ticket });
      return json(404, { error: { code: 'not-found', message: path } });
    }) as typeof fetch;
    const requests = (suffix: string) => seen.filter((s) => s.path.endsWith(suffix));
    /** Sends a live event on the newest stream. */
    const publish = (seq: number) =>
      streams.at(-1)!.enqueue(
        encoder.encode(
          `id: ${seq}\nevent: catalogue.changed\ndata: ${JSON.stringify({
            seq,
            type: 'catalogue.changed',
            at: '2026-11-25T01:00:00.000Z',
            data: { version: seq },
          })}\n\n`,
        ),
      );
    return { state, seen, fetch: fetchImpl, requests, publish };
  }

  /** The kiosk's callers, all on one connection whose token source is `source`. */
  function kiosk(fake: ReturnType<typeof central>, source: () => Promise<string | undefined>) {
    let asked = 0;
    const logger = createTestLogger();
    const connection = new CentralConnection({
      baseUrl: 'http://central.test',
      deviceToken: OLD,
      fetch: fake.fetch,
      batch: true,
      logger,
      reauthenticate: () => {
        asked++;
        return source();
      },
    });
    const opened: number[] = [];
    const events: LiveEvent[] = [];
    const stream = new CentralEvents({
      connection,
      terminalId: 'KIOSK-1',
      hallId: 'HALL-CITY-01',
      logger,
      onEvent: (e) => events.push(e),
      onOpen: () => opened.push(opened.length + 1),
    });
    const heartbeat = new FleetHeartbeat({
      connection,
      clock: new ManualClock(0),
      logger,
      snapshot: () => ({
        terminalId: 'KIOSK-1',
        hallId: 'HALL-CITY-01',
        devices: {},
        outboxDepth: 0,
        versions: { app: '1', config: 0 },
      }),
    });
    stopStream = () => stream.stop();
    return {
      connection,
      stream,
      heartbeat,
      catalogue: new CentralCatalogueClient(connection),
      outbox: new CentralQueueClient(connection),
      opened,
      events,
      logger,
      asked: () => asked,
    };
  }

  let stopStream: (() => void) | undefined;
  afterEach(() => {
    stopStream?.();
    stopStream = undefined;
  });

  /** Lets the stream's pending network turns run (no clock is involved). */
  const turns = async (n = 5) => {
    for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
  };

  it('asks the token source once however many callers are refused at once, and all use the answer', async () => {
    const fake = central(NEW);
    const k = kiosk(fake, async () => NEW);
    k.stream.start();
    const [beat, departments, delivered] = await Promise.all([
      k.heartbeat.send(),
      k.catalogue.departments(),
      k.outbox.issueTicket(payload, 'key-00000010'),
    ]);
    expect(beat).toMatchObject({ ok: true });
    expect(departments.kind).toBe('ok');
    expect(delivered.kind).toBe('ok');
    await vi.waitFor(() => expect(k.opened.length).toBeGreaterThanOrEqual(1));
    expect(k.asked()).toBe(1);
    expect(k.connection.token).toBe(NEW);
    expect(fake.requests('/events').at(-1)!.auth).toBe(`Bearer ${NEW}`);
    expect(k.logger.lines.filter((l) => l.includes('"event":"central.reauthenticated"'))).toHaveLength(1);
  });

  it('hands a token renewed by one caller to the open stream and to the heartbeat at once', async () => {
    const fake = central(OLD);
    const k = kiosk(fake, async () => NEW);
    k.stream.start();
    await vi.waitFor(() => expect(k.opened).toEqual([1]));
    fake.publish(7);
    await vi.waitFor(() => expect(k.events).toHaveLength(1));
    expect(await k.heartbeat.send()).toMatchObject({ ok: true });

    // Field staff re-enrol the terminal: the central knows it only by its new token now.
    fake.state.accepts = NEW;
    expect((await k.catalogue.departments()).kind).toBe('ok');
    expect(k.asked()).toBe(1);

    // The stream reopened with the new token, resuming after the last event it saw.
    await vi.waitFor(() => expect(k.opened).toEqual([1, 2]));
    expect(fake.requests('/events').at(-1)).toMatchObject({ auth: `Bearer ${NEW}`, lastEventId: '7' });
    fake.publish(8);
    await vi.waitFor(() => expect(k.events.map((e) => e.seq)).toEqual([7, 8]));

    // The heartbeat's next beat carries the new token straight away: no refusal first.
    const before = fake.requests('/v1/kiosks/heartbeat').length;
    expect(await k.heartbeat.send()).toMatchObject({ ok: true });
    expect(
      fake
        .requests('/v1/kiosks/heartbeat')
        .slice(before)
        .map((s) => s.auth),
    ).toEqual([`Bearer ${NEW}`]);
  });

  it('renews when the stream itself is refused, and reopens it with the new token', async () => {
    const fake = central(NEW);
    const k = kiosk(fake, async () => NEW);
    k.stream.start();
    await vi.waitFor(() => expect(k.opened).toEqual([1]));
    expect(fake.requests('/events').map((s) => s.auth)).toEqual([`Bearer ${OLD}`, `Bearer ${NEW}`]);
    expect(k.asked()).toBe(1);
    // The heartbeat did not have to be refused to learn it.
    expect(await k.heartbeat.send()).toMatchObject({ ok: true });
    expect(fake.requests('/v1/kiosks/heartbeat').map((s) => s.auth)).toEqual([`Bearer ${NEW}`]);
  });

  it('keeps waiting, without a loop, while the source has the same token or none; a new one later reopens all', async () => {
    for (const none of [async () => OLD, async () => undefined]) {
      const fake = central(NEW);
      let source = none;
      const k = kiosk(fake, () => source());
      k.stream.start();
      await vi.waitFor(() => expect(k.asked()).toBe(1));
      await turns();
      // Refused once, asked once, and the stream stays closed rather than hammering the central.
      expect(fake.requests('/events')).toHaveLength(1);
      expect(await k.heartbeat.send()).toEqual({ ok: false, reason: 'HTTP 401 unauthorized' });
      expect(fake.requests('/v1/kiosks/heartbeat')).toHaveLength(1);
      expect((await k.catalogue.departments()).kind).toBe('unauthorized');
      expect(k.connection.token).toBe(OLD);
      expect(k.opened).toEqual([]);

      // Re-enrolled at last: the next refusal finds the new token, and the stream comes back too.
      source = async () => NEW;
      expect(await k.heartbeat.send()).toMatchObject({ ok: true });
      await vi.waitFor(() => expect(k.opened).toEqual([1]));
      expect(fake.requests('/events').at(-1)!.auth).toBe(`Bearer ${NEW}`);
      k.stream.stop();
    }
  });
});
