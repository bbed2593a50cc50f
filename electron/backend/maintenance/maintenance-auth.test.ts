import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../drivers/clock';
import { maintenanceSchema } from '../../../kiosk-config/schema';
import { openKioskDatabase } from '../store/database';
import { MaintenanceAuth } from './maintenance-auth';
import { hashPin } from './pin-hash';

const PIN = '246810';
const pinHash = await hashPin(PIN, { N: 1024, r: 8, p: 1 });

function setup(overrides: Record<string, unknown> = {}) {
  const clock = new ManualClock();
  const db = openKioskDatabase(':memory:');
  const settings = maintenanceSchema.parse({ pinHash, ...overrides });
  return { clock, db, auth: new MaintenanceAuth({ db, clock, settings }) };
}

describe('maintenance auth', () => {
  it('opens a session with the right PIN only', async () => {
    const { auth } = setup();
    const wrong = await auth.login('000000');
    expect(wrong).toEqual({ ok: false, reason: 'wrong-pin', attemptsLeft: 4 });
    const right = await auth.login(PIN);
    expect(right.ok).toBe(true);
    if (!right.ok) return;
    expect(auth.check(right.token)).toBe(true);
    expect(auth.check('x'.repeat(64))).toBe(false);
    expect(auth.check(undefined)).toBe(false);
  });

  it('refuses everything when no PIN is set', async () => {
    const clock = new ManualClock();
    const db = openKioskDatabase(':memory:');
    const auth = new MaintenanceAuth({ db, clock, settings: maintenanceSchema.parse({}) });
    expect(await auth.login('123456')).toEqual({ ok: false, reason: 'no-pin' });
  });

  it('locks after 5 wrong PINs, doubling each further wrong PIN, capped', async () => {
    const { auth, clock } = setup({ lockout: { baseSeconds: 30, maxSeconds: 100 } });
    for (let i = 0; i < 4; i++) expect((await auth.login('000000')).ok).toBe(false);
    const fifth = await auth.login('000000');
    expect(fifth).toEqual({ ok: false, reason: 'locked', retryAt: clock.now() + 30_000 });
    // Locked: even the right PIN is not checked.
    expect(await auth.login(PIN)).toMatchObject({ reason: 'locked' });
    await clock.advance(29_999);
    expect(await auth.login(PIN)).toMatchObject({ reason: 'locked' });
    await clock.advance(1);
    expect(await auth.login('000000')).toEqual({
      ok: false,
      reason: 'locked',
      retryAt: clock.now() + 60_000,
    });
    await clock.advance(60_000);
    expect(await auth.login('000000')).toEqual({
      ok: false,
      reason: 'locked',
      retryAt: clock.now() + 100_000,
    });
    await clock.advance(100_000);
    expect((await auth.login(PIN)).ok).toBe(true);
    // A success resets the count.
    expect(await auth.login('000000')).toMatchObject({ reason: 'wrong-pin', attemptsLeft: 4 });
  });

  it('keeps the lock-out across a restart (same store)', async () => {
    const { auth, db, clock } = setup();
    for (let i = 0; i < 5; i++) await auth.login('000000');
    const again = new MaintenanceAuth({ db, clock, settings: maintenanceSchema.parse({ pinHash }) });
    expect(again.lockedUntil()).toBe(clock.now() + 30_000);
    expect(await again.login(PIN)).toMatchObject({ reason: 'locked' });
  });

  it('ends the session after idleExitSeconds without a request', async () => {
    const { auth, clock } = setup({ idleExitSeconds: 60 });
    const r = await auth.login(PIN);
    if (!r.ok) throw new Error('login failed');
    await clock.advance(59_000);
    expect(auth.check(r.token)).toBe(true); // activity restarts the idle time
    await clock.advance(59_000);
    expect(auth.active()).toBe(true);
    await clock.advance(1_000);
    expect(auth.active()).toBe(false);
    expect(auth.check(r.token)).toBe(false);
  });

  it('has one session at a time and logs out', async () => {
    const { auth } = setup();
    const a = await auth.login(PIN);
    const b = await auth.login(PIN);
    if (!a.ok || !b.ok) throw new Error('login failed');
    expect(auth.check(a.token)).toBe(false);
    expect(auth.check(b.token)).toBe(true);
    auth.logout();
    expect(auth.check(b.token)).toBe(false);
  });
});
