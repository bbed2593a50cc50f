import type { Statement } from 'better-sqlite3';
import { statementCache } from './statements';
import type { KioskDatabase } from './database';

export interface CachedResource<T> {
  version: string | null;
  body: T;
  fetchedAt: number;
}

/**
 * What the kiosk last received from the central, kept in the store so a restart while offline
 * still has it. A resource and its version (the cursor) are written in one statement.
 */
export class DownstreamCache {
  private readonly sql: (sql: string) => Statement;
  constructor(private readonly db: KioskDatabase) {
    this.sql = statementCache(this.db);
  }

  get<T>(resource: string): CachedResource<T> | undefined {
    const row = this.sql('SELECT version, body, fetched_at FROM downstream_cache WHERE resource = ?').get(
      resource,
    ) as { version: string | null; body: string; fetched_at: number } | undefined;
    if (!row) return undefined;
    return { version: row.version, body: JSON.parse(row.body) as T, fetchedAt: row.fetched_at };
  }

  put(resource: string, body: unknown, version: string | null, now: number): void {
    this.sql(
      `INSERT INTO downstream_cache (resource, version, body, fetched_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (resource) DO UPDATE SET version = excluded.version, body = excluded.body, fetched_at = excluded.fetched_at`,
    ).run(resource, version, JSON.stringify(body), now);
  }
}
