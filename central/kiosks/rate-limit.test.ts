import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/clock';
import { buildCentralApp } from '../app';
import { NINE_AM_SHANGHAI, TOKEN } from '../test-support';

const LIMIT = { max: 5, timeWindowMs: 60_000 };

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function limitedApp(): Promise<FastifyInstance> {
  app = await buildCentralApp({
    dbPath: ':memory:',
    clock: new ManualClock(NINE_AM_SHANGHAI),
    deviceTokens: [TOKEN],
    rateLimit: LIMIT,
  });
  return app;
}

/** A guarded device route: its own onRequest guard answers 401 to a missing or unknown token. */
const GUARDED = '/v1/halls/HALL-CITY-01/queue-categories';

describe('device rate limit', () => {
  it('counts requests with no token before their guard refuses them: a flood ends in 429', async () => {
    const central = await limitedApp();
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT.max + 3; i++) {
      statuses.push((await central.inject({ method: 'GET', url: GUARDED })).statusCode);
    }
    expect(statuses.slice(0, LIMIT.max)).toEqual(Array(LIMIT.max).fill(401));
    expect(statuses.slice(LIMIT.max)).toEqual([429, 429, 429]);
  });

  it('counts every guessed token under the address, not a fresh bucket per guess', async () => {
    const central = await limitedApp();
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT.max + 2; i++) {
      const res = await central.inject({
        method: 'GET',
        url: GUARDED,
        headers: { authorization: `Bearer guess-${i}-${'x'.repeat(16)}` },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(LIMIT.max);
    expect(statuses.slice(LIMIT.max)).toEqual([429, 429]);
    const refused = await central.inject({
      method: 'GET',
      url: GUARDED,
      headers: { authorization: 'Bearer another' },
    });
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error: { code: 'rate-limited' } });
    expect(refused.headers['retry-after']).toBeDefined();
  });

  it("keeps a known device's own allowance while a guesser at the same address is limited", async () => {
    const central = await limitedApp();
    for (let i = 0; i < LIMIT.max + 1; i++) {
      await central.inject({ method: 'GET', url: GUARDED, headers: { authorization: `Bearer guess-${i}` } });
    }
    const known = await central.inject({
      method: 'GET',
      url: GUARDED,
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(known.statusCode).toBe(200);
  });
});
