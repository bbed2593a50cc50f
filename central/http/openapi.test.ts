import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/clock';
import { buildCentralApp } from '../app';
import { provisionStaff, STAFF, tempDbPath } from '../cases/test-support';
import { errorResponseSchema } from '../contract';
import { NINE_AM_SHANGHAI, TOKEN } from '../test-support';
import { MAX_JSON_DEPTH } from './strict-json';

// The document is checked against what the server answers: every operation, every kind of caller,
// and the bad input every layer below the handlers refuses.

interface Operation {
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, unknown> }>;
}
interface Op {
  method: string;
  path: string;
  url: string;
  op: Operation;
  schemes: Set<string>;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Event streams stay open: a probe past their guard would never end.
const STREAM_PATHS = new Set([
  '/v1/kiosks/{terminalId}/events',
  '/v1/kiosks/fleet/events',
  '/v1/kiosks/staff-calls/events',
]);
const DEVICE = 'deviceToken';
const STAFF_SCHEME = 'staffToken';

let app: FastifyInstance;
let ops: Op[];
beforeAll(async () => {
  const clock = new ManualClock(NINE_AM_SHANGHAI);
  const dbPath = tempDbPath();
  provisionStaff(dbPath, () => clock.now());
  app = await buildCentralApp({
    dbPath,
    clock,
    deviceTokens: [TOKEN],
    rateLimit: { max: 100_000, timeWindowMs: 60_000 },
  });
  const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
    paths: Record<string, Record<string, Operation>>;
  };
  ops = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      url: path.replace(/\{\w+\}/g, 'X1'),
      op,
      schemes: new Set((op.security ?? []).flatMap((s) => Object.keys(s))),
    })),
  );
});
afterAll(async () => {
  await app?.close();
});

const bearer = (token: string | null) => (token ? { authorization: `Bearer ${token}` } : {});

/** A token of the kind the operation accepts, for probes that must get past its guard. */
const acceptedToken = (o: Op) =>
  o.schemes.has(DEVICE) ? TOKEN : o.schemes.has(STAFF_SCHEME) ? STAFF.manager : null;

async function expectDeclared(o: Op, req: Omit<InjectOptions, 'method' | 'url'>, what: string) {
  const res = await app.inject({ method: o.method as InjectOptions['method'], url: o.url, ...req });
  const where = `${o.method} ${o.path} (${what}) → ${res.statusCode} ${res.body.slice(0, 120)}`;
  const declared = o.op.responses[String(res.statusCode)];
  expect(declared, `${where}: status not in the document`).toBeDefined();
  if (res.statusCode >= 400) {
    expect(res.headers['content-type'], where).toMatch(/^application\/json/);
    expect(Object.keys(declared!.content ?? {}), where).toContain('application/json');
    expect(errorResponseSchema.safeParse(res.json()).success, where).toBe(true);
  }
  return res;
}

