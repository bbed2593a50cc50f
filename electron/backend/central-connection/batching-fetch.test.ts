import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCentralApp } from '../../../central/app';
import { ticketRequest } from '../../../central/test-support';
import { batchingFetch } from './batching-fetch';
import { CentralQueueClient } from '../queue/central';
import { CentralClient, CentralConnection } from './connection';

const TOKEN = 'batching-fetch-test-token';
let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function central(): Promise<string> {
  app = await buildCentralApp({ dbPath: ':memory:', deviceTokens: [TOKEN] });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

/** The underlying fetch, recording which paths went over the wire. */
function recording(inner: typeof fetch = fetch) {
  const paths: string[] = [];
  const send = ((input: URL, init?: RequestInit) => {
    paths.push(new URL(input).pathname);
    return inner(input, init);
  }) as typeof fetch;
  return { paths, send };
}

const ticketsAtCentral = async (baseUrl: string): Promise<unknown[]> =>
  (
    (await (
      await fetch(`${baseUrl}/v1/queue/tickets?hallId=HALL-CITY-01`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      })
    ).json()) as { tickets: unknown[] }
  ).tickets;

describe('batchingFetch', () => {
  it('sends the idempotent requests of one turn as one batch; each caller gets its own answer', async () => {
    const baseUrl = await central();
    const { paths, send } = recording();
    const client = new CentralQueueClient({
      baseUrl,
      deviceToken: TOKEN,
      fetch: batchingFetch({ fetch: send }),
    });
    const outcomes = await Promise.all(
      ['A', 'A', 'B', 'C', 'A'].map((category, i) =>
        client.issueTicket(ticketRequest({ category }), `batch-test-key-${i}`),
      ),
    );
    expect(paths).toEqual(['/v1/batch']);
    expect(outcomes.map((o) => (o.kind === 'ok' ? o.body.ticket.number : o.kind))).toEqual([
      'A001',
      'A002',
      'B001',
      'C001',
      'A003',
    ]);
    expect(await ticketsAtCentral(baseUrl)).toHaveLength(5);

    // The same keys again: replays, marked as such, and nothing applied twice.
    const again = await Promise.all(
      [0, 1].map((i) => client.issueTicket(ticketRequest(), `batch-test-key-${i}`)),
    );
    expect(again.map((o) => o.kind)).toEqual(['rejected', 'rejected']);
    expect(again.map((o) => (o.kind === 'rejected' ? o.code : ''))).toEqual([
      'idempotency-key-reused',
      'idempotency-key-reused',
    ]);
    expect(await ticketsAtCentral(baseUrl)).toHaveLength(5);
  });

  it('sends a lone request, and requests without an idempotency key, as they are', async () => {
    const baseUrl = await central();
    const { paths, send } = recording();
    const connection = new CentralConnection({
      baseUrl,
      deviceToken: TOKEN,
      fetch: batchingFetch({ fetch: send }),
    });
    const client = new CentralQueueClient(connection);
    const probe = new CentralClient(connection);
    expect((await client.issueTicket(ticketRequest(), 'batch-test-lone-1')).kind).toBe('ok');
    await Promise.all([probe.health(), probe.health()]);
    expect(paths).toEqual(['/v1/queue/tickets', '/v1/health', '/v1/health']);
  });

  it('fails every request of a batch the network lost, with the network error, so each is retried', async () => {
    const refused = (async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    }) as typeof fetch;
    const client = new CentralQueueClient({
      baseUrl: 'http://127.0.0.1:9',
      deviceToken: TOKEN,
      fetch: batchingFetch({ fetch: refused }),
    });
    const outcomes = await Promise.all(
      [1, 2, 3].map((i) => client.issueTicket(ticketRequest(), `batch-test-lost-${i}`)),
    );
    for (const o of outcomes) {
      expect(o.kind).toBe('retry');
      expect(o.kind === 'retry' && o.reason).toMatch(/ECONNREFUSED/);
    }
  });

  it('answers every request of a refused batch with that status and its Retry-After', async () => {
    const busy = (async () =>
      new Response(JSON.stringify({ error: { code: 'rate-limited', message: 'slow down' } }), {
        status: 429,
        headers: { 'retry-after': '7', 'content-type': 'application/json' },
      })) as typeof fetch;
    const client = new CentralQueueClient({
      baseUrl: 'http://central.test',
      deviceToken: TOKEN,
      fetch: batchingFetch({ fetch: busy }),
    });
    const outcomes = await Promise.all(
      [1, 2].map((i) => client.issueTicket(ticketRequest(), `batch-test-busy-${i}`)),
    );
    expect(outcomes).toEqual([
      expect.objectContaining({ kind: 'retry', retryAfterMs: 7000 }),
      expect.objectContaining({ kind: 'retry', retryAfterMs: 7000 }),
    ]);
  });

  it('treats a malformed batch answer as a malformed answer to each request (retried, not rejected)', async () => {
    const garbled = (async () => new Response('{"responses": [1]}', { status: 200 })) as typeof fetch;
    const client = new CentralQueueClient({
      baseUrl: 'http://central.test',
      deviceToken: TOKEN,
      fetch: batchingFetch({ fetch: garbled }),
    });
    const outcomes = await Promise.all(
      [1, 2].map((i) => client.issueTicket(ticketRequest(), `batch-test-garbled-${i}`)),
    );
    for (const o of outcomes)
      expect(o).toMatchObject({ kind: 'retry', reason: expect.stringMatching(/malformed/) });
  });

  it('speaks one request at a time to a central without the batch route, and remembers it', async () => {
    const baseUrl = await central();
    const { paths, send } = recording((input, init) =>
      new URL(input as URL).pathname === '/v1/batch'
        ? Promise.resolve(new Response('{"error":{"code":"not-found","message":"no"}}', { status: 404 }))
        : fetch(input, init),
    );
    const client = new CentralQueueClient({
      baseUrl,
      deviceToken: TOKEN,
      fetch: batchingFetch({ fetch: send }),
    });
    const first = await Promise.all(
      [1, 2].map((i) => client.issueTicket(ticketRequest(), `batch-test-old-${i}`)),
    );
    expect(first.map((o) => o.kind)).toEqual(['ok', 'ok']);
    const second = await Promise.all(
      [3, 4].map((i) => client.issueTicket(ticketRequest(), `batch-test-old-${i}`)),
    );
    expect(second.map((o) => o.kind)).toEqual(['ok', 'ok']);
    expect(paths).toEqual([
      '/v1/batch',
      '/v1/queue/tickets',
      '/v1/queue/tickets',
      '/v1/queue/tickets',
      '/v1/queue/tickets',
    ]);
    expect(await ticketsAtCentral(baseUrl)).toHaveLength(4);
  });

  it('lets a request give up at its own deadline while the rest of its batch completes', async () => {
    const baseUrl = await central();
    const flushes: (() => void)[] = [];
    const f = batchingFetch({ defer: (flush) => flushes.push(flush) });
    const post = (key: string, signal?: AbortSignal) =>
      f(new URL('/v1/queue/tickets', baseUrl), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${TOKEN}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify(ticketRequest()),
        ...(signal ? { signal } : {}),
      });
    const controller = new AbortController();
    const gaveUp = post('batch-test-deadline-1', controller.signal);
    const kept = [post('batch-test-deadline-2'), post('batch-test-deadline-3')];
    controller.abort(new DOMException('deadline', 'TimeoutError'));
    await expect(gaveUp).rejects.toThrow('deadline');
    flushes[0]!();
    expect((await Promise.all(kept)).map((r) => r.status)).toEqual([201, 201]);
    expect(await ticketsAtCentral(baseUrl)).toHaveLength(2);
  });
});
