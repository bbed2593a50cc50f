import Database from 'better-sqlite3';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { createHash } from 'node:crypto';
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { z } from 'zod';
import { medianMs, once, quantile, type Baseline } from '../figure';
import { postLoad, withForkedServer, type LoadResult } from '../forked-server';

/**
 * A bare Fastify route with the central's stack and nothing of its domain: the same zod type
 * provider validates the body and serialises the answer, and the body is inserted into SQLite
 * with the central's durability (WAL, synchronous=NORMAL), one transaction per request. No
 * tokens, no idempotency, no hall rules, no numbering. A POST also tells every open event stream,
 * which is the bare counterpart of the central's live events.
 */
const itemSchema = z.looseObject({
  hallId: z.string().min(1).max(64),
  terminalId: z.string().min(1).max(64),
  citizenRef: z.string().regex(/^[0-9a-f]{64}$/),
  kioskSequence: z.number().int().positive(),
  requestedAt: z.iso.datetime({ offset: true }),
});
const itemAnswer = z.object({ itemId: z.number().int(), hallId: z.string() });

export async function buildBareApp(dbPath: string): Promise<FastifyInstance> {
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(
    'CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, hall_id TEXT NOT NULL, body TEXT NOT NULL)',
  );
  const insert = db.prepare('INSERT INTO items (hall_id, body) VALUES (?, ?)');
  const streams = new Set<ServerResponse>();

  const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.post(
    '/items',
    { schema: { body: itemSchema, response: { 201: itemAnswer } } },
    async (request, reply) => {
      const body = request.body;
      const itemId = Number(
        db.transaction(() => insert.run(body.hallId, JSON.stringify(body)).lastInsertRowid)(),
      );
      const event = `data: ${JSON.stringify({ itemId, seq: body.kioskSequence })}\n\n`;
      for (const s of streams) s.write(event);
      return reply.code(201).send({ itemId, hallId: body.hallId });
    },
  );
  app.get('/events', (_request, reply) => {
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    reply.raw.write(': open\n\n');
    streams.add(reply.raw);
    reply.raw.on('close', () => streams.delete(reply.raw));
  });
  app.addHook('onClose', async () => {
    for (const s of streams) s.destroy();
    db.close();
  });
  return app;
}

/** A body the bare route accepts, as a kiosk's ticket request looks. */
export function bareItem(n: number): Record<string, unknown> {
  return {
    hallId: 'HALL-CITY-01',
    terminalId: 'BENCH-BARE',
    citizenRef: createHash('sha256').update(`bare-${n}`).digest('hex'),
    kioskSequence: n + 1,
    requestedAt: new Date().toISOString(),
  };
}

const SERVER_ENV = 'BARE_FASTIFY_BENCH_SERVER_DB';
const serverDb = process.env[SERVER_ENV];
if (serverDb && process.send) {
  const app = await buildBareApp(serverDb);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  process.send({ baseUrl: address });
  process.on('message', (m) => {
    if (m === 'cpu') process.send!({ cpu: process.cpuUsage() });
    if (m === 'close') void app.close().then(() => process.exit(0));
  });
}

/**
 * Median ms of one request through `inject` (no network), in-memory SQLite, like the central's
 * inject figures.
 */
export function bareRouteInject(): Baseline {
  return {
    name: 'bare Fastify zod+insert route, inject, median',
    unit: 'ms',
    async measure() {
      const app = await buildBareApp(':memory:');
      let n = 0;
      try {
        return await medianMs(
          async () => {
            const res = await app.inject({ method: 'POST', url: '/items', payload: bareItem(n++) });
            if (res.statusCode !== 201) throw new Error(`bare route answered ${res.statusCode}: ${res.body}`);
          },
          500,
          50,
        );
      } finally {
        await app.close();
      }
    },
  };
}

/**
 * The bare route in a child process under the figure's own load: same connections, seconds and
 * requests (the bare schema lets the figure's extra fields through, and ignores its headers).
 */
