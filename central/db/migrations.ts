/**
 * Numbered schema migrations. Append only: a migration that has shipped is never edited, because
 * databases in the field have already applied it; fix forward with a new number instead.
 * Later slices (catalogue, cases, appointments) add their tables as migrations 2, 3, ...
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'halls, queue categories, tickets, idempotency keys',
    sql: `
      CREATE TABLE halls (
        hall_id TEXT PRIMARY KEY,
        name_zh TEXT NOT NULL,
        name_en TEXT NOT NULL
      );

      CREATE TABLE queue_categories (
        hall_id TEXT NOT NULL REFERENCES halls (hall_id),
        code TEXT NOT NULL CHECK (length(code) = 1 AND code BETWEEN 'A' AND 'Z'),
        name_zh TEXT NOT NULL,
        name_en TEXT NOT NULL,
        sort_order INTEGER NOT NULL,
        PRIMARY KEY (hall_id, code)
      );

      CREATE TABLE tickets (
        id INTEGER PRIMARY KEY,
        ticket_id TEXT NOT NULL UNIQUE,
        hall_id TEXT NOT NULL,
        category_code TEXT NOT NULL,
        -- Local date in Asia/Shanghai: numbers restart at 001 every service day.
        service_date TEXT NOT NULL,
        seq INTEGER NOT NULL CHECK (seq BETWEEN 1 AND 999),
        number TEXT NOT NULL,
        priority TEXT NOT NULL CHECK (priority IN ('normal', 'green-channel', 'appointment')),
        status TEXT NOT NULL CHECK (status IN ('waiting', 'called', 'served', 'no-show', 'transferred', 'cancelled')),
        -- Keyed digest from the kiosk, never the ID number; cleared after the retention period.
        citizen_ref TEXT,
        terminal_id TEXT NOT NULL,
        kiosk_sequence INTEGER NOT NULL,
        requested_at TEXT NOT NULL,
        issued_at INTEGER NOT NULL,
        called_at INTEGER,
        completed_at INTEGER,
        FOREIGN KEY (hall_id, category_code) REFERENCES queue_categories (hall_id, code),
        UNIQUE (hall_id, category_code, service_date, seq)
      );
      -- The database itself guarantees one active ticket per citizen per category per hall and day.
      CREATE UNIQUE INDEX tickets_one_active_per_citizen
        ON tickets (hall_id, category_code, service_date, citizen_ref)
        WHERE status IN ('waiting', 'called');
      CREATE INDEX tickets_by_hall_day ON tickets (hall_id, service_date, category_code, status);
      CREATE INDEX tickets_served_recently ON tickets (hall_id, category_code, completed_at)
        WHERE status = 'served';
      CREATE INDEX tickets_by_issue_time ON tickets (issued_at);

      CREATE TABLE idempotency_keys (
        idempotency_key TEXT PRIMARY KEY,
        -- Method and route the key was first used on; part of the request hash as well.
        scope TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('in-flight', 'done')),
        -- An in-flight claim older than this was left by a crashed request and may be taken over.
        locked_until INTEGER,
        status_code INTEGER,
        response_body TEXT,
        created_at INTEGER NOT NULL,
        completed_at INTEGER
      );
      CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
    `,
  },
];
