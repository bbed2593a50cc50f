import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CentralContext } from '../context';
import { DEVICE_TOKEN_SCHEME } from '../http/auth';
import { ApiError, errorBody } from '../http/errors';
import { bearerToken } from '../kiosks/auth';
import type { StaffRole } from './contract';
import type { StaffMember } from './store';

/** OpenAPI security scheme of staff tokens (a bearer token, like device tokens). */
export const STAFF_TOKEN_SCHEME = 'staffToken';

/**
 * Who calls a catalogue, cases, events or staff route: a staff member (by staff token), an
 * enrolled kiosk (terminal and hall known from its token) or a trusted device (a configured token:
 * the embedded kiosk, tools), which names its terminal itself.
 */
export type Principal =
  { kind: 'device'; terminalId?: string; hallId?: string } | ({ kind: 'staff' } & StaffMember);

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

type Security = Record<string, string[]>[];
export { deviceSecurity } from '../http/route-schemas';
export const staffSecurity: Security = [{ [STAFF_TOKEN_SCHEME]: [] }];
export const deviceOrStaffSecurity: Security = [{ [DEVICE_TOKEN_SCHEME]: [] }, { [STAFF_TOKEN_SCHEME]: [] }];

/**
 * onRequest hook of these slices: a device token (configured, or an enrolled kiosk's) or a staff
 * token identifies the caller; anything else is 401.
 */
export function identify(ctx: Pick<CentralContext, 'staff' | 'deviceAuth'>) {
  return async function identifyCaller(request: FastifyRequest, reply: FastifyReply) {
    const token = bearerToken(request);
    // Devices first: they make almost every request, and a configured token is a set lookup.
    const device = ctx.deviceAuth.resolve(token);
    if (device?.kind === 'kiosk') {
      request.principal = { kind: 'device', terminalId: device.terminalId, hallId: device.hallId };
      return;
    }
    if (device) {
      request.principal = { kind: 'device' };
      return;
    }
    const member = token ? ctx.staff.byToken(token) : undefined;
    if (member) {
      request.principal = { kind: 'staff', ...member };
      return;
    }
    return reply.code(401).send(errorBody('unauthorized', 'A valid device or staff token is required'));
  };
}

/** The calling staff member if their role is one of `roles`; 403 forbidden otherwise. */
export function requireStaff(request: FastifyRequest, ...roles: StaffRole[]): StaffMember {
  const p = request.principal;
  if (p?.kind !== 'staff') throw new ApiError(403, 'forbidden', 'This route needs a staff token');
  if (!roles.includes(p.role)) {
    throw new ApiError(403, 'forbidden', `This action needs the role ${roles.join(' or ')}`);
  }
  return p;
}

/**
 * 403 unless a device is calling; an enrolled kiosk may act only for its own terminal and hall.
 * Returns the terminal and hall the request may act for.
 */
export function requireDevice(
  request: FastifyRequest,
  claimed?: { terminalId: string; hallId: string },
): void {
  const p = request.principal;
  if (p?.kind !== 'device') throw new ApiError(403, 'forbidden', 'This route is for kiosks (device token)');
  if (
    claimed &&
    p.terminalId !== undefined &&
    (p.terminalId !== claimed.terminalId || p.hallId !== claimed.hallId)
  ) {
    throw new ApiError(403, 'forbidden', 'This device token belongs to another terminal or hall');
  }
}
