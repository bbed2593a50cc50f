import type { ErrorCode, JourneyReason } from '../api/contract';
import type { ServiceResult } from '../api/replies';
import type { KioskLogger } from '../logging/logger';
import { storeWrite, StoreUnavailableError } from '../store/database';
import { confirmCardFor, type CitizenSession, type JourneyAction } from './citizen-session';

/**
 * What the citizen-facing slices (identity, appointments, payments, evaluations) share when they
 * act for the identified citizen: who may act, whether the card is still theirs, what a refusal by
 * the store or the central means on screen.
 */

/** A refusal the screen shows as `journeyErrors.<reason>` (or `errors.<code>` without a reason). */
export type CitizenRefusal = Extract<ServiceResult<never, JourneyReason>, { ok: false }>;

export function refuse(code: ErrorCode, reason?: JourneyReason, detail?: string): CitizenRefusal {
  return { ok: false, code, ...(reason ? { reason } : {}), ...(detail ? { detail } : {}) };
}

/**
 * Who may do `action`, and for a card session whether its card is still the one on the reader
 * (re-read now): undefined to go on, else the refusal. The caller commits without awaiting
 * anything after it, so nobody acts for a card that has been taken away or swapped meanwhile.
 */
export async function refusalBefore(
  session: Pick<CitizenSession, 'active' | 'may' | 'confirmCard'>,
  action: JourneyAction,
  logger: Pick<KioskLogger, 'warn'>,
): Promise<CitizenRefusal | undefined> {
  if (!session.active) return refuse('no-session');
  if (!session.may(action)) return refuse('no-session', 'needs-card');
  const card = await confirmCardFor(session, action, logger);
  return card.ok ? undefined : refuse(card.code, undefined, card.detail);
}

/** A citizen's action written to the store, or `store-unavailable` when the disk refuses it. */
export function commit<T>(
  logger: Pick<KioskLogger, 'error'>,
  write: () => T,
): ServiceResult<T, JourneyReason> {
  try {
    return { ok: true, value: storeWrite(write) };
  } catch (err) {
    if (!(err instanceof StoreUnavailableError)) throw err;
    logger.error('store.unavailable', { detail: err.message });
    return refuse('store-unavailable', undefined, err.code);
  }
}

/** The central's error code in a refusal kept by the outbox. */
export const centralCodeOf = (response: unknown): string =>
  (response as { error?: { code?: string } } | null)?.error?.code ?? 'unknown';

/** Central error codes a slice tells the citizen about, each with the reason the screen shows. */
export type ReasonOf = Readonly<Record<string, JourneyReason>>;

/** The central refused a queued action (its answer as the outbox kept it). */
export function refusedByCentral(response: unknown, reasonOf: ReasonOf): CitizenRefusal {
  const code = centralCodeOf(response);
  return refuse('central-rejected', reasonOf[code], code);
}

/** A read from the central that did not answer: refused (with its reason) or unreachable. */
export function notAnswered(
  r: { kind: 'rejected'; code: string } | { kind: 'retry' | 'unauthorized'; reason: string },
  reasonOf: ReasonOf,
): CitizenRefusal {
  if (r.kind === 'rejected') return refuse('central-rejected', reasonOf[r.code], r.code);
  return refuse('central-unreachable', undefined, r.reason);
}

/** An answer whose success carries nothing but `ok: true` (the endpoint's body is okResponse). */
export function emptyAnswer<T, R extends string>(
  r: ServiceResult<T, R>,
): ServiceResult<Record<string, never>, R> {
  return r.ok ? { ok: true, value: {} } : r;
}
