import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ManualClock } from '../../domain/clock';
import { REPLAYED_HEADER } from '../contract';
import { openCentralDatabase } from '../db/database';
import { tokenDigest } from '../kiosks/auth';
import { issue, makeApp, NINE_AM_SHANGHAI, ticketRequest, TOKEN } from '../test-support';
import { canonicalJson, IdempotencyStore, IN_FLIGHT_LEASE_MS, requestHash } from './idempotency';
import { ownedKey } from './idempotent';

const DAY = 24 * 60 * 60 * 1000;
const ISSUE_SCOPE = 'POST /v1/queue/tickets';
let app: FastifyInstance;
afterEach(async () => {
  await app?.close();
});

describe('Idempotency-Key on ticket issue', () => {
  it('replays the first response with the same status and body, marked as replayed', async () => {
    ({ app } = await makeApp());
    const body = ticketRequest();
    const first = await issue(app, body, 'kiosk-01:seq-000001');
    expect(first.statusCode).toBe(201);
    expect(first.headers[REPLAYED_HEADER]).toBeUndefined();

    await issue(app, ticketRequest()); // the queue moves on meanwhile
    // Same payload with its keys in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const replay = await issue(app, reordered, 'kiosk-01:seq-000001');
    expect(replay.statusCode).toBe(201);
    expect(replay.headers[REPLAYED_HEADER]).toBe('true');
    expect(replay.json()).toEqual(first.json());

    const tickets = await app.inject({
      method: 'GET',
      url: '/v1/queue/tickets?hallId=HALL-CITY-01',
      headers: { authorization: 'Bearer test-device-token-1234' },
    });
    expect(tickets.json().tickets).toHaveLength(2);
  });

  it('replays a stored refusal as well (active ticket exists)', async () => {
    ({ app } = await makeApp());
    const body = ticketRequest();
    await issue(app, body);
    const refused = await issue(app, body, 'second-attempt-1');
    expect(refused.statusCode).toBe(409);
    const replay = await issue(app, body, 'second-attempt-1');
    expect(replay.statusCode).toBe(409);
    expect(replay.headers[REPLAYED_HEADER]).toBe('true');
    expect(replay.json()).toEqual(refused.json());
  });

  it('answers 422 idempotency-key-reused when the key comes back with another payload', async () => {
    ({ app } = await makeApp());
    const body = ticketRequest();
    expect((await issue(app, body, 'reused-key-0001')).statusCode).toBe(201);
    const res = await issue(app, { ...body, category: 'B' }, 'reused-key-0001');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('idempotency-key-reused');
  });

  it('answers 409 request-in-flight while the key is held, and lets a retry take over an abandoned claim', async () => {
    const clock = new ManualClock(NINE_AM_SHANGHAI);
    const dbPath = join(mkdtempSync(join(tmpdir(), 'central-idem-')), 'central.db');
    ({ app } = await makeApp({ clock, dbPath }));
    const body = ticketRequest();
    // A second connection plays another worker whose request with this key has not finished.
    const otherWorker = openCentralDatabase(dbPath);
    const store = new IdempotencyStore(otherWorker, clock);
    // Keys are stored under the device that sent them; the other worker serves the same device.
    const stored = ownedKey({ owner: `device:${tokenDigest(TOKEN)}` }, 'held-key-00001');
    const held = store.begin(stored, ISSUE_SCOPE, requestHash(ISSUE_SCOPE, body));
    expect(held.kind).toBe('claimed');

    const busy = await issue(app, body, 'held-key-00001');
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error.code).toBe('request-in-flight');
    // A different payload under a held key is still a reuse, not a wait.
    expect((await issue(app, ticketRequest(), 'held-key-00001')).statusCode).toBe(422);

    // The other worker died without finishing: after the lease, a retry takes the key over.
    await clock.advance(IN_FLIGHT_LEASE_MS + 1);
    const retried = await issue(app, body, 'held-key-00001');
    expect(retried.statusCode).toBe(201);
    expect(retried.json().ticket.number).toBe('A001');
    otherWorker.close();
  });

  it('keeps keys at least 30 days, then purges them on the clock', async () => {
    const clock = new ManualClock(NINE_AM_SHANGHAI);
    ({ app } = await makeApp({ clock }));
    const body = ticketRequest();
    expect((await issue(app, body, 'old-key-000001')).statusCode).toBe(201);

    // Jumps, not every sweep of the month on the way: only the hourly purge matters here.
    await clock.jump(29 * DAY);
    const stillKnown = await issue(app, { ...body, category: 'C' }, 'old-key-000001');
    expect(stillKnown.statusCode).toBe(422);

    await clock.jump(DAY + 2 * 60 * 60 * 1000); // past 30 days and the next hourly purge
    const fresh = await issue(app, { ...body, category: 'C' }, 'old-key-000001');
    expect(fresh.statusCode).toBe(201);
    expect(fresh.headers[REPLAYED_HEADER]).toBeUndefined();
  });

  it('does not burn the key on a request naming an unknown category', async () => {
    ({ app } = await makeApp());
    expect((await issue(app, ticketRequest({ category: 'Z' }), 'fix-and-retry-1')).statusCode).toBe(422);
    expect((await issue(app, ticketRequest({ category: 'A' }), 'fix-and-retry-1')).statusCode).toBe(201);
  });
});

describe('IdempotencyStore', () => {
  it('rolls the stored response back with the work, and frees the key on release', () => {
    const clock = new ManualClock(NINE_AM_SHANGHAI);
    const db = openCentralDatabase(':memory:');
    const store = new IdempotencyStore(db, clock);
    const begun = store.begin('rollback-key-1', 'scope', 'h1');
    if (begun.kind !== 'claimed') throw new Error('expected a claim');
    expect(() =>
      db.transaction(() => {
        store.complete(begun.claim, { status: 201, body: { ok: true } });
        throw new Error('work failed after completing');
      })(),
    ).toThrow('work failed');
    expect(store.begin('rollback-key-1', 'scope', 'h1').kind).toBe('in-flight');
    store.release(begun.claim);
    expect(store.begin('rollback-key-1', 'scope', 'h1').kind).toBe('claimed');
    db.close();
  });

  it('hashes payloads canonically', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: null }] })).toBe('{"a":[{"c":null,"d":2}],"b":1}');
    expect(requestHash('s', { a: 1, b: 2 })).toBe(requestHash('s', { b: 2, a: 1 }));
    expect(requestHash('s', { a: 1 })).not.toBe(requestHash('t', { a: 1 }));
  });
});
