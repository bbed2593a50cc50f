import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CentralDatabase } from '../db/database';
import { ApiError, errorBody } from '../http/errors';
import type { StaffRole } from '../staff/contract';

/**
 * Who is calling, as far as the counter-side slices (queue, appointments, payments, evaluations,
 * kiosks) need to know:
 * - an enrolled kiosk, by the device token it got at enrolment (stored as a SHA-256 digest);
 * - a trusted device, by one of the tokens the central was started with (`deviceTokens`): the
 *   embedded kiosk, staff devices and tools, as before enrolment existed.
 */
export type DevicePrincipal =
  | { kind: 'kiosk'; terminalId: string; hallId: string }
  | { kind: 'trusted-device' }
  | { kind: 'staff'; staffId: string; role: StaffRole; hallIds: readonly string[]; everyHall: boolean };

/** What the guards need of a staff member (central/staff/ StaffStore.byToken). */
export interface StaffIdentity {
  staffId: string;
  role: StaffRole;
  hallIds: readonly string[];
  everyHall: boolean;
}

/** Finds the staff member of a bearer token (central/staff/ StaffStore.byToken). */
export type StaffLookup = (token: string) => StaffIdentity | undefined;

function staffPrincipal(member: StaffIdentity): DevicePrincipal {
  return {
    kind: 'staff',
    staffId: member.staffId,
    role: member.role,
    hallIds: member.hallIds,
    everyHall: member.everyHall,
  };
}

export type RequestGuard = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** Builds the guard of routes that need one of `roles`. */
export type StaffGuardFactory = (...roles: StaffRole[]) => RequestGuard;

export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

const principals = new WeakMap<FastifyRequest, DevicePrincipal>();

/** The device the guard authenticated for this request. */
export function principalOf(request: FastifyRequest): DevicePrincipal | undefined {
  return principals.get(request);
}

/**
 * A kiosk may act only for itself: a body naming another terminal is refused. Trusted devices
 * (embedded kiosk, staff, tools) may name any terminal.
 */
export function assertActsFor(request: FastifyRequest, terminalId: string): void {
  const p = principals.get(request);
  if (p?.kind === 'kiosk' && p.terminalId !== terminalId) {
    throw new ApiError(403, 'forbidden', 'This device token belongs to another terminal');
  }
}

export class DeviceAuth {
  private readonly configured: Set<string>;
  private readonly byTokenHash;

  constructor(
    db: CentralDatabase,
    configuredTokens: readonly string[],
    private readonly staffLookup?: StaffLookup,
  ) {
    this.configured = new Set(configuredTokens.filter((t) => t.length > 0).map(tokenDigest));
    this.byTokenHash = db.prepare<[string], { terminal_id: string; hall_id: string }>(
      'SELECT terminal_id, hall_id FROM kiosks WHERE token_hash = ?',
    );
  }

  resolve(token: string | undefined): DevicePrincipal | undefined {
    if (!token) return undefined;
    const digest = tokenDigest(token);
    if (this.configured.has(digest)) return { kind: 'trusted-device' };
    const row = this.byTokenHash.get(digest);
    return row && { kind: 'kiosk', terminalId: row.terminal_id, hallId: row.hall_id };
  }

  /** 403 for a staff token on a device route (known, but not allowed), else 401. */
  private refuseNonDevice(token: string | undefined, reply: FastifyReply) {
    if (token && this.staffLookup?.(token)) {
      return reply.code(403).send(errorBody('forbidden', 'This route is for devices, not staff tokens'));
    }
    return reply.code(401).send(errorBody('unauthorized', 'A valid device token is required'));
  }

  /** onRequest guard: any enrolled kiosk or trusted device. */
  readonly requireDevice: RequestGuard = async (request, reply) => {
    const token = bearerToken(request);
    const principal = this.resolve(token);
    if (!principal) return this.refuseNonDevice(token, reply);
    principals.set(request, principal);
  };

  /** onRequest guard: any device, or a staff member of any role (read routes of hall screens). */
  readonly requireDeviceOrStaff: RequestGuard = async (request, reply) => {
    const token = bearerToken(request);
    const member = token && this.staffLookup ? this.staffLookup(token) : undefined;
    if (member) {
      principals.set(request, staffPrincipal(member));
      return;
    }
    return this.requireDevice(request, reply);
  };

  /** onRequest guard: a trusted device only (configured tokens: simulators, tools), never a kiosk. */
  readonly requireTrustedDevice: RequestGuard = async (request, reply) => {
    const token = bearerToken(request);
    const principal = this.resolve(token);
    if (!principal) return this.refuseNonDevice(token, reply);
    if (principal.kind !== 'trusted-device') {
      return reply.code(403).send(errorBody('forbidden', 'Only a trusted device may call this'));
    }
    principals.set(request, principal);
  };

  /**
   * Guard of staff routes: a staff token (central/staff/) whose role is one of `roles`; 403 for a
   * device or another role. Without a staff lookup (a central built without central/staff/),
   * trusted devices stand in for staff, as the queue's call/complete always allowed; enrolled
   * kiosks never do.
   */
  readonly staffGuard: StaffGuardFactory =
    (...roles) =>
    async (request, reply) => {
      const token = bearerToken(request);
      const member = token && this.staffLookup ? this.staffLookup(token) : undefined;
      if (member) {
        if (!roles.includes(member.role)) {
          return reply
            .code(403)
            .send(errorBody('forbidden', `This action needs the role ${roles.join(' or ')}`));
        }
        principals.set(request, staffPrincipal(member));
        return;
      }
      const device = this.resolve(token);
      if (!device) {
        return reply.code(401).send(errorBody('unauthorized', 'A valid staff token is required'));
      }
      if (this.staffLookup || device.kind !== 'trusted-device') {
        return reply.code(403).send(errorBody('forbidden', 'This action needs a staff token'));
      }
      principals.set(request, device);
    };
}
