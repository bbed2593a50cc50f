import type { KioskDatabase } from '../store/database';

export type AuditResult = 'ok' | 'refused' | 'failed';

export interface AuditEntry {
  id: number;
  at: number;
  action: string;
  result: AuditResult;
  detail: string | null;
  /** Who typed the PIN, for login attempts ('unknown' when the screen did not ask); else null. */
  staff: string | null;
}

/** Longest detail kept: enough for a config diff summary or an error; never personal data. */
const MAX_DETAIL = 500;

/** The audit log of maintenance mode: what was done, when, and with what result. */
export class AuditLog {
  constructor(private readonly db: KioskDatabase) {}

  record(at: number, action: string, result: AuditResult, detail?: string, staff?: string): void {
    this.db
      .prepare('INSERT INTO maintenance_audit (at, action, result, detail, staff) VALUES (?, ?, ?, ?, ?)')
      .run(at, action, result, detail === undefined ? null : detail.slice(0, MAX_DETAIL), staff ?? null);
  }

  /** Newest first. */
  list(limit = 100): AuditEntry[] {
    return this.db
      .prepare('SELECT id, at, action, result, detail, staff FROM maintenance_audit ORDER BY id DESC LIMIT ?')
      .all(limit) as AuditEntry[];
  }
}
