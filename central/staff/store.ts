import { createHash, randomBytes } from 'node:crypto';
import type { CentralDatabase } from '../db/database';
import type { StaffRole } from './contract';

export interface StaffMember {
  staffId: string;
  displayName: string;
  role: StaffRole;
  departmentId: string | null;
  hallId: string | null;
}

export interface ProvisionStaffInput {
  staffId: string;
  displayName: string;
  role: StaffRole;
  departmentId?: string | null;
  hallId?: string | null;
  /** A token chosen by the caller (tests, fixed demo setups); a random one otherwise. */
  token?: string;
}

interface StaffRow {
  staff_id: string;
  display_name: string;
  role: StaffRole;
  department_id: string | null;
  hall_id: string | null;
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
        `SELECT staff_id, display_name, role, department_id, hall_id FROM staff_members
         WHERE token_digest = ? AND revoked_at IS NULL`,
      ),
      upsert: db.prepare(
        `INSERT INTO staff_members (staff_id, display_name, role, department_id, hall_id, token_digest, created_at)
         VALUES (@staffId, @displayName, @role, @departmentId, @hallId, @digest, @now)
         ON CONFLICT (staff_id) DO UPDATE SET display_name = excluded.display_name, role = excluded.role,
           department_id = excluded.department_id, hall_id = excluded.hall_id,
           token_digest = excluded.token_digest, revoked_at = NULL`,
      ),
      revoke: db.prepare<[number, string]>(
        'UPDATE staff_members SET revoked_at = ? WHERE staff_id = ? AND revoked_at IS NULL',
      ),
    };
  }

  byToken(token: string): StaffMember | undefined {
    const row = this.stmts.byDigest.get(tokenDigest(token));
    return (
      row && {
        staffId: row.staff_id,
        displayName: row.display_name,
        role: row.role,
        departmentId: row.department_id,
        hallId: row.hall_id,
      }
    );
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
    this.stmts.upsert.run({
      staffId: input.staffId,
      displayName: input.displayName,
      role: input.role,
      departmentId: input.departmentId ?? null,
      hallId: input.hallId ?? null,
      digest: tokenDigest(token),
      now: this.now(),
    });
    return token;
  }

  revoke(staffId: string): boolean {
    return this.stmts.revoke.run(this.now(), staffId).changes === 1;
  }
}
