import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/clock';
import { http, STAFF, startWithStaff } from '../cases/test-support';
import { openCentralDatabase } from '../db/database';
import { NINE_AM_SHANGHAI, TOKEN } from '../test-support';
import { StaffStore, tokenDigest } from '../staff/store';
import {
  LOGIN_MESSAGES,
  LOGIN_RATE_LIMIT,
  sessionCookie,
  STAFF_SESSION_COOKIE,
} from '../staff/browser-login';
import { STAFF_SESSION_TTL_MS } from '../staff/sessions';
import type { HeartbeatRequest } from './contract';
import { FLEET_PATHS } from './fleet-page';
import { FLEET_OFFLINE_SWEEP_MS, KIOSK_ONLINE_WINDOW_MS } from './store';

/** What Chromium asks for when it navigates to a page. */
const BROWSER = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

type Central = Awaited<ReturnType<typeof startWithStaff>>;
let central: Central | undefined;
const streams: AbortController[] = [];
afterEach(async () => {
  for (const s of streams.splice(0)) s.abort();
  await central?.close();
  central = undefined;
});

async function start() {
  central = await startWithStaff({ clock: new ManualClock(NINE_AM_SHANGHAI) });
  return { central, api: http(central.baseUrl), origin: new URL(central.baseUrl).origin };
}

function heartbeatBody(overrides: Partial<HeartbeatRequest> = {}): HeartbeatRequest {
  return {
    terminalId: 'KIOSK-CITY-07',
    hallId: 'HALL-CITY-01',
    devices: { idCardReader: { state: 'ready' }, receiptPrinter: { state: 'ready' } },
    outboxDepth: 0,
    versions: { app: '0.1.0', config: 0 },
    ...overrides,
  };
}

