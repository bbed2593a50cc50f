import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock, TimerHandle } from '../../../drivers/clock';
import type { KioskConfig } from '../../../kiosk-config/schema';
import type { KioskDatabase } from '../store/database';
import { verifyPin } from './pin-hash';

export type LoginResult =
  | { ok: true; token: string; idleExitSeconds: number }
  | { ok: false; reason: 'no-pin' }
  | { ok: false; reason: 'wrong-pin'; attemptsLeft: number }
  | { ok: false; reason: 'locked'; retryAt: number };

const TOKEN_BYTES = 32;

/**
 * Who may use maintenance mode: the PIN, a lock-out that grows after `freeAttempts` wrong PINs in
 * a row (kept in SQLite, so a power cycle does not reset it), and one session at a time that ends
 * after `idleExitSeconds` without a request. Time comes from the injected clock.
 */
export class MaintenanceAuth {
  private session: { token: string; lastActivity: number } | undefined;
  private idleTimer: TimerHandle | undefined;

  constructor(
    private readonly deps: {
      db: KioskDatabase;
      clock: Clock;
      settings: KioskConfig['maintenance'];
      /** Told when a session ends because nobody used it for idleExitSeconds. */
      onIdleExit?: () => void;
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
    if (!settings.pinHash) return { ok: false, reason: 'no-pin' };
    const locked = this.lockedUntil();
    // While locked the PIN is not even checked: no oracle for a guesser.
    if (locked !== null) return { ok: false, reason: 'locked', retryAt: locked };
    const right = await verifyPin(pin, settings.pinHash);
    const now = clock.now();
    if (right) {
      this.save(0, 0);
      this.session = { token: randomBytes(TOKEN_BYTES).toString('hex'), lastActivity: now };
      this.armIdle();
      return { ok: true, token: this.session.token, idleExitSeconds: settings.idleExitSeconds };
    }
    const failures = this.state().failures + 1;
    const lockMs = this.lockoutMs(failures);
    this.save(failures, lockMs > 0 ? now + lockMs : 0);
    if (lockMs > 0) return { ok: false, reason: 'locked', retryAt: now + lockMs };
    return { ok: false, reason: 'wrong-pin', attemptsLeft: settings.lockout.freeAttempts - failures };
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
