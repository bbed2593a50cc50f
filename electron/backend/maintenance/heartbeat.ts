import type { Clock, TimerHandle } from '../../../domain/clock';
import { heartbeatResponseSchema, type HeartbeatRequest } from '../../../central/kiosks/contract';
import type { KioskLogger } from '../logging/logger';

/** The central shows a kiosk offline after three missed heartbeats; every 30 s keeps it green. */
export const HEARTBEAT_INTERVAL_MS = 30_000;
/** One heartbeat may take this long; the next one comes anyway. */
export const HEARTBEAT_TIMEOUT_MS = 8_000;

export type HeartbeatOutcome =
  { ok: true; serverTime: string; configChanged: boolean } | { ok: false; reason: string };

/**
 * Sends the kiosk's health to the central on the clock: POST /v1/kiosks/heartbeat with device
 * states, outbox depth and versions (central/kiosks/contract.ts). A failure is logged when the
 * state changes, not every 30 s.
 */
export class FleetHeartbeat {
  private timer: TimerHandle | undefined;
  private lastOk: boolean | undefined;
  private last: { at: number; outcome: HeartbeatOutcome } | undefined;

  constructor(
    private readonly deps: {
      baseUrl: string;
      deviceToken: string;
      clock: Clock;
      logger: KioskLogger;
      snapshot: () => HeartbeatRequest;
      fetch?: typeof fetch;
      intervalMs?: number;
    },
  ) {}

  async send(): Promise<HeartbeatOutcome> {
    const { baseUrl, deviceToken, clock, logger } = this.deps;
    const doFetch = this.deps.fetch ?? fetch;
    let outcome: HeartbeatOutcome;
    try {
      const res = await doFetch(new URL('/v1/kiosks/heartbeat', baseUrl), {
        method: 'POST',
        headers: { authorization: `Bearer ${deviceToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(this.deps.snapshot()),
        signal: AbortSignal.timeout(HEARTBEAT_TIMEOUT_MS),
      });
      const body = (await res.json().catch(() => undefined)) as unknown;
      const parsed = heartbeatResponseSchema.safeParse(body);
      if (res.ok && parsed.success) {
        outcome = { ok: true, serverTime: parsed.data.serverTime, configChanged: parsed.data.config.changed };
      } else {
        const code = (body as { error?: { code?: string } } | undefined)?.error?.code;
        outcome = { ok: false, reason: `HTTP ${res.status}${code ? ` ${code}` : ''}` };
      }
    } catch (err) {
      outcome = { ok: false, reason: `network: ${(err as Error).name}: ${(err as Error).message}` };
    }
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

  start(): void {
    const tick = () => {
      this.timer = this.deps.clock.setTimeout(tick, this.deps.intervalMs ?? HEARTBEAT_INTERVAL_MS);
      void this.send();
    };
    tick();
  }

  stop(): void {
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
