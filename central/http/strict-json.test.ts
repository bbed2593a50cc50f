import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { auth, makeApp } from '../test-support';
import { installErrorHandling } from './errors';
import { installStrictJsonParser, jsonDepthExceeds, MAX_JSON_DEPTH } from './strict-json';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** A bare server with the parser and an echo route: what arrives is what the handler sees. */
async function echoApp(maxDepth?: number): Promise<FastifyInstance> {
  const server = Fastify();
  installErrorHandling(server);
  installStrictJsonParser(server, maxDepth === undefined ? {} : { maxDepth });
  server.post('/echo', async (request) => ({ got: request.body }));
  await server.ready();
  return server;
}

const post = (server: FastifyInstance, payload: string | Buffer, contentType = 'application/json') =>
  server.inject({ method: 'POST', url: '/echo', headers: { 'content-type': contentType }, payload });

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('jsonDepthExceeds', () => {
  it('counts arrays and objects, not brackets inside strings or escaped quotes', () => {
    expect(jsonDepthExceeds(nested(3), 3)).toBe(false);
    expect(jsonDepthExceeds(nested(4), 3)).toBe(true);
    expect(jsonDepthExceeds('{"a":{"b":[1]}}', 3)).toBe(false);
    expect(jsonDepthExceeds('{"a":{"b":[[1]]}}', 3)).toBe(true);
    expect(jsonDepthExceeds(`{"s":"${'['.repeat(100)}"}`, 2)).toBe(false);
    expect(jsonDepthExceeds(`{"s":"\\"${'['.repeat(100)}"}`, 2)).toBe(false);
    expect(jsonDepthExceeds('"abc', 1)).toBe(false);
  });

  it('scans a megabyte of brackets without recursion', () => {
    expect(jsonDepthExceeds('['.repeat(1024 * 1024), MAX_JSON_DEPTH)).toBe(true);
  });
});

describe('installStrictJsonParser', () => {
  it('parses UTF-8 JSON, Chinese text included, exactly as sent', async () => {
    app = await echoApp();
    const res = await post(app, Buffer.from(JSON.stringify({ name: '张三', n: [1, { a: null }] }), 'utf8'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ got: { name: '张三', n: [1, { a: null }] } });
    const withCharset = await post(app, '{"a":1}', 'application/json; charset=UTF-8');
    expect(withCharset.statusCode).toBe(200);
  });

  it('refuses bytes that are not UTF-8 with 400 invalid-utf8 (the default decoder would store U+FFFD)', async () => {
    app = await echoApp();
    for (const bytes of [
      Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), // {"n":"\xff\xfe"}
      Buffer.concat([Buffer.from('{"n":"'), Buffer.from('张', 'utf8').subarray(0, 2), Buffer.from('"}')]),
      Buffer.concat([Buffer.from('{"n":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]), // a lone surrogate
      Buffer.concat([Buffer.from('{"n":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]), // overlong '/'
    ]) {
      const res = await post(app, bytes);
      expect(res.statusCode, bytes.toString('hex')).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json()).toEqual({ error: { code: 'invalid-utf8', message: 'The body is not valid UTF-8' } });
    }
  });

  it('refuses nesting deeper than the limit with 400 too-deep, never 500, and accepts the limit itself', async () => {
    app = await echoApp();
    expect((await post(app, nested(MAX_JSON_DEPTH))).statusCode).toBe(200);
    for (const body of [nested(MAX_JSON_DEPTH + 1), '['.repeat(60_000), '{"a":'.repeat(20_000)]) {
      const res = await post(app, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('too-deep');
    }
  });

  it('takes its depth from the options', async () => {
    app = await echoApp(2);
    expect((await post(app, '{"a":[1]}')).statusCode).toBe(200);
    expect((await post(app, '{"a":[[1]]}')).json().error.code).toBe('too-deep');
  });

  it('keeps refusing __proto__ and constructor.prototype keys, so nothing is polluted', async () => {
    app = await echoApp();
    for (const body of [
      '{"__proto__":{"polluted":true}}',
      '{"a":{"__proto__":{"polluted":true}}}',
      '{"constructor":{"prototype":{"polluted":true}}}',
    ]) {
      const res = await post(app, body);
      expect(res.statusCode, body).toBe(400);
      expect(res.json().error.code).toBe('bad-request');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a charset other than UTF-8 with 415, and keeps the empty and malformed answers', async () => {
    app = await echoApp();
    const latin1 = await post(app, '{"a":1}', 'application/json; charset=iso-8859-1');
    expect(latin1.statusCode).toBe(415);
    expect(latin1.json().error.code).toBe('unsupported-media-type');
    expect((await post(app, '')).json().error.code).toBe('bad-request');
    expect((await post(app, '{"a":')).json().error.code).toBe('bad-request');
  });

  it('is what the central parses its bodies with', async () => {
    ({ app } = await makeApp());
    const res = await app.inject({
      method: 'POST',
      url: '/v1/queue/tickets',
      headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': 'strict-json-0001' },
      payload: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid-utf8');
    const deep = await app.inject({
      method: 'POST',
      url: '/v1/queue/tickets',
      headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': 'strict-json-0002' },
      payload: nested(10_000),
    });
    expect(deep.statusCode).toBe(400);
    expect(deep.json().error.code).toBe('too-deep');
  });
});
