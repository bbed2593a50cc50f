import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../domain/clock';
import { createTestLogger } from '../logging/logger';
import {
  browserGate,
  CODE_QUERY,
  MAX_PENDING_CODES,
  ONE_TIME_CODE_TTL_MS,
  OneTimeCodes,
  SECRET_HEADER,
  SESSION_COOKIE,
} from './secret-auth';

const PORT = 43_210;
const HOST = `127.0.0.1:${PORT}`;
const OWN_ORIGIN = `http://${HOST}`;
const SECRET = 's'.repeat(48);
const TOKEN = 't'.repeat(48);

describe('OneTimeCodes', () => {
  it('opens once: the same code a second time is refused', () => {
    const codes = new OneTimeCodes(new ManualClock());
    const code = codes.issue();
    expect(codes.redeem(code)).toBe(true);
    expect(codes.redeem(code)).toBe(false);
  });

  it('expires after its time on the injected clock, not before', async () => {
    const clock = new ManualClock();
    const codes = new OneTimeCodes(clock);
    const late = codes.issue();
    const inTime = codes.issue();
    await clock.advance(ONE_TIME_CODE_TTL_MS - 1);
    expect(codes.redeem(inTime)).toBe(true);
    await clock.advance(1);
    expect(codes.redeem(late)).toBe(false);
  });

  it('refuses codes it never issued, and issues a different code each time', () => {
    const codes = new OneTimeCodes(new ManualClock());
    const issued = new Set(Array.from({ length: MAX_PENDING_CODES }, () => codes.issue()));
    expect(issued.size).toBe(MAX_PENDING_CODES);
    expect(codes.redeem('')).toBe(false);
    expect(codes.redeem('A'.repeat(22))).toBe(false);
  });

  it('keeps at most MAX_PENDING_CODES unused codes, dropping the oldest', () => {
    const codes = new OneTimeCodes(new ManualClock());
    const first = codes.issue();
    const rest = Array.from({ length: MAX_PENDING_CODES }, () => codes.issue());
    expect(codes.redeem(first)).toBe(false);
    for (const code of rest) expect(codes.redeem(code)).toBe(true);
  });
});

