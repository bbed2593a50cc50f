import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildCentralApp } from './app';
import { errorResponseSchema } from './contract';
import { auth, issue, makeApp, ticketRequest } from './test-support';

let app: FastifyInstance;
afterEach(async () => {
  await app?.close();
});

describe('central app', () => {
  it('answers health without a token', async () => {
    ({ app } = await makeApp());
    const res = await app.inject({ method: 'GET', url: '/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, version: expect.any(String) });
  });

  it('refuses a missing or wrong device token with 401 unauthorized', async () => {
    ({ app } = await makeApp());
    const missing = await app.inject({ method: 'GET', url: '/v1/halls/HALL-CITY-01/queue-categories' });
    expect(missing.statusCode).toBe(401);
    expect(missing.json().error.code).toBe('unauthorized');

    const wrong = await app.inject({
      method: 'POST',
      url: '/v1/queue/tickets',
      headers: { authorization: 'Bearer not-a-token', 'idempotency-key': 'abcdefgh-1' },
      payload: ticketRequest(),
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('unauthorized');

    const basic = await app.inject({
      method: 'GET',
      url: '/v1/queue/tickets?hallId=HALL-CITY-01',
      headers: { authorization: 'Basic dGVzdA==' },
    });
    expect(basic.statusCode).toBe(401);
  });

  it('rejects an invalid body with 400 bad-request naming the field, without a stack', async () => {
    ({ app } = await makeApp());
    const res = await issue(app, { ...ticketRequest(), citizenRef: '110101199001011234' });
    expect(res.statusCode).toBe(400);
    const body = errorResponseSchema.parse(res.json());
    expect(body.error.code).toBe('bad-request');
    expect(body.error.message).toContain('citizenRef');
    expect(res.body).not.toContain('at ');
    // The raw value must not be echoed back or logged: it could be an ID number sent by mistake.
    expect(res.body).not.toContain('110101199001011234');
  });

  it('rejects malformed JSON with 400 bad-request', async () => {
    ({ app } = await makeApp());
    const res = await app.inject({
      method: 'POST',
      url: '/v1/queue/tickets',
      headers: { ...auth, 'idempotency-key': 'abcdefgh-2', 'content-type': 'application/json' },
      payload: '{"hallId": "HALL-CITY-01",',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'bad-request', message: 'Body is not valid JSON' } });
  });

  it('requires a well-formed Idempotency-Key on ticket issue', async () => {
    ({ app } = await makeApp());
    const none = await app.inject({
      method: 'POST',
      url: '/v1/queue/tickets',
      headers: auth,
      payload: ticketRequest(),
    });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe('missing-idempotency-key');
    for (const bad of ['short', 'x'.repeat(129), 'has space in it', 'emoji-🙂-key']) {
      const res = await issue(app, ticketRequest(), bad);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.code).toBe('missing-idempotency-key');
    }
  });

  it('answers unknown routes with 404 not-found in the error shape', async () => {
    ({ app } = await makeApp());
    const res = await app.inject({ method: 'GET', url: '/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not-found');
  });

  it('serves an OpenAPI document generated from the route schemas, and a docs page', async () => {
    ({ app } = await makeApp());
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    const post = doc.paths['/v1/queue/tickets'].post;
    expect(post.requestBody.content['application/json'].schema.properties.citizenRef).toBeDefined();
    expect(post.responses['201']).toBeDefined();
    expect(post.parameters.some((p: { name: string; in: string }) => p.name === 'idempotency-key')).toBe(
      true,
    );
    expect(doc.paths['/v1/halls/{hallId}/queue-categories'].get).toBeDefined();
    expect(doc.components.securitySchemes.deviceToken.scheme).toBe('bearer');
    expect(doc.paths['/openapi.json']).toBeUndefined();

    const docs = await app.inject({ method: 'GET', url: '/docs' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
    expect(docs.body).toContain('/v1/queue/tickets');
  });

  it('refuses to start without any device token', async () => {
    await expect(buildCentralApp({ dbPath: ':memory:', deviceTokens: [] })).rejects.toThrow(/device token/);
    ({ app } = await makeApp());
  });
});
