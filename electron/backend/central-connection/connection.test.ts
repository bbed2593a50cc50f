import { describe, expect, it } from 'vitest';
import { CentralClient } from './connection';

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
    c: new CentralClient({ baseUrl: 'http://central.test', deviceToken: 't'.repeat(20), fetch: fetchImpl }),
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
    const c = new CentralClient({
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
