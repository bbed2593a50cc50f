import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../domain/clock';
import type { CentralContext } from '../context';
import { auth, makeApp, NINE_AM_SHANGHAI, ticketRequest } from '../test-support';
import { batchRoutes, trackSubRequests } from './batch';
import {
  BATCH_DEADLINE_MS,
  batchResponseSchema,
  MAX_BATCH_REQUESTS,
  SUB_REQUEST_DEADLINE_MS,
  type BatchSubRequest,
} from './batch-contract';
import { installErrorHandling } from './errors';

let app: FastifyInstance;
afterEach(async () => app?.close());

const ticketSub = (key: string, body = ticketRequest()): BatchSubRequest => ({
  method: 'POST',
  path: '/v1/queue/tickets',
  idempotencyKey: key,
  body: JSON.stringify(body),
});

async function batch(requests: unknown, headers: Record<string, string> = auth) {
  return app.inject({ method: 'POST', url: '/v1/batch', headers, payload: { requests } });
}

describe('POST /v1/batch', () => {
  it('answers each sub-request as the route alone would, in order', async () => {
    ({ app } = await makeApp());
    const res = await batch([
      ticketSub('batch-key-0001'),
      ticketSub('batch-key-0002', ticketRequest({ category: 'B' })),
      ticketSub('batch-key-0003', ticketRequest({ hallId: 'HALL-NOWHERE' })),
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const { responses } = batchResponseSchema.parse(res.json());
    expect(responses.map((r) => r.status)).toEqual([201, 201, 422]);
    expect(JSON.parse(responses[0]!.body).ticket.number).toBe('A001');
    expect(JSON.parse(responses[1]!.body).ticket.number).toBe('B001');
    // A refused sub-request carries the API's error shape; the others were applied regardless.
    expect(JSON.parse(responses[2]!.body).error.code).toBe('unknown-hall');
  });

  it('applies a repeated idempotency key once and marks the replay', async () => {
    ({ app } = await makeApp());
    const body = ticketRequest();
    const first = batchResponseSchema.parse((await batch([ticketSub('batch-key-again', body)])).json());
    const again = batchResponseSchema.parse((await batch([ticketSub('batch-key-again', body)])).json());
    expect(again.responses[0]!.status).toBe(201);
    expect(again.responses[0]!.body).toBe(first.responses[0]!.body);
    expect(again.responses[0]!.headers['idempotency-replayed']).toBe('true');
    expect(first.responses[0]!.headers['idempotency-replayed']).toBeUndefined();
    const list = await app.inject({
      method: 'GET',
      url: '/v1/queue/tickets?hallId=HALL-CITY-01',
      headers: auth,
    });
    expect(list.json().tickets).toHaveLength(1);
  });

  it('refuses callers without a device token, and sub-requests run with the caller’s own token', async () => {
    ({ app } = await makeApp());
    expect((await batch([ticketSub('batch-key-anon')], {})).statusCode).toBe(401);
    const wrong = await batch([ticketSub('batch-key-wrong')], { authorization: 'Bearer not-a-token' });
    expect(wrong.statusCode).toBe(401);
    const list = await app.inject({
      method: 'GET',
      url: '/v1/queue/tickets?hallId=HALL-CITY-01',
      headers: auth,
    });
    expect(list.json().tickets).toHaveLength(0);
  });

  it('refuses a malformed envelope plainly: no requests, an unknown method, too many requests', async () => {
    ({ app } = await makeApp());
    for (const requests of [
      [],
      [{ method: 'TRACE', path: '/v1/queue/tickets' }],
      [{ method: 'POST', path: '' }],
      Array.from({ length: MAX_BATCH_REQUESTS + 1 }, (_, i) => ticketSub(`batch-key-many-${i}`)),
    ]) {
      const res = await batch(requests);
      expect(res.statusCode, JSON.stringify(requests).slice(0, 80)).toBe(400);
      expect(res.json().error.code).toBe('bad-request');
    }
    const list = await app.inject({
      method: 'GET',
      url: '/v1/queue/tickets?hallId=HALL-CITY-01',
      headers: auth,
    });
    expect(list.json().tickets).toHaveLength(0);
  });

  it('passes a sub-request’s malformed body to its route, which refuses it alone', async () => {
    ({ app } = await makeApp());
    const res = await batch([
      { method: 'POST', path: '/v1/queue/tickets', idempotencyKey: 'batch-key-bad', body: '{"hallId":' },
      ticketSub('batch-key-good'),
    ]);
    const { responses } = batchResponseSchema.parse(res.json());
    expect(responses.map((r) => r.status)).toEqual([400, 201]);
  });
});

describe('what a batch may contain', () => {
  const refused: [BatchSubRequest['method'], string][] = [
    // A batch inside a batch, however the path is written.
    ['POST', '/v1/batch'],
    ['POST', '/v1/%62atch'],
    ['POST', '/v1/%62%61%74%63%68'],
    ['POST', '/v1/./batch'],
    ['POST', '/v1/%2e/batch'],
    ['POST', '/v1/x/../batch'],
    ['POST', '/v1/x/%2E%2E/batch'],
    ['POST', '//v1/batch'],
    ['POST', '/v1//batch'],
    ['POST', '/v1/batch/'],
    ['POST', '/../v1/batch'],
    ['POST', '/v1\\batch'],
    ['POST', '/v1%2fbatch'],
    ['POST', '/v1%5Cbatch'],
    ['POST', '/v1/batch%00'],
    ['POST', '/v1/batch?x=1'],
    ['POST', '/v1/batch#frag'],
    ['POST', '/v1/%zzbatch'],
    // The live event stream, which never answers.
    ['GET', '/v1/kiosks/KIOSK-01/events?hallId=HALL-CITY-01'],
    ['GET', '/v1/kiosks/KIOSK-01/events'],
    ['GET', '/v1/kiosks/KIOSK-01/%65vents'],
    ['GET', '/v1/kiosks/KIOSK-01/./events'],
    ['GET', '/v1/kiosks/KIOSK-01/x/../events'],
    ['POST', '/v1/kiosks/KIOSK-01/events'],
    // Routes that are not outbox deliveries.
    ['GET', '/v1/queue/tickets'],
    ['POST', '/v1/queue/number-blocks'],
    ['GET', '/v1/halls/HALL-CITY-01/queue-categories'],
    ['POST', '/v1/queue/tickets/T-1/call'],
    ['POST', '/v1/appointments//check-in'],
    ['POST', '/v1/appointments/A%2FB/check-in'],
    ['POST', '/V1/QUEUE/TICKETS'],
    ['POST', '/admin/anything'],
    ['POST', 'v1/queue/tickets'],
  ];

  it('refuses each sub-request that is not an outbox delivery with 400 not-batchable, and runs the rest', async () => {
    const clock = new ManualClock(NINE_AM_SHANGHAI);
    ({ app } = await makeApp({ clock }));
    const timersBefore = clock.pendingTimers;
    const res = await batch([
      ...refused.map(([method, path]) => ({ method, path, body: '{"requests":[]}' })),
      ticketSub('batch-key-after-refused'),
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const { responses } = batchResponseSchema.parse(res.json());
    refused.forEach(([method, path], i) => {
      expect(responses[i]!.status, `${method} ${path}`).toBe(400);
      expect(JSON.parse(responses[i]!.body).error.code, `${method} ${path}`).toBe('not-batchable');
    });
    expect(responses.at(-1)!.status).toBe(201);
    // No stream was opened: no heartbeat timer, no subscription left behind.
    expect(clock.pendingTimers).toBe(timersBefore);
  });

  it('runs an outbox delivery written another way on its one normalised path', async () => {
    ({ app } = await makeApp());
    const written = [
      '/v1/queue/./tickets',
      '/v1//queue/tickets',
      '/v1/queue/%74ickets',
      '/v1/x/../queue/tickets/',
    ];
    const res = await batch(written.map((path, i) => ({ ...ticketSub(`batch-key-written-${i}`), path })));
    const { responses } = batchResponseSchema.parse(res.json());
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const list = await app.inject({
      method: 'GET',
      url: '/v1/queue/tickets?hallId=HALL-CITY-01',
      headers: auth,
    });
    expect(list.json().tickets).toHaveLength(4);
  });

  it('applies each route’s own body limit to its sub-request, and its own limit to the whole batch', async () => {
    ({ app } = await makeApp());
    const big = JSON.stringify({ ...ticketRequest(), pad: 'x'.repeat(70 * 1024) });
    const res = await batch([{ ...ticketSub('batch-key-big'), body: big }, ticketSub('batch-key-small')]);
    const { responses } = batchResponseSchema.parse(res.json());
    expect(responses.map((r) => r.status)).toEqual([413, 201]);
    expect(JSON.parse(responses[0]!.body).error.code).toBe('payload-too-large');

    const tooBig = Array.from({ length: 20 }, (_, i) => ({ ...ticketSub(`batch-key-huge-${i}`), body: big }));
    const whole = await batch(tooBig);
    expect(whole.statusCode).toBe(413);
    expect(whole.json().error.code).toBe('payload-too-large');
  });
});

describe('a sub-request that does not answer', () => {
  /**
   * A bare server with the batch route and two routes only a test would allow: one that streams
   * and holds a subscription and a timer until its response closes (as the live event stream
   * does), and one that never answers at all.
   */
  async function serverWithStuckRoutes() {
    const clock = new ManualClock(NINE_AM_SHANGHAI);
    const held = new Set<object>();
    let closed = 0;
    const server = Fastify().withTypeProvider<ZodTypeProvider>();
    server.setValidatorCompiler(validatorCompiler);
    server.setSerializerCompiler(serializerCompiler);
    installErrorHandling(server);
    const subRequests = trackSubRequests(server);
    server.get('/v1/stream', async (_request, reply) => {
      reply.hijack();
      reply.raw.writeHead(200, { 'content-type': 'text/event-stream' });
      const subscription = {};
      held.add(subscription);
      const beat = () => {
        reply.raw.write(': keep-alive\n\n');
        heartbeat = clock.setTimeout(beat, 1_000);
      };
      let heartbeat = clock.setTimeout(beat, 1_000);
      reply.raw.on('close', () => {
        held.delete(subscription);
        clock.clearTimeout(heartbeat);
        closed++;
      });
      return reply;
    });
    server.post('/v1/never', async (_request, reply) => {
      reply.raw.on('close', () => closed++);
      return new Promise(() => undefined);
    });
    const ctx = { clock, deviceAuth: { requireDevice: async () => undefined } } as unknown as CentralContext;
    await server.register(batchRoutes, {
      ctx,
      subRequests,
      routes: [
        { method: 'GET', path: '/v1/stream' },
        { method: 'POST', path: '/v1/never' },
        { method: 'POST', path: '/v1/echo' },
      ],
    });
    server.post('/v1/echo', async () => ({ ok: true }));
    await server.ready();
    return { server, clock, held, closed: () => closed };
  }

  it('is answered 504 at its deadline, and what it held is let go', async () => {
    const stuck = await serverWithStuckRoutes();
    app = stuck.server;
    const answer = app.inject({
      method: 'POST',
      url: '/v1/batch',
      payload: {
        requests: [
          { method: 'GET', path: '/v1/stream' },
          { method: 'POST', path: '/v1/echo', body: '{}' },
        ],
      },
    });
    await vi.waitFor(() => expect(stuck.held.size).toBe(1));
    await stuck.clock.advance(SUB_REQUEST_DEADLINE_MS - 1);
    expect(stuck.held.size).toBe(1);
    await stuck.clock.advance(1);
    const res = await answer;
    const { responses } = batchResponseSchema.parse(res.json());
    expect(responses.map((r) => r.status)).toEqual([504, 200]);
    expect(JSON.parse(responses[0]!.body).error.code).toBe('sub-request-timeout');
    expect(stuck.held.size).toBe(0);
    expect(stuck.closed()).toBe(1);
    expect(stuck.clock.pendingTimers).toBe(0);
  });

  it('cannot keep a batch past its own deadline: sub-requests not started by then are answered unrun', async () => {
    const stuck = await serverWithStuckRoutes();
    app = stuck.server;
    const count = Math.ceil(BATCH_DEADLINE_MS / SUB_REQUEST_DEADLINE_MS) + 2;
    const answer = app.inject({
      method: 'POST',
      url: '/v1/batch',
      payload: {
        requests: Array.from({ length: count }, () => ({ method: 'POST', path: '/v1/never', body: '{}' })),
      },
    });
    let settled = false;
    void answer.then(() => (settled = true));
    for (let ms = 0; ms < BATCH_DEADLINE_MS && !settled; ms += SUB_REQUEST_DEADLINE_MS) {
      await stuck.clock.advance(SUB_REQUEST_DEADLINE_MS);
    }
    const { responses } = batchResponseSchema.parse((await answer).json());
    const ran = BATCH_DEADLINE_MS / SUB_REQUEST_DEADLINE_MS;
    expect(responses.map((r) => r.status)).toEqual(Array.from({ length: count }, () => 504));
    expect(responses.slice(ran).every((r) => JSON.parse(r.body).error.message.startsWith('Not run'))).toBe(
      true,
    );
    // Every request that ran was aborted: its response closed, nothing is left waiting.
    expect(stuck.closed()).toBe(ran);
    expect(stuck.clock.pendingTimers).toBe(0);
  });
});
