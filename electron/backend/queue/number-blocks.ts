import type { Statement } from 'better-sqlite3';
import { statementCache } from '../store/statements';
import type { KioskDatabase } from '../store/database';

export interface LeasedBlock {
  blockId: string;
  hallId: string;
  category: string;
  serviceDate: string;
  numbers: string[];
  expiresAt: string;
}

/** Leased numbers for offline tickets; a number is taken inside the ticket's own transaction. */
export class NumberBlocks {
  private readonly sql: (sql: string) => Statement;
  constructor(private readonly db: KioskDatabase) {
    this.sql = statementCache(this.db);
  }

  add(block: LeasedBlock): void {
    this.sql(
      `INSERT OR IGNORE INTO number_blocks (block_id, hall_id, category, service_date, numbers, expires_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(
      block.blockId,
      block.hallId,
      block.category,
      block.serviceDate,
      JSON.stringify(block.numbers),
      Date.parse(block.expiresAt),
    );
  }

  /** Numbers still unused for a hall, category and service day (not expired at `now`). */
  remaining(hallId: string, category: string, serviceDate: string, now: number): number {
    const rows = this.sql(
      `SELECT numbers, used FROM number_blocks WHERE hall_id = ? AND category = ? AND service_date = ? AND expires_at > ?`,
    ).all(hallId, category, serviceDate, now) as { numbers: string; used: number }[];
    return rows.reduce((sum, r) => sum + (JSON.parse(r.numbers) as string[]).length - r.used, 0);
  }

  /** Takes the next unused number (oldest block first); call inside the ticket's transaction. */
  take(
    hallId: string,
    category: string,
    serviceDate: string,
    now: number,
  ): { blockId: string; number: string } | undefined {
    const rows = this.sql(
      `SELECT block_id, numbers, used FROM number_blocks
         WHERE hall_id = ? AND category = ? AND service_date = ? AND expires_at > ? ORDER BY rowid`,
    ).all(hallId, category, serviceDate, now) as { block_id: string; numbers: string; used: number }[];
    for (const row of rows) {
      const numbers = JSON.parse(row.numbers) as string[];
      if (row.used < numbers.length) {
        this.sql('UPDATE number_blocks SET used = used + 1 WHERE block_id = ?').run(row.block_id);
        return { blockId: row.block_id, number: numbers[row.used]! };
      }
    }
    return undefined;
  }
}
