import { randomBytes } from 'node:crypto';
import type { CentralDatabase } from '../db/database';
import { type StaffMember, type StaffStore, tokenDigest } from './store';

/** A hall shift and a bit: a manager logs in once a day, and a forgotten browser is closed by night. */
export const STAFF_SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface OpenedSession {
  /** The cookie value: shown to the browser once, kept here only as a digest. */
  id: string;
  expiresAt: number;
}

/**
 * Staff sessions for a browser, opened by typing a staff token on the login page. A session
 * stands for its staff member as long as the member's token is not revoked and the session has
 * not expired; revoking the staff member ends their sessions at once.
 */
export class StaffSessions {
  private readonly stmts;

  constructor(
    db: CentralDatabase,
    private readonly staff: StaffStore,
  ) {
    this.stmts = {
      insert: db.prepare<[string, string, number, number]>(
        'INSERT INTO staff_sessions (session_digest, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
      ),
      byDigest: db.prepare<[string, number], { staff_id: string; expires_at: number }>(
        'SELECT staff_id, expires_at FROM staff_sessions WHERE session_digest = ? AND expires_at > ?',
      ),
      remove: db.prepare<[string]>('DELETE FROM staff_sessions WHERE session_digest = ?'),
      purge: db.prepare<[number]>('DELETE FROM staff_sessions WHERE expires_at <= ?'),
    };
  }

  open(staffId: string, now: number): OpenedSession {
    const id = randomBytes(32).toString('base64url');
    const expiresAt = now + STAFF_SESSION_TTL_MS;
    this.stmts.insert.run(tokenDigest(id), staffId, now, expiresAt);
    return { id, expiresAt };
  }

  /** The staff member of a live session, with when it ends; undefined if unknown, expired or revoked. */
  resolve(id: string, now: number): { member: StaffMember; expiresAt: number } | undefined {
    const row = this.stmts.byDigest.get(tokenDigest(id), now);
    const member = row && this.staff.byId(row.staff_id);
    return member && { member, expiresAt: row.expires_at };
  }

  close(id: string): void {
    this.stmts.remove.run(tokenDigest(id));
  }

  purgeExpired(now: number): number {
    return this.stmts.purge.run(now).changes;
  }
}