export function bareRouteLoad(opts: Parameters<typeof postLoad>[2]) {
  const load = once((): Promise<LoadResult> =>
    withForkedServer(import.meta.url, SERVER_ENV, (baseUrl, cpuMs) =>
      postLoad(`${baseUrl}/items`, cpuMs, opts),
    ),
  );
  const tag = `bare Fastify zod+insert route, ${opts.connections} conns`;
  return {
    perSecond: {
      name: `${tag}, rate`,
      unit: 'req/s',
      measure: async () => (await load()).perSecond,
    } satisfies Baseline,
    p99: { name: `${tag}, p99`, unit: 'ms', measure: async () => (await load()).p99 } satisfies Baseline,
    cpuMsPerRequest: {
      name: `${tag}, server CPU per request`,
      unit: 'ms',
      measure: async () => (await load()).cpuMsPerRequest,
    } satisfies Baseline,
  };
}

function openStream(baseUrl: string, onData: (chunk: string) => void): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${baseUrl}/events`, { agent: false }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`bare stream answered ${res.statusCode}`));
      res.setEncoding('utf8');
      res.on('data', onData);
      resolve(res);
    });
    req.on('error', reject);
    req.end();
  });
}

/** ms from a POST until all `streams` have its event; `quantileOf` over `posts` posts. */
async function eventDelivery(baseUrl: string, streams: number, posts: number, quantileOf: number) {
  let waiting = 0;
  let delivered: () => void = () => {};
  let expected = -1;
  const open: IncomingMessage[] = [];
  for (let s = 0; s < streams; s++) {
    let lastSeen = -1;
    open.push(
      await openStream(baseUrl, (chunk) => {
        const m = /"seq":(\d+)/.exec(chunk);
        if (!m || Number(m[1]) !== expected || lastSeen === expected) return;
        lastSeen = expected;
        if (--waiting === 0) delivered();
      }),
    );
  }
  try {
    const samples: number[] = [];
    for (let p = 0; p < posts + 1; p++) {
      const start = process.hrtime.bigint();
      const arrived = new Promise<void>((resolve) => (delivered = resolve));
      waiting = streams;
      // bareItem(p) carries kioskSequence p + 1, which its event repeats.
      expected = p + 1;
      const res = await fetch(`${baseUrl}/items`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(bareItem(p)),
      });
      if (res.status !== 201) throw new Error(`bare route answered ${res.status}`);
      await res.arrayBuffer();
      if (streams > 0) await arrived;
      // The first post warms the route and the streams.
      if (p > 0) samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    return quantile(samples, quantileOf);
  } finally {
    for (const s of open) s.destroy();
  }
}

/** One POST to the bare route over loopback (`fetch`, this process), at quantile `quantileOf` of `posts`. */
export function bareRoutePost(posts: number, quantileOf: number): Baseline {
  return {
    name: `bare Fastify zod+insert POST, loopback, p${Math.round(quantileOf * 100)}`,
    unit: 'ms',
    async measure() {
      const app = await buildBareApp(':memory:');
      const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
      try {
        return await eventDelivery(baseUrl, 0, posts, quantileOf);
      } finally {
        await app.close();
      }
    },
  };
}

/**
 * A POST to the bare route over loopback until its event has reached one open stream, in this
 * process: the bare counterpart of a staff action reaching a kiosk over its event stream.
 */
export function bareEventRoundTrip(posts: number, quantileOf: number): Baseline {
  return {
    name: `bare Fastify POST → event on 1 stream, loopback, p${Math.round(quantileOf * 100)}`,
    unit: 'ms',
    async measure() {
      const app = await buildBareApp(':memory:');
      const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
      try {
        return await eventDelivery(baseUrl, 1, posts, quantileOf);
      } finally {
        await app.close();
      }
    },
  };
}

/** The bare route in a child process fanning one POST out to `streams` open event streams (median of 5). */
export function bareFanOut(streams: number): Baseline {
  return {
    name: `bare Fastify POST → event on ${streams.toLocaleString('en')} streams, median`,
    unit: 'ms',
    measure: () =>
      withForkedServer(import.meta.url, SERVER_ENV, (baseUrl) => eventDelivery(baseUrl, streams, 5, 0.5)),
  };
}
