import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../domain/clock';
import { maintenanceSchema } from '../../../kiosk-config/schema';
import { openKioskDatabase } from '../store/database';
import { clearLockout, MaintenanceAuth, type PinVerifier } from './maintenance-auth';
import { hashPin, verifyPin } from './pin-hash';

const PIN = '246810';
const pinHash = await hashPin(PIN, { N: 1024, r: 8, p: 1 });

function setup(overrides: Record<string, unknown> = {}, verify?: PinVerifier) {
  const clock = new ManualClock();
  const db = openKioskDatabase(':memory:');
  const settings = maintenanceSchema.parse({ pinHash, ...overrides });
  return { clock, db, auth: new MaintenanceAuth({ db, clock, settings, ...(verify ? { verify } : {}) }) };
}

/** The real check, counted: how many PINs were checked, and how many at once at most. */
function countingVerifier() {
  const counts = { calls: 0, inFlight: 0, maxInFlight: 0 };
  const verify: PinVerifier = async (pin, stored) => {
    counts.calls++;
    counts.inFlight++;
    counts.maxInFlight = Math.max(counts.maxInFlight, counts.inFlight);
    try {
      return await verifyPin(pin, stored);
    } finally {
      counts.inFlight--;
    }
  };
  return { counts, verify };
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
    expect(fifth).toEqual({ ok: false, reason: 'locked', retryAt: clock.now() + 30_000, verified: true });
    // Locked: even the right PIN is not checked.
    expect(await auth.login(PIN)).toMatchObject({ reason: 'locked' });
    await clock.advance(29_999);
    expect(await auth.login(PIN)).toMatchObject({ reason: 'locked' });
    await clock.advance(1);
    expect(await auth.login('000000')).toEqual({
      ok: false,
      reason: 'locked',
      retryAt: clock.now() + 60_000,
      verified: true,
    });
    await clock.advance(60_000);
    expect(await auth.login('000000')).toEqual({
      ok: false,
      reason: 'locked',
      retryAt: clock.now() + 100_000,
      verified: true,
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
    expect(a.tookOver).toBe(false);
    expect(b.tookOver).toBe(true);
    expect(auth.check(a.token)).toBe(false);
    expect(auth.check(b.token)).toBe(true);
    auth.logout();
    expect(auth.check(b.token)).toBe(false);
  });

  it('checks at most freeAttempts PINs of a burst of 40 wrong and the right one, one at a time', async () => {
    const { counts, verify } = countingVerifier();
    const { auth, clock } = setup({}, verify);
    const burst = [...Array.from({ length: 40 }, () => auth.login('000000')), auth.login(PIN)];
    const results = await Promise.all(burst);
    expect(counts.calls).toBe(5);
    expect(counts.maxInFlight).toBe(1);
    // The right PIN came after the allowance was taken: refused without being checked.
    expect(results[40]).toEqual({
      ok: false,
      reason: 'locked',
      retryAt: clock.now() + 30_000,
      verified: false,
    });
    expect(results.filter((r) => r.ok)).toEqual([]);
    expect(results.filter((r) => !r.ok && r.reason === 'locked' && !r.verified)).toHaveLength(36);
    // The lock holds for the right PIN too, and nothing more is checked while it does.
    expect(auth.lockedUntil()).toBe(clock.now() + 30_000);
    expect(await auth.login(PIN)).toMatchObject({ ok: false, reason: 'locked', verified: false });
    expect(counts.calls).toBe(5);
    await clock.advance(30_000);
    expect((await auth.login(PIN)).ok).toBe(true);
  });

  it('lets the right PIN in when it is within the allowance of a burst, and clears the count', async () => {
    const { counts, verify } = countingVerifier();
    const { auth } = setup({}, verify);
    const burst = [auth.login('000000'), auth.login('000001'), auth.login(PIN), auth.login('000002')];
    const [a, b, right, d] = await Promise.all(burst);
    expect(a).toMatchObject({ reason: 'wrong-pin', attemptsLeft: 4 });
    expect(b).toMatchObject({ reason: 'wrong-pin', attemptsLeft: 3 });
    expect(right?.ok).toBe(true);
    expect(d).toMatchObject({ reason: 'wrong-pin' });
    expect(counts.calls).toBe(4);
    expect(auth.lockedUntil()).toBeNull();
    // After the right PIN the count started again: a full allowance is there.
    expect(await auth.login('000000')).toMatchObject({ reason: 'wrong-pin', attemptsLeft: 4 });
  });

  it('counts an attempt before its check, so a check that never returns still used it up', async () => {
    const never: PinVerifier = () => new Promise<boolean>(() => undefined);
    const { auth, db, clock } = setup({}, never);
    for (let i = 0; i < 5; i++) void auth.login('000000');
    // A second process (a restart) sees the five attempts counted and the lock they earn.
    const again = new MaintenanceAuth({ db, clock, settings: maintenanceSchema.parse({ pinHash }) });
    expect(await again.login(PIN)).toMatchObject({ reason: 'locked', verified: false });
  });

  it('is cleared by field staff with access to the store', async () => {
    const { auth, db, clock } = setup();
    for (let i = 0; i < 5; i++) await auth.login('000000');
    expect(auth.lockedUntil()).toBe(clock.now() + 30_000);
    expect(clearLockout(db)).toEqual({ failures: 5, lockedUntil: clock.now() + 30_000 });
    expect(auth.lockedUntil()).toBeNull();
    expect((await auth.login(PIN)).ok).toBe(true);
    expect(clearLockout(db)).toEqual({ failures: 0, lockedUntil: 0 });
  });
});
