/** Numbered, append-only migrations of the kiosk store. Never edit one that has shipped. */
export const MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        stream TEXT NOT NULL,
        kiosk_sequence INTEGER NOT NULL UNIQUE,
        idempotency_key TEXT NOT NULL UNIQUE,
        payload TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'in-flight', 'acknowledged', 'rejected')),
        attempts INTEGER NOT NULL DEFAULT 0,
        lease_until INTEGER,
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT,
        response TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX outbox_due ON outbox (state, next_attempt_at);

      CREATE TABLE local_tickets (
        id INTEGER PRIMARY KEY,
        outbox_id INTEGER NOT NULL UNIQUE REFERENCES outbox (id),
        category TEXT NOT NULL,
        priority TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('requested', 'issued', 'printed', 'print-failed', 'rejected')),
        number TEXT,
        central_ticket_id TEXT,
        waiting_ahead INTEGER,
        estimated_wait_minutes INTEGER,
        issued_at TEXT,
        category_name_zh TEXT,
        category_name_en TEXT,
        reject_reason TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 2,
    sql: `
      -- Personal fields of a queued action, sealed with the store key (AES-256-GCM); NULL once purged.
      ALTER TABLE outbox ADD COLUMN sealed BLOB;
      ALTER TABLE outbox ADD COLUMN acknowledged_at INTEGER;
      ALTER TABLE outbox ADD COLUMN purged_at INTEGER;
      CREATE INDEX outbox_stream_order ON outbox (stream, state, kiosk_sequence);
      CREATE INDEX outbox_purge ON outbox (purged_at, state, updated_at);

      -- Small facts of the sync loop that must survive a restart (last success and the like).
      CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
  {
    version: 3,
    sql: `
      -- What the kiosk last got from the central (queue categories, catalogue), so it keeps working
      -- from the cache while offline. One row per resource, replaced with its version/ETag.
      CREATE TABLE downstream_cache (
        resource TEXT PRIMARY KEY,
        version TEXT,
        body TEXT NOT NULL,
        fetched_at INTEGER NOT NULL
      );
    `,
  },
];