describe('browserGate', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function gate(clock = new ManualClock()) {
    const logger = createTestLogger();
    const codes = new OneTimeCodes(clock);
    let ended = 0;
    app = Fastify();
    app.addHook(
      'onRequest',
      browserGate({ secret: SECRET, sessionToken: TOKEN, codes, port: () => PORT, logger }),
    );
    app.get('/', async () => 'page');
    app.get('/api/state', async () => ({ ok: true }));
    app.post('/api/session/end', async () => {
      ended++;
      return { ok: true };
    });
    await app.ready();
    return { app, codes, logger, clock, ended: () => ended };
  }

  const cookie = `${SESSION_COOKIE}=${TOKEN}`;

  it('trades a one-time code for the session cookie and sends the browser to / (the secret is in neither)', async () => {
    const { app, codes, logger } = await gate();
    const code = codes.issue();
    const res = await app.inject({
      url: `/?${CODE_QUERY}=${code}`,
      headers: { host: HOST, 'sec-fetch-site': 'none' },
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
    expect(res.headers['set-cookie']).toBe(`${SESSION_COOKIE}=${TOKEN}; HttpOnly; SameSite=Strict; Path=/`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.stringify(res.headers)).not.toContain(SECRET);
    expect(code).not.toContain(SECRET);
    expect(logger.lines.join('\n')).not.toContain(code);

    const again = await app.inject({ url: `/?${CODE_QUERY}=${code}`, headers: { host: HOST } });
    expect(again.statusCode).toBe(401);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(again.body).toContain('Press Enter');
    expect(again.body).toContain('按回车键');
  });

  it('refuses a code that expired on the clock', async () => {
    const { app, codes, clock } = await gate();
    const code = codes.issue();
    await clock.advance(ONE_TIME_CODE_TTL_MS);
    const res = await app.inject({ url: `/?${CODE_QUERY}=${code}`, headers: { host: HOST } });
    expect(res.statusCode).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('no longer takes the secret in the URL', async () => {
    const { app } = await gate();
    const res = await app.inject({ url: `/?k=${SECRET}`, headers: { host: HOST } });
    expect(res.statusCode).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
    const asCode = await app.inject({ url: `/?${CODE_QUERY}=${SECRET}`, headers: { host: HOST } });
    expect(asCode.statusCode).toBe(401);
  });

  it('lets the page in with the cookie and tools with the header secret; nothing else', async () => {
    const { app } = await gate();
    expect((await app.inject({ url: '/api/state', headers: { host: HOST, cookie } })).statusCode).toBe(200);
    expect(
      (await app.inject({ url: '/api/state', headers: { host: HOST, [SECRET_HEADER]: SECRET } })).statusCode,
    ).toBe(200);
    const none = await app.inject({ url: '/api/state', headers: { host: HOST } });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toEqual({ ok: false, error: { code: 'unauthorized' } });
    // The old cookie, which held the secret itself, is no longer a credential.
    const oldCookie = await app.inject({
      url: '/api/state',
      headers: { host: HOST, cookie: `kiosk_secret=${SECRET}` },
    });
    expect(oldCookie.statusCode).toBe(401);
    const wrong = await app.inject({
      url: '/api/state',
      headers: { host: HOST, cookie: `${SESSION_COOKIE}=${SECRET}` },
    });
    expect(wrong.statusCode).toBe(401);
  });

  it.each([
    ['another name resolving to 127.0.0.1 (DNS rebinding)', `attacker.example:${PORT}`],
    ['another port', `127.0.0.1:${PORT + 1}`],
    ['no port', '127.0.0.1'],
    ['an IPv6 loopback', `[::1]:${PORT}`],
    ['a suffix trick', `127.0.0.1:${PORT}.attacker.example`],
    ['nothing', ''],
  ])('answers 421 in plain text to a Host of %s, even with the secret', async (_what, host) => {
    const { app, logger, ended } = await gate();
    const res = await app.inject({
      method: 'POST',
      url: '/api/session/end',
      headers: { host, [SECRET_HEADER]: SECRET, cookie, origin: `http://${host}` },
    });
    expect(res.statusCode).toBe(421);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(ended()).toBe(0);
    expect(logger.lines.some((l) => l.includes('"host.misdirected"'))).toBe(true);
  });

  it('accepts localhost with our port as well, in any letter case', async () => {
    const { app } = await gate();
    const res = await app.inject({ url: '/api/state', headers: { host: `LocalHost:${PORT}`, cookie } });
    expect(res.statusCode).toBe(200);
  });

  it.each([
    [
      'a bodyless POST from another port of 127.0.0.1',
      { origin: `http://127.0.0.1:${PORT + 1}`, 'sec-fetch-site': 'same-site' },
    ],
    ['an Origin of another port without Sec-Fetch-Site', { origin: `http://127.0.0.1:${PORT + 1}` }],
    ['Origin null (a sandboxed frame or a redirect)', { origin: 'null' }],
    ['localhost as Origin while the Host is 127.0.0.1', { origin: `http://localhost:${PORT}` }],
    ['the https origin of our host', { origin: `https://${HOST}` }],
    ['neither Origin nor Sec-Fetch-Site', {}],
    ['Sec-Fetch-Site same-site even with our Origin', { origin: OWN_ORIGIN, 'sec-fetch-site': 'same-site' }],
    ['a form of another site', { origin: 'http://attacker.example', 'sec-fetch-site': 'cross-site' }],
  ])('refuses %s with the cookie: 403 and the session stays', async (_what, headers) => {
    const { app, ended, logger } = await gate();
    const res = await app.inject({
      method: 'POST',
      url: '/api/session/end',
      headers: { host: HOST, cookie, ...headers },
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(ended()).toBe(0);
    expect(logger.lines.some((l) => l.includes('"host.cross-origin-refused"'))).toBe(true);
  });

  it('refuses a load by another page of the same site (a frame, an image, a script)', async () => {
    const { app } = await gate();
    const res = await app.inject({
      url: '/',
      headers: { host: HOST, cookie, 'sec-fetch-site': 'same-site' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('accepts a state change from the page itself: our Origin, or Sec-Fetch-Site same-origin', async () => {
    const { app, ended } = await gate();
    const byOrigin = await app.inject({
      method: 'POST',
      url: '/api/session/end',
      headers: { host: HOST, cookie, origin: OWN_ORIGIN, 'sec-fetch-site': 'same-origin' },
    });
    expect(byOrigin.statusCode).toBe(200);
    const bySite = await app.inject({
      method: 'POST',
      url: '/api/session/end',
      headers: { host: HOST, cookie, 'sec-fetch-site': 'same-origin' },
    });
    expect(bySite.statusCode).toBe(200);
    expect(ended()).toBe(2);
  });

  it('refuses a cross-origin POST without the cookie as cross-origin, before any credential is looked at', async () => {
    const { app, ended } = await gate();
    const res = await app.inject({
      method: 'POST',
      url: '/api/session/end',
      headers: { host: HOST, origin: 'http://127.0.0.1:1', 'sec-fetch-site': 'same-site' },
    });
    expect(res.statusCode).toBe(403);
    expect(ended()).toBe(0);
  });
});
