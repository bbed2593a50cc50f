import type { Clock, TimerHandle } from '../../../domain/clock';
import { heartbeatResponseSchema, type HeartbeatRequest } from '../../../central/kiosks/contract';
import type { CentralConnection, CentralOutcome } from '../central-connection/connection';
import type { KioskLogger } from '../logging/logger';

/** The central shows a kiosk offline after three missed heartbeats; every 30 s keeps it green. */
export const HEARTBEAT_INTERVAL_MS = 30_000;
/** One heartbeat may take this long; the next one comes anyway. */
export const HEARTBEAT_TIMEOUT_MS = 8_000;
/**
 * A device changing state (paper out, reader unplugged) is heartbeated this soon instead of at the
 * next 30 s tick, so the fleet page shows it within seconds. A printer reports several states in a
 * burst (cover open, paper out, then ready again): changes within this window share one heartbeat.
 */
export const DEVICE_CHANGE_HEARTBEAT_DELAY_MS = 500;

export type HeartbeatOutcome =
  { ok: true; serverTime: string; configChanged: boolean } | { ok: false; reason: string };

/** What field staff read of a heartbeat the central did not take. */
function failureReason(outcome: Exclude<CentralOutcome<unknown>, { kind: 'ok' }>): string {
  switch (outcome.kind) {
    case 'rejected':
      return `HTTP ${outcome.status}${outcome.code === 'unknown' ? '' : ` ${outcome.code}`}`;
    case 'unauthorized':
      return 'HTTP 401 unauthorized';
    case 'retry':
      return outcome.reason;
  }
}

/**
 * Sends the kiosk's health to the central on the clock: POST /v1/kiosks/heartbeat with device
 * states, outbox depth and versions (central/kiosks/contract.ts). A failure is logged when the
 * state changes, not every 30 s. It goes through the kiosk's one connection, so a re-enrolled
 * terminal's heartbeat carries the new token (a 401 here renews it, as a renewal elsewhere is
 * used here) and the terminal stays on the fleet page.
 */
export class FleetHeartbeat {
  private timer: TimerHandle | undefined;
  private soonTimer: TimerHandle | undefined;
  private running = false;
  private lastOk: boolean | undefined;
  private last: { at: number; outcome: HeartbeatOutcome } | undefined;

  constructor(
    private readonly deps: {
      connection: CentralConnection;
      clock: Clock;
      logger: KioskLogger;
      snapshot: () => HeartbeatRequest;
      intervalMs?: number;
    },
  ) {}

  async send(): Promise<HeartbeatOutcome> {
    const { connection, clock, logger } = this.deps;
    const answer = await connection.request('POST', '/v1/kiosks/heartbeat', heartbeatResponseSchema, {
      body: this.deps.snapshot(),
      timeoutMs: HEARTBEAT_TIMEOUT_MS,
    });
    const outcome: HeartbeatOutcome =
      answer.kind === 'ok'
        ? { ok: true, serverTime: answer.body.serverTime, configChanged: answer.body.config.changed }
        : { ok: false, reason: failureReason(answer) };
    if (outcome.ok !== this.lastOk) {
      if (outcome.ok) logger.info('fleet.heartbeat-ok', {});
      else logger.warn('fleet.heartbeat-failed', { reason: outcome.reason });
      this.lastOk = outcome.ok;
    }
    this.last = { at: clock.now(), outcome };
    return outcome;
  }

  lastResult(): { at: number; outcome: HeartbeatOutcome } | undefined {
    return this.last;
  }

  /** A device changed state: one heartbeat shortly, whatever else changes meanwhile. */
  soon(): void {
    if (!this.running || this.soonTimer) return;
    this.soonTimer = this.deps.clock.setTimeout(() => {
      this.soonTimer = undefined;
      void this.send();
    }, DEVICE_CHANGE_HEARTBEAT_DELAY_MS);
  }

  start(): void {
    this.running = true;
    const tick = () => {
      this.timer = this.deps.clock.setTimeout(tick, this.deps.intervalMs ?? HEARTBEAT_INTERVAL_MS);
      void this.send();
    };
    tick();
  }

  stop(): void {
    this.running = false;
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    if (this.soonTimer) this.deps.clock.clearTimeout(this.soonTimer);
    this.timer = undefined;
    this.soonTimer = undefined;
  }
}
