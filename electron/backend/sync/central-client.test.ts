import { describe, expect, it } from 'vitest';
import { CentralClient } from './central-client';

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
