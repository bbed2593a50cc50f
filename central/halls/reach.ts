import type { FastifyRequest } from 'fastify';
import { ApiError } from '../http/errors';
import { bearerToken, principalOf, tokenDigest } from '../kiosks/auth';

/**
 * Hall confinement. The hall a caller acts in comes from its token, never from the request:
 * - an enrolled kiosk acts in the one hall it was enrolled in;
 * - a staff member acts in the halls of their staff record (staff_halls), or in every hall when
 *   the record says so explicitly (a city-level manager); approvers have no hall and reach cases
 *   by department instead;
 * - a trusted device (a token the central was started with: the embedded kiosk, tools) names
 *   its hall itself, as before enrolment existed, and reaches every hall.
 *
 * A request naming a hall outside the caller's reach, or a row of such a hall, is refused 403
 * `forbidden`; the hall field in a body or query is never silently replaced.
 */
export type HallReach = 'every-hall' | ReadonlySet<string>;

export interface Caller {
  kind: 'kiosk' | 'trusted-device' | 'staff' | 'anonymous';
  /**
   * The device (or person) that sent the request, as idempotency keys are scoped: an enrolled
   * kiosk by terminal (stable across re-enrolment, so its outbox retries still replay), a staff
   * member by id, a trusted device by its token's digest.
   */
  owner: string;
  reach: HallReach;
  terminalId?: string;
}

const NO_HALL: ReadonlySet<string> = new Set();

export function callerOf(request: FastifyRequest): Caller {
  const device = principalOf(request);
  if (device?.kind === 'kiosk') {
    return {
      kind: 'kiosk',
      owner: `kiosk:${device.terminalId}`,
      reach: new Set([device.hallId]),
      terminalId: device.terminalId,
    };
  }
  if (device?.kind === 'staff') {
    return {
      kind: 'staff',
      owner: `staff:${device.staffId}`,
      reach: device.everyHall ? 'every-hall' : new Set(device.hallIds),
    };
  }
  const p = request.principal;
  if (p?.kind === 'device' && p.terminalId !== undefined && p.hallId !== undefined) {
    return {
      kind: 'kiosk',
      owner: `kiosk:${p.terminalId}`,
      reach: new Set([p.hallId]),
      terminalId: p.terminalId,
    };
  }
  if (p?.kind === 'staff') {
    return {
      kind: 'staff',
      owner: `staff:${p.staffId}`,
      reach: p.everyHall ? 'every-hall' : new Set(p.hallIds),
    };
  }
  if (device?.kind === 'trusted-device' || p?.kind === 'device') {
    const token = bearerToken(request) ?? '';
    return { kind: 'trusted-device', owner: `device:${tokenDigest(token)}`, reach: 'every-hall' };
  }
  return { kind: 'anonymous', owner: 'anonymous', reach: NO_HALL };
}

export function reaches(caller: Caller, hallId: string | null | undefined): boolean {
  if (caller.reach === 'every-hall') return true;
  return hallId !== null && hallId !== undefined && caller.reach.has(hallId);
}

/** 403 unless the caller may act in `hallId` (a hall named in the request, or the hall of a row). */
export function assertHall(request: FastifyRequest, hallId: string | null | undefined): Caller {
  const caller = callerOf(request);
  if (!reaches(caller, hallId)) {
    throw new ApiError(
      403,
      'forbidden',
      caller.kind === 'kiosk'
        ? 'This kiosk is enrolled in another hall'
        : 'This belongs to a hall outside your reach',
    );
  }
  return caller;
}

/** The halls a caller may list (undefined: every hall). */
export function hallsInReach(request: FastifyRequest): readonly string[] | undefined {
  const { reach } = callerOf(request);
  return reach === 'every-hall' ? undefined : [...reach];
}

/** Words for OpenAPI descriptions of routes confined to the caller's hall. */
export const HALL_CONFINED =
  "Confined to the caller's hall: an enrolled kiosk acts only in the hall it was enrolled in, staff only in the halls of their staff record; a hall named in the request (or a row of a hall) outside that reach is refused 403 forbidden. Trusted devices (configured tokens) name their hall.";
