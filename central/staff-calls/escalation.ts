import type { CentralContext } from '../context';
import { runPeriodically } from '../http/idempotency';
import type { StaffCall, StaffCallChangedData } from './contract';
import type { StaffCallStore } from './store';

/** How long a call may wait for someone to take it before it goes to the duty manager. */
export const DEFAULT_STAFF_CALL_ESCALATE_AFTER_S = 120;
/** The setting's name in the central's environment. */
export const STAFF_CALL_ESCALATE_ENV = 'STAFF_CALL_ESCALATE_AFTER_S';
/**
 * How often open calls are checked against the deadline: a call escalates at most this late,
 * which is small beside a deadline of minutes and keeps the sweep's cost negligible.
 */
export const STAFF_CALL_SWEEP_MS = 5_000;
/** Beyond a working day a deadline is a typo, not a policy. */
const MAX_ESCALATE_AFTER_S = 8 * 3600;

/**
 * The escalation deadline from the environment, in ms; the default when unset. A value that is
 * not a whole number of seconds from 10 s to 8 h stops the central at start with a clear error
 * rather than escalating every call at once (or never).
 */
export function staffCallEscalationFrom(env: NodeJS.ProcessEnv): number {
  const raw = env[STAFF_CALL_ESCALATE_ENV];
  if (raw === undefined || raw.trim() === '') return DEFAULT_STAFF_CALL_ESCALATE_AFTER_S * 1000;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 10 || seconds > MAX_ESCALATE_AFTER_S) {
    throw new Error(
      `${STAFF_CALL_ESCALATE_ENV} must be a whole number of seconds from 10 to ${MAX_ESCALATE_AFTER_S}, not "${raw}"`,
    );
  }
  return seconds * 1000;
}

/**
 * Tells the calling kiosk (its own stream) and the hall's staff pages. Call inside the change's
 * transaction, so the events exist exactly when the change was committed.
 */
export function publishStaffCallChange(
  ctx: Pick<CentralContext, 'events'>,
  reason: StaffCallChangedData['reason'],
  call: StaffCall,
): void {
  const data = { reason, call };
  ctx.events.publish({ type: 'staff-call.changed', hallId: call.hallId, terminalId: call.terminalId, data });
  ctx.events.publish({ type: 'fleet.staff-call-changed', hallId: call.hallId, data });
}

/**
 * Escalates calls nobody has taken within the deadline, counted from when the central received
 * them: the kiosk's clock is not trusted for a deadline, and a call delayed in an outbox still
 * gives staff their full time once they can see it. Runs on every node; the store's conditional
 * update lets one of them escalate each call. Returns the stop function.
 */
export function startEscalationSweep(
  ctx: CentralContext,
  calls: StaffCallStore,
  escalateAfterMs: number,
  onError: (err: unknown) => void,
): () => void {
  return runPeriodically(
    ctx.clock,
    STAFF_CALL_SWEEP_MS,
    () =>
      ctx.db
        .transaction(() => {
          const now = ctx.clock.now();
          for (const call of calls.escalateDue(now - escalateAfterMs, now)) {
            publishStaffCallChange(ctx, 'escalated', call);
          }
        })
        .immediate(),
    onError,
  );
}
