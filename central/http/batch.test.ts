import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { auth, makeApp, ticketRequest } from '../test-support';
import { batchResponseSchema, MAX_BATCH_REQUESTS, type BatchSubRequest } from './batch-contract';

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
      { method: 'GET', path: '/v1/halls/HALL-CITY-01/queue-categories' },
      ticketSub('batch-key-0003', ticketRequest({ hallId: 'HALL-NOWHERE' })),
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const { responses } = batchResponseSchema.parse(res.json());
    expect(responses.map((r) => r.status)).toEqual([201, 201, 200, 422]);
    expect(JSON.parse(responses[0]!.body).ticket.number).toBe('A001');
    expect(JSON.parse(responses[1]!.body).ticket.number).toBe('B001');
    expect(JSON.parse(responses[2]!.body).categories).toHaveLength(10);
    // A refused sub-request carries the API's error shape; the others were applied regardless.
    expect(JSON.parse(responses[3]!.body).error.code).toBe('unknown-hall');
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

  it('refuses a malformed envelope plainly: nested batches, foreign paths, too many requests', async () => {
    ({ app } = await makeApp());
    for (const requests of [
      [],
      [{ method: 'POST', path: '/v1/batch', body: '{}' }],
      [{ method: 'POST', path: '/admin/anything' }],
      [{ method: 'TRACE', path: '/v1/health' }],
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
