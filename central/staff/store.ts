import { createHash, randomBytes } from 'node:crypto';
import type { CentralDatabase } from '../db/database';
import type { StaffRole } from './contract';

export interface StaffMember {
  staffId: string;
  displayName: string;
  role: StaffRole;
  departmentId: string | null;
  /** The first of `hallIds` (or null), for readers of the single-hall field. */
  hallId: string | null;
  /** Halls whose tickets, cases, appointments, payments and kiosks this member may act on. */
  hallIds: string[];
  /** A city-level manager: every hall, present and future. */
  everyHall: boolean;
}

export interface ProvisionStaffInput {
  staffId: string;
  displayName: string;
  role: StaffRole;
  departmentId?: string | null;
  /** One hall (window staff usually have one); merged with `hallIds`. */
  hallId?: string | null;
  hallIds?: readonly string[];
  /** Managers only: every hall. Window staff always name their halls; approvers work by department. */
  everyHall?: boolean;
  /** A token chosen by the caller (tests, fixed demo setups); a random one otherwise. */
  token?: string;
}

interface StaffRow {
  staff_id: string;
  display_name: string;
  role: StaffRole;
  department_id: string | null;
  hall_id: string | null;
  every_hall: number;
}

/** A staff token must be long enough not to be guessed. */
export const MIN_STAFF_TOKEN_LENGTH = 24;

export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Staff members and their bearer tokens. Only the SHA-256 digest of a token is stored, so a copy
 * of the database does not let anyone act as staff.
 */
export class StaffStore {
  private readonly stmts;

  constructor(
    private readonly db: CentralDatabase,
    private readonly now: () => number,
  ) {
    this.stmts = {
      byDigest: db.prepare<[string], StaffRow>(
        `SELECT staff_id, display_name, role, department_id, hall_id, every_hall FROM staff_members
         WHERE token_digest = ? AND revoked_at IS NULL`,
      ),
      byId: db.prepare<[string], StaffRow>(
        `SELECT staff_id, display_name, role, department_id, hall_id, every_hall FROM staff_members
         WHERE staff_id = ? AND revoked_at IS NULL`,
      ),
      hallsOf: db.prepare<[string], { hall_id: string }>(
        'SELECT hall_id FROM staff_halls WHERE staff_id = ? ORDER BY hall_id',
      ),
      knownHall: db.prepare<[string], { hall_id: string }>('SELECT hall_id FROM halls WHERE hall_id = ?'),
      clearHalls: db.prepare<[string]>('DELETE FROM staff_halls WHERE staff_id = ?'),
      addHall: db.prepare<[string, string]>(
        'INSERT OR IGNORE INTO staff_halls (staff_id, hall_id) VALUES (?, ?)',
      ),
      upsert: db.prepare(
        `INSERT INTO staff_members (staff_id, display_name, role, department_id, hall_id, every_hall, token_digest, created_at)
         VALUES (@staffId, @displayName, @role, @departmentId, @hallId, @everyHall, @digest, @now)
         ON CONFLICT (staff_id) DO UPDATE SET display_name = excluded.display_name, role = excluded.role,
           department_id = excluded.department_id, hall_id = excluded.hall_id, every_hall = excluded.every_hall,
           token_digest = excluded.token_digest, revoked_at = NULL`,
      ),
      revoke: db.prepare<[number, string]>(
        'UPDATE staff_members SET revoked_at = ? WHERE staff_id = ? AND revoked_at IS NULL',
      ),
    };
  }

  byToken(token: string): StaffMember | undefined {
    return this.member(this.stmts.byDigest.get(tokenDigest(token)));
  }

  /** The staff member of a browser session (central/staff/sessions.ts); none once revoked. */
  byId(staffId: string): StaffMember | undefined {
    return this.member(this.stmts.byId.get(staffId));
  }

  private member(row: StaffRow | undefined): StaffMember | undefined {
    if (!row) return undefined;
    // Approvers work by department, wherever the case was submitted: no hall reach at all.
    const hallIds = row.role === 'approver' ? [] : this.stmts.hallsOf.all(row.staff_id).map((h) => h.hall_id);
    return {
      staffId: row.staff_id,
      displayName: row.display_name,
      role: row.role,
      departmentId: row.department_id,
      hallId: hallIds[0] ?? null,
      hallIds,
      everyHall: row.role === 'manager' && row.every_hall === 1,
    };
  }

  /** Creates or replaces a staff member's token; returns the token (shown once, never stored). */
  provision(input: ProvisionStaffInput): string {
    const token = input.token ?? `staff_${randomBytes(24).toString('base64url')}`;
    if (token.length < MIN_STAFF_TOKEN_LENGTH) {
      throw new Error(`a staff token needs at least ${MIN_STAFF_TOKEN_LENGTH} characters`);
    }
    if (input.role === 'approver' && !input.departmentId) {
      throw new Error('an approver belongs to a department');
    }
    const hallIds = [...new Set([...(input.hallId ? [input.hallId] : []), ...(input.hallIds ?? [])])];
    const everyHall = input.everyHall === true;
    if (input.role === 'approver' && (hallIds.length > 0 || everyHall)) {
      throw new Error('an approver works by department, not by hall');
    }
    if (input.role === 'window' && (hallIds.length === 0 || everyHall)) {
      throw new Error('window staff are bound to the hall (or halls) they serve in');
    }
    if (input.role === 'manager' && hallIds.length === 0 && !everyHall) {
      throw new Error('a manager is bound to halls, or explicitly to every hall');
    }
    if (everyHall && hallIds.length > 0) throw new Error('every hall, or a list of halls: not both');
    const unknown = hallIds.filter((h) => !this.stmts.knownHall.get(h));
    if (unknown.length > 0) throw new Error(`no hall ${unknown.join(', ')}`);
    this.db.transaction(() => {
      this.stmts.upsert.run({
        staffId: input.staffId,
        displayName: input.displayName,
        role: input.role,
        departmentId: input.departmentId ?? null,
        hallId: hallIds[0] ?? null,
        everyHall: everyHall ? 1 : 0,
        digest: tokenDigest(token),
        now: this.now(),
      });
      this.stmts.clearHalls.run(input.staffId);
      for (const hallId of hallIds) this.stmts.addHall.run(input.staffId, hallId);
    })();
    return token;
  }

  revoke(staffId: string): boolean {
    return this.stmts.revoke.run(this.now(), staffId).changes === 1;
  }
}
