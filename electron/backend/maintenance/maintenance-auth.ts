import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock, TimerHandle } from '../../../domain/clock';
import type { KioskConfig } from '../../../kiosk-config/schema';
import type { KioskDatabase } from '../store/database';
import { verifyPin } from './pin-hash';

export type LoginResult =
  | { ok: true; token: string; idleExitSeconds: number; tookOver: boolean }
  | { ok: false; reason: 'no-pin' }
  | { ok: false; reason: 'wrong-pin'; attemptsLeft: number }
  /** `verified` false: refused before the PIN was checked (locked, or the allowance already taken). */
  | { ok: false; reason: 'locked'; retryAt: number; verified: boolean };

const TOKEN_BYTES = 32;

export type PinVerifier = (pin: string, stored: string) => Promise<boolean>;

/**
 * Clears the lock-out and the count of wrong PINs (field staff with access to the kiosk's store);
 * returns what there was, so the one clearing it can say whether the entry was locked.
 */
export function clearLockout(db: KioskDatabase): { failures: number; lockedUntil: number } {
  return db
    .transaction(() => {
      const row = db
        .prepare('SELECT failures, locked_until AS lockedUntil FROM maintenance_lockout WHERE id = 1')
        .get() as { failures: number; lockedUntil: number } | undefined;
      db.prepare('DELETE FROM maintenance_lockout WHERE id = 1').run();
      return row ?? { failures: 0, lockedUntil: 0 };
    })
    .immediate();
}

/**
 * Who may use maintenance mode: the PIN, a lock-out that grows after `freeAttempts` wrong PINs in
 * a row (kept in SQLite, so a power cycle does not reset it), and one session at a time that ends
 * after `idleExitSeconds` without a request. Time comes from the injected clock.
 *
 * An attempt is counted as wrong, and the lock-out it would earn set, in one transaction BEFORE its
 * PIN is checked; a right PIN then clears the count. So however many attempts arrive at once, at
 * most the allowance of the current lock window is ever checked, and everything beyond it is
 * refused without hashing. Checks run one at a time (scrypt on the libuv pool, never on the event
 * loop), so a burst holds one pool thread, not all of them, and citizens' requests keep answering.
 */
export class MaintenanceAuth {
  private session: { token: string; lastActivity: number } | undefined;
  private idleTimer: TimerHandle | undefined;
  /** The tail of the one-at-a-time queue of PIN checks. */
  private verifying: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: {
      db: KioskDatabase;
      clock: Clock;
      settings: KioskConfig['maintenance'];
      /** Told when a session ends because nobody used it for idleExitSeconds. */
      onIdleExit?: () => void;
      /** The PIN check; replaced in tests to count and pace the checks. */
      verify?: PinVerifier;
    },
  ) {}

  /** (Re)arms the idle exit on the clock, so it is recorded when it happens, not at the next request. */
  private armIdle(): void {
    const { clock, settings } = this.deps;
    if (this.idleTimer) clock.clearTimeout(this.idleTimer);
    this.idleTimer = clock.setTimeout(() => {
      this.idleTimer = undefined;
      if (this.session && !this.active()) {
        this.session = undefined;
        this.deps.onIdleExit?.();
      }
    }, settings.idleExitSeconds * 1000);
  }

  private state(): { failures: number; lockedUntil: number } {
    const row = this.deps.db
      .prepare('SELECT failures, locked_until AS lockedUntil FROM maintenance_lockout WHERE id = 1')
      .get() as { failures: number; lockedUntil: number } | undefined;
    return row ?? { failures: 0, lockedUntil: 0 };
  }

  private save(failures: number, lockedUntil: number): void {
    this.deps.db
      .prepare(
        `INSERT INTO maintenance_lockout (id, failures, locked_until) VALUES (1, ?, ?)
         ON CONFLICT (id) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until`,
      )
      .run(failures, lockedUntil);
  }

  /**
   * Takes one attempt from the allowance, as if it were wrong, or refuses when the entry is locked
   * (which includes: the allowance of this window is already taken by attempts still being checked).
   */
  private reserve(
    now: number,
  ): { ok: true; failures: number; lockedUntil: number } | { ok: false; retryAt: number } {
    return this.deps.db
      .transaction(() => {
        const { failures, lockedUntil } = this.state();
        if (lockedUntil > now) return { ok: false as const, retryAt: lockedUntil };
        const counted = failures + 1;
        const lockMs = this.lockoutMs(counted);
        const until = lockMs > 0 ? now + lockMs : 0;
        this.save(counted, until);
        return { ok: true as const, failures: counted, lockedUntil: until };
      })
      .immediate();
  }

  /** Runs `check` after every check queued before it. */
  private queued<T>(check: () => Promise<T>): Promise<T> {
    const run = this.verifying.then(check, check);
    this.verifying = run.catch(() => undefined);
    return run;
  }

  /** When the entry opens again, or null when it is not locked. */
  lockedUntil(): number | null {
    const { lockedUntil } = this.state();
    return lockedUntil > this.deps.clock.now() ? lockedUntil : null;
  }

  /** Lock-out after the n-th wrong PIN in a row: none up to freeAttempts, then base doubling to max. */
  lockoutMs(failures: number): number {
    const { freeAttempts, baseSeconds, maxSeconds } = this.deps.settings.lockout;
    if (failures < freeAttempts) return 0;
    return Math.min(maxSeconds, baseSeconds * 2 ** (failures - freeAttempts)) * 1000;
  }

  async login(pin: string): Promise<LoginResult> {
    const { settings, clock } = this.deps;
    const pinHash = settings.pinHash;
    if (!pinHash) return { ok: false, reason: 'no-pin' };
    const reserved = this.reserve(clock.now());
    // Locked, or the allowance is taken: the PIN is not even checked, so no oracle for a guesser.
    if (!reserved.ok) return { ok: false, reason: 'locked', retryAt: reserved.retryAt, verified: false };
    const verify = this.deps.verify ?? verifyPin;
    const right = await this.queued(() => verify(pin, pinHash));
    if (!right) {
      if (reserved.lockedUntil > 0)
        return { ok: false, reason: 'locked', retryAt: reserved.lockedUntil, verified: true };
      return {
        ok: false,
        reason: 'wrong-pin',
        attemptsLeft: settings.lockout.freeAttempts - reserved.failures,
      };
    }
    const now = clock.now();
    this.save(0, 0);
    const tookOver = this.active();
    this.session = { token: randomBytes(TOKEN_BYTES).toString('hex'), lastActivity: now };
    this.armIdle();
    return { ok: true, token: this.session.token, idleExitSeconds: settings.idleExitSeconds, tookOver };
  }

  /** True (and the idle time restarts) when `token` is the open session's and it has not idled out. */
  check(token: string | undefined): boolean {
    const s = this.session;
    if (!s || !token) return false;
    const now = this.deps.clock.now();
    if (now - s.lastActivity >= this.deps.settings.idleExitSeconds * 1000) {
      this.session = undefined;
      this.deps.onIdleExit?.();
      return false;
    }
    const a = Buffer.from(token);
    const b = Buffer.from(s.token);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return false;
    s.lastActivity = now;
    this.armIdle();
    return true;
  }

  /** Whether a session is open (and not idled out), without touching it. */
  active(): boolean {
    const s = this.session;
    return (
      s !== undefined && this.deps.clock.now() - s.lastActivity < this.deps.settings.idleExitSeconds * 1000
    );
  }

  logout(): void {
    this.session = undefined;
    if (this.idleTimer) this.deps.clock.clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }
}