describe('the OpenAPI document', () => {
  it('lists the operations with summaries, and documents every error as JSON with the error schema', () => {
    expect(ops.length).toBeGreaterThan(50);
    for (const o of ops) {
      for (const [status, response] of Object.entries(o.op.responses)) {
        if (Number(status) < 400) continue;
        expect(Object.keys(response.content ?? {}), `${o.method} ${o.path} ${status}`).toEqual([
          'application/json',
        ]);
      }
      const declared = Object.keys(o.op.responses).map(Number);
      expect(declared, `${o.method} ${o.path}`).toContain(400);
      expect(declared, `${o.method} ${o.path}`).toContain(429);
      if (o.schemes.size > 0)
        expect(declared, `${o.method} ${o.path}`).toEqual(expect.arrayContaining([401, 403]));
      if (BODY_METHODS.has(o.method))
        expect(declared, `${o.method} ${o.path}`).toEqual(expect.arrayContaining([413, 415]));
      if (o.path.includes('{')) expect(declared, `${o.method} ${o.path}`).toContain(404);
    }
  });

  it('declares staff security on the window clerks’ and managers’ routes, which a device token cannot open', async () => {
    const staffOnly = [
      'POST /v1/queue/tickets/{ticketId}/call',
      'POST /v1/queue/tickets/{ticketId}/no-show',
      'POST /v1/queue/call-next',
      'PUT /v1/appointment-slots/{slotId}/capacity',
      'GET /v1/evaluation-follow-ups',
      'POST /v1/kiosks/enrolment-codes',
      'GET /v1/kiosks',
      'GET /v1/staff/cases',
    ];
    for (const name of staffOnly) {
      const o = ops.find((x) => `${x.method} ${x.path}` === name);
      expect(o, name).toBeDefined();
      expect([...o!.schemes], name).toEqual([STAFF_SCHEME]);
      const res = await expectDeclared(o!, { headers: bearer(TOKEN) }, 'device token');
      expect([401, 403], name).toContain(res.statusCode);
    }
    const page = (await app.inject({ method: 'GET', url: '/docs' })).body;
    expect(page).toMatch(/<code>\/v1\/queue\/call-next<\/code><\/td><td>[^<]*<\/td><td>staff token<\/td>/);
    expect(page).toMatch(
      /<code>\/v1\/catalogue\/regions<\/code><\/td><td>[^<]*<\/td><td>device token or staff token<\/td>/,
    );
  });

  it('declares security exactly where a request without a token is refused 401', async () => {
    for (const o of ops) {
      const res = await expectDeclared(o, {}, 'no token');
      expect(res.statusCode === 401, `${o.method} ${o.path}: 401 without a token vs security declared`).toBe(
        o.schemes.size > 0,
      );
    }
  });

  it('answers a token of the wrong kind with a declared refusal, and lets the right kind through the door', async () => {
    for (const o of ops) {
      if (o.schemes.size === 0) continue;
      if (!o.schemes.has(DEVICE)) {
        const res = await expectDeclared(o, { headers: bearer(TOKEN) }, 'device token on a staff route');
        expect(res.statusCode, `${o.method} ${o.path}`).toBeGreaterThanOrEqual(400);
      }
      if (!o.schemes.has(STAFF_SCHEME)) {
        const res = await expectDeclared(
          o,
          { headers: bearer(STAFF.window) },
          'staff token on a device route',
        );
        expect(res.statusCode, `${o.method} ${o.path}`).toBeGreaterThanOrEqual(400);
      }
      // Reads with an accepted token (not the stream, which would stay open): past the guard.
      if (o.method === 'GET' && !STREAM_PATHS.has(o.path)) {
        const res = await expectDeclared(o, { headers: bearer(acceptedToken(o)) }, 'accepted token');
        expect(res.statusCode, `${o.method} ${o.path}`).not.toBe(401);
      }
    }
  });

  it('answers bad bodies with the declared status and code on every route that takes one', async () => {
    const probes: {
      what: string;
      headers: Record<string, string>;
      payload: string | Buffer;
      status: number;
      code?: string;
    }[] = [
      {
        what: 'text/plain',
        headers: { 'content-type': 'text/plain' },
        payload: '{}',
        status: 415,
        code: 'unsupported-media-type',
      },
      {
        what: 'form',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'a=1',
        status: 415,
      },
      {
        what: 'latin-1 charset',
        headers: { 'content-type': 'application/json; charset=latin1' },
        payload: '{}',
        status: 415,
      },
      {
        what: 'oversized',
        headers: { 'content-type': 'application/json' },
        payload: `{"pad":"${'x'.repeat(1100 * 1024)}"}`,
        status: 413,
        code: 'payload-too-large',
      },
      {
        what: 'invalid UTF-8',
        headers: { 'content-type': 'application/json' },
        payload: Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]),
        status: 400,
        code: 'invalid-utf8',
      },
      {
        what: 'too deep',
        headers: { 'content-type': 'application/json' },
        payload: '['.repeat(MAX_JSON_DEPTH * 100) + ']'.repeat(MAX_JSON_DEPTH * 100),
        status: 400,
        code: 'too-deep',
      },
      {
        what: 'malformed',
        headers: { 'content-type': 'application/json' },
        payload: '{"a":',
        status: 400,
        code: 'bad-request',
      },
      {
        what: 'prototype key',
        headers: { 'content-type': 'application/json' },
        payload: '{"__proto__":{"x":1}}',
        status: 400,
        code: 'bad-request',
      },
    ];
    let probed = 0;
    for (const o of ops) {
      if (!BODY_METHODS.has(o.method)) continue;
      for (const probe of probes) {
        const res = await expectDeclared(
          o,
          {
            headers: { ...bearer(acceptedToken(o)), 'idempotency-key': 'fuzz-key-000001', ...probe.headers },
            payload: probe.payload,
          },
          probe.what,
        );
        expect(res.statusCode, `${o.method} ${o.path} ${probe.what}`).toBe(probe.status);
        if (probe.code) expect(res.json().error.code, `${o.method} ${o.path} ${probe.what}`).toBe(probe.code);
        probed++;
      }
    }
    expect(probed).toBeGreaterThanOrEqual(30 * probes.length);
  });
});

describe('the rate limit', () => {
  it('answers 429 as JSON on every operation, as the document says', async () => {
    const clock = new ManualClock(NINE_AM_SHANGHAI);
    const dbPath = tempDbPath();
    provisionStaff(dbPath, () => clock.now());
    const limited = await buildCentralApp({
      dbPath,
      clock,
      deviceTokens: [TOKEN],
      rateLimit: { max: 1, timeWindowMs: 60_000 },
    });
    try {
      for (const token of [null, TOKEN, STAFF.manager]) {
        await limited.inject({ method: 'GET', url: '/v1/health', headers: bearer(token) });
      }
      for (const o of ops) {
        const res = await limited.inject({
          method: o.method as InjectOptions['method'],
          url: o.url,
          headers: bearer(acceptedToken(o)),
        });
        expect(res.statusCode, `${o.method} ${o.path}`).toBe(429);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(o.op.responses['429'], `${o.method} ${o.path}`).toBeDefined();
        expect(res.json().error.code).toBe('rate-limited');
      }
    } finally {
      await limited.close();
    }
  });
});