/** The browser's login form, as Chromium posts it. */
async function login(base: string, token: string, headers: Record<string, string> = {}) {
  return fetch(`${base}${FLEET_PATHS.login}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: new URL(base).origin,
      ...headers,
    },
    body: new URLSearchParams({ token }).toString(),
  });
}

function cookieOf(res: Response): string {
  const set = res.headers.get('set-cookie') ?? '';
  return set.split(';')[0]!;
}

/** Reads `event: fleet.row` frames of the fleet stream as they come. */
async function openFleetStream(base: string, headers: Record<string, string>) {
  const controller = new AbortController();
  streams.push(controller);
  const res = await fetch(`${base}${FLEET_PATHS.events}`, { headers, signal: controller.signal });
  const frames: { event: string; data: Record<string, unknown> }[] = [];
  let waiters: (() => void)[] = [];
  if (res.ok && res.body) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (event && data) frames.push({ event, data: JSON.parse(data) as Record<string, unknown> });
          }
          const w = waiters;
          waiters = [];
          w.forEach((f) => f());
        }
      } catch {
        // aborted at the end of the test
      }
    })();
  }
  const until = (done: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => (done() ? resolve() : waiters.push(check));
      check();
    });
  return { status: res.status, frames, until, close: () => controller.abort() };
}

describe('fleet page login', () => {
  it('opens a session cookie for a manager’s token and shows the page of their halls', async () => {
    const { central, api } = await start();
    expect((await api.post('/v1/kiosks/heartbeat', heartbeatBody())).status).toBe(200);
    expect(
      (
        await api.post(
          '/v1/kiosks/heartbeat',
          heartbeatBody({ terminalId: 'KIOSK-SC-03', hallId: 'HALL-SC-01' }),
        )
      ).status,
    ).toBe(200);

    // Without a session the browser is sent to the login page, which carries the CSP.
    const bare = await fetch(`${central.baseUrl}${FLEET_PATHS.page}`, {
      redirect: 'manual',
      headers: BROWSER,
    });
    expect(bare.status).toBe(303);
    expect(bare.headers.get('location')).toBe(FLEET_PATHS.login);
    // A tool without a token gets the API's answer instead.
    expect((await fetch(`${central.baseUrl}${FLEET_PATHS.page}`)).status).toBe(401);
    const form = await fetch(`${central.baseUrl}${FLEET_PATHS.login}`);
    expect(form.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await form.text()).toContain('name="token" type="password"');

    const res = await login(central.baseUrl, STAFF.managerSc);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(FLEET_PATHS.page);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(new RegExp(`^${STAFF_SESSION_COOKIE}=[A-Za-z0-9_-]{43}; `));
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/v1/kiosks');
    expect(setCookie).toContain(`Max-Age=${STAFF_SESSION_TTL_MS / 1000}`);
    expect(setCookie).not.toContain('Secure'); // plain http here; https adds it
    const cookie = cookieOf(res);

    const page = await fetch(`${central.baseUrl}${FLEET_PATHS.page}`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await page.text();
    expect(html).toContain('KIOSK-SC-03');
    expect(html).not.toContain('KIOSK-CITY-07'); // another hall: outside this manager's reach
    expect(html).toContain('上城值班长');
    expect(html).toContain(`<script src="${FLEET_PATHS.script}" defer></script>`);
    expect(html).not.toMatch(/<script>|<style>| on[a-z]+=/);
    const script = await fetch(`${central.baseUrl}${FLEET_PATHS.script}`);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(await script.text()).toContain('new EventSource(url)');

    // Only the session id's digest is in the database.
    const id = cookie.split('=')[1]!;
    const db = openCentralDatabase(central.dbPath, { seed: false });
    try {
      const rows = db.prepare('SELECT session_digest, staff_id FROM staff_sessions').all();
      expect(rows).toEqual([{ session_digest: tokenDigest(id), staff_id: 'M101' }]);
    } finally {
      db.close();
    }

    // The session ends after its time, and on logout.
    await central.clock.advance(STAFF_SESSION_TTL_MS);
    const expired = await fetch(`${central.baseUrl}${FLEET_PATHS.page}`, {
      headers: { cookie, ...BROWSER },
      redirect: 'manual',
    });
    expect(expired.status).toBe(303);
    const again = cookieOf(await login(central.baseUrl, STAFF.manager));
    expect(
      (await fetch(`${central.baseUrl}${FLEET_PATHS.page}`, { headers: { cookie: again } })).status,
    ).toBe(200);
    const out = await fetch(`${central.baseUrl}${FLEET_PATHS.logout}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: again, origin: new URL(central.baseUrl).origin },
    });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    const after = await fetch(`${central.baseUrl}${FLEET_PATHS.page}`, {
      headers: { cookie: again, ...BROWSER },
      redirect: 'manual',
    });
    expect(after.status).toBe(303);
  });

  it('refuses a wrong, missing or non-manager token and a post from another site, in plain words, opening nothing', async () => {
    const { central } = await start();
    const wrong = await login(central.baseUrl, 'staff-not-a-real-token-00000000');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect(await wrong.text()).toContain(LOGIN_MESSAGES.invalid);
    const empty = await login(central.baseUrl, '   ');
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain(LOGIN_MESSAGES.missing);
    const clerk = await login(central.baseUrl, STAFF.window);
    expect(clerk.status).toBe(403);
    expect(await clerk.text()).toContain(LOGIN_MESSAGES.role);
    const foreign = await login(central.baseUrl, STAFF.manager, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toContain(LOGIN_MESSAGES.origin);
    const noOrigin = await fetch(`${central.baseUrl}${FLEET_PATHS.login}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${STAFF.manager}`,
    });
    expect(noOrigin.status).toBe(403);
    // A made-up cookie opens nothing either.
    const forged = await fetch(`${central.baseUrl}${FLEET_PATHS.events}`, {
      headers: { cookie: `${STAFF_SESSION_COOKIE}=${'A'.repeat(43)}` },
    });
    expect(forged.status).toBe(401);
    const db = openCentralDatabase(central.dbPath, { seed: false });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM staff_sessions').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('limits login attempts per address', async () => {
    const { central } = await start();
    const statuses: number[] = [];
    for (let i = 0; i <= LOGIN_RATE_LIMIT.max; i++) {
      statuses.push((await login(central.baseUrl, `staff-guess-${i}-000000000000000000`)).status);
    }
    expect(statuses.slice(0, LOGIN_RATE_LIMIT.max).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Even the right token waits out the window, told so in plain words.
    const limited = await login(central.baseUrl, STAFF.manager);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(limited.headers.get('set-cookie')).toBeNull();
    expect(await limited.text()).toContain(LOGIN_MESSAGES.tooMany);
  });
});

describe('fleet stream', () => {
  it('sends the fleet on connect, then each heartbeat and each kiosk gone silent, of the caller’s halls only', async () => {
    const { central, api } = await start();
    expect((await api.post('/v1/kiosks/heartbeat', heartbeatBody())).status).toBe(200);
    const cookie = cookieOf(await login(central.baseUrl, STAFF.managerSc));
    const sc = await openFleetStream(central.baseUrl, { cookie });
    const city = await openFleetStream(central.baseUrl, { authorization: `Bearer ${STAFF.manager}` });
    expect(sc.status).toBe(200);
    await city.until(() => city.frames.length === 1);
    expect(city.frames[0]!.data).toMatchObject({ terminalId: 'KIOSK-CITY-07', online: true });

    // A printer runs out of paper at a Shangcheng kiosk: both managers see it, with its row.
    const paperOut = heartbeatBody({
      terminalId: 'KIOSK-SC-03',
      hallId: 'HALL-SC-01',
      devices: { receiptPrinter: { state: 'paper-out' } },
    });
    expect((await api.post('/v1/kiosks/heartbeat', paperOut)).status).toBe(200);
    await sc.until(() => sc.frames.length === 1);
    await city.until(() => city.frames.length === 2);
    expect(sc.frames[0]!.data).toMatchObject({
      terminalId: 'KIOSK-SC-03',
      hallId: 'HALL-SC-01',
      online: true,
    });
    expect(sc.frames[0]!.data.html).toContain('凭条打印机 receiptPrinter: 缺纸 paper-out');

    // The city kiosk falls silent; nothing else arrives at the central. Within two heartbeat
    // intervals the sweep announces it offline, to the city manager only.
    const silentSince = central.clock.now();
    await central.clock.advance(KIOSK_ONLINE_WINDOW_MS - 1_000);
    expect((await api.post('/v1/kiosks/heartbeat', paperOut)).status).toBe(200);
    await central.clock.advance(1_000 + FLEET_OFFLINE_SWEEP_MS);
    await city.until(() => city.frames.some((f) => f.data.terminalId === 'KIOSK-CITY-07' && !f.data.online));
    expect(central.clock.now() - silentSince).toBeLessThanOrEqual(60_000);
    const offline = city.frames.find((f) => f.data.terminalId === 'KIOSK-CITY-07' && !f.data.online)!;
    expect(offline.data.html).toContain('离线 offline');
    await sc.until(() => sc.frames.length === 2);
    expect(sc.frames.every((f) => f.data.hallId === 'HALL-SC-01')).toBe(true);

    // Announced once, not at every sweep.
    const count = city.frames.length;
    await central.clock.advance(4 * FLEET_OFFLINE_SWEEP_MS);
    expect(city.frames.filter((f) => f.data.terminalId === 'KIOSK-CITY-07' && !f.data.online)).toHaveLength(
      1,
    );
    expect(city.frames.length).toBeGreaterThanOrEqual(count);
  });

  it('is refused without a manager: a kiosk, window staff or no credentials', async () => {
    const { central } = await start();
    expect((await openFleetStream(central.baseUrl, {})).status).toBe(401);
    expect((await openFleetStream(central.baseUrl, { authorization: `Bearer ${TOKEN}` })).status).toBe(403);
    expect((await openFleetStream(central.baseUrl, { authorization: `Bearer ${STAFF.window}` })).status).toBe(
      403,
    );
  });
});

describe('fleet session ends', () => {
  it('marks the cookie Secure over https', () => {
    expect(sessionCookie('abc', 60, true)).toBe(
      `${STAFF_SESSION_COOKIE}=abc; HttpOnly; SameSite=Strict; Path=/v1/kiosks; Max-Age=60; Secure`,
    );
  });

  it('when the staff member is revoked, and ends an open stream when the session expires', async () => {
    const { central } = await start();
    const cookie = cookieOf(await login(central.baseUrl, STAFF.managerSc));
    const stream = await openFleetStream(central.baseUrl, { cookie });
    expect(stream.status).toBe(200);
    await central.clock.advance(STAFF_SESSION_TTL_MS);
    await stream.until(() => stream.frames.some((f) => f.event === 'fleet.session-ended'));

    const again = cookieOf(await login(central.baseUrl, STAFF.managerSc));
    const db = openCentralDatabase(central.dbPath, { seed: false });
    try {
      expect(new StaffStore(db, () => central.clock.now()).revoke('M101')).toBe(true);
    } finally {
      db.close();
    }
    const page = await fetch(`${central.baseUrl}${FLEET_PATHS.page}`, {
      headers: { cookie: again, ...BROWSER },
      redirect: 'manual',
    });
    expect(page.status).toBe(303);
  });
});
