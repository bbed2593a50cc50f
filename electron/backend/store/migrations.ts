import { MATERIAL_SCAN_PAGES_SQL } from '../material-scans/migration';

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
  {
    version: 4,
    sql: `
      -- Maintenance mode: every staff action (what, when, result); never personal data.
      CREATE TABLE maintenance_audit (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        action TEXT NOT NULL,
        result TEXT NOT NULL CHECK (result IN ('ok', 'refused', 'failed')),
        detail TEXT
      );
      CREATE INDEX maintenance_audit_at ON maintenance_audit (at);

      -- Wrong PINs in a row and the lock-out, kept across a restart so a power cycle does not reset them.
      CREATE TABLE maintenance_lockout (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        failures INTEGER NOT NULL,
        locked_until INTEGER NOT NULL
      );

      -- Outbox depth sampled periodically, for the maintenance chart of the last day.
      CREATE TABLE queue_depth_samples (
        at INTEGER PRIMARY KEY,
        depth INTEGER NOT NULL,
        dead_letters INTEGER NOT NULL
      );
    `,
  },
  {
    version: 5,
    sql: `
      -- Numbers leased from the central while online, to issue queue tickets while offline. The
      -- central's own numbering skips them, so they never collide.
      CREATE TABLE number_blocks (
        block_id TEXT PRIMARY KEY,
        hall_id TEXT NOT NULL,
        category TEXT NOT NULL,
        service_date TEXT NOT NULL,
        numbers TEXT NOT NULL,
        used INTEGER NOT NULL DEFAULT 0,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX number_blocks_usable ON number_blocks (hall_id, category, service_date);
      -- A ticket issued from a leased block while the central could not be reached.
      ALTER TABLE local_tickets ADD COLUMN offline INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 6,
    sql: `
      -- Citizen journeys. No personal data: citizens are a keyed digest at most.
      -- An appointment booked or checked in at this kiosk; the outbox row carries the request.
      CREATE TABLE journey_appointments (
        id INTEGER PRIMARY KEY,
        outbox_id INTEGER NOT NULL UNIQUE REFERENCES outbox (id),
        action TEXT NOT NULL CHECK (action IN ('book', 'check-in')),
        state TEXT NOT NULL CHECK (state IN ('requested', 'done', 'rejected')),
        -- Keyed digest of the ID number (as queued for the central): finds today's bookings of the
        -- citizen on the reader, for check-in by card.
        citizen_ref TEXT NOT NULL,
        service_date TEXT,
        start_time TEXT,
        category TEXT,
        slot_id TEXT,
        code TEXT,
        ticket_number TEXT,
        reject_code TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      -- A payment created from this kiosk and what became of it (the central holds the order).
      CREATE TABLE journey_payments (
        payment_id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL,
        amount_fen INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'paid', 'expired')),
        receipt_no TEXT,
        receipt_printed INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX journey_payments_case ON journey_payments (case_id);
      -- A 好差评 rating committed here; the outbox row carries it to the central.
      CREATE TABLE journey_evaluations (
        id INTEGER PRIMARY KEY,
        outbox_id INTEGER NOT NULL UNIQUE REFERENCES outbox (id),
        subject_kind TEXT NOT NULL CHECK (subject_kind IN ('case', 'visit')),
        level INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('requested', 'done', 'rejected')),
        follow_up_deadline TEXT,
        reject_code TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 7,
    sql: `
      -- Payments go through the outbox: the row is written with its outbox row before the
      -- central has an order, so the payment id, the QR content and the expiry arrive with the
      -- acknowledgement. Also what the kiosk polled afterwards (paid, channel, e-receipt) and whether
      -- the receipt came out. No personal data: the case is named by its central id only.
      CREATE TABLE journey_payments_v7 (
        id INTEGER PRIMARY KEY,
        outbox_id INTEGER UNIQUE REFERENCES outbox (id),
        payment_id TEXT UNIQUE,
        case_id TEXT NOT NULL,
        amount_fen INTEGER NOT NULL,
        state TEXT NOT NULL
          CHECK (state IN ('requested', 'pending', 'paid', 'expired', 'rejected', 'withdrawn')),
        qr_payload TEXT,
        expires_at TEXT,
        reject_code TEXT,
        paid_at TEXT,
        channel TEXT,
        receipt_no TEXT,
        receipt_printed INTEGER NOT NULL DEFAULT 0,
        receipt_printed_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      INSERT INTO journey_payments_v7
        (payment_id, case_id, amount_fen, state, receipt_no, receipt_printed, created_at, updated_at)
        SELECT payment_id, case_id, amount_fen, state, receipt_no, receipt_printed, created_at, updated_at
        FROM journey_payments;
      DROP TABLE journey_payments;
      ALTER TABLE journey_payments_v7 RENAME TO journey_payments;
      CREATE INDEX journey_payments_case ON journey_payments (case_id, state);
    `,
  },
  {
    version: 8,
    sql: `
      -- Applications: one row per case; the cases of one bundle (一件事)
      -- application share local_ref and bundle_ref. The outbox row carries the submission, with the
      -- applicant's name, ID number, phone and address sealed; nothing personal is stored here.
      CREATE TABLE applications (
        id INTEGER PRIMARY KEY,
        outbox_id INTEGER NOT NULL UNIQUE REFERENCES outbox (id),
        -- Printed on the receipt until the central's case number is known.
        local_ref TEXT NOT NULL,
        bundle_code TEXT,
        bundle_ref TEXT,
        item_code TEXT NOT NULL,
        item_name_zh TEXT NOT NULL,
        item_name_en TEXT NOT NULL,
        delivery TEXT NOT NULL CHECK (delivery IN ('window', 'post', 'self-service')),
        -- How each material reaches the case ([{code, via}]): a signed commitment is via 'commitment'.
        materials TEXT NOT NULL,
        -- Keyed digest of the ID number: finds a citizen's applications still waiting here.
        citizen_ref TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'submitted', 'rejected')),
        case_id TEXT,
        case_number TEXT,
        reject_code TEXT,
        receipt_printed INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX applications_by_ref ON applications (local_ref);
      CREATE INDEX applications_by_citizen ON applications (citizen_ref, created_at);
    `,
  },
  {
    version: 9,
    sql: `
      -- Facts about the store itself; 'key-check' is an HMAC of a constant under the store key, so a
      -- wrong or replaced key is refused at start instead of sealing new rows the old ones cannot join.
      CREATE TABLE store_meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);

      -- Who typed the PIN (as given on the screen, else 'unknown'), for login attempts.
      ALTER TABLE maintenance_audit ADD COLUMN staff TEXT;

      -- A citizen's keyed digest must not outlive the retention: ID numbers have so little entropy
      -- that the digest and the key in the configuration give the number back. The column becomes
      -- nullable (SQLite needs the table rebuilt for that) and the purge sets it to NULL.
      CREATE TABLE applications_v9 (
        id INTEGER PRIMARY KEY,
        outbox_id INTEGER NOT NULL UNIQUE REFERENCES outbox (id),
        local_ref TEXT NOT NULL,
        bundle_code TEXT,
        bundle_ref TEXT,
        item_code TEXT NOT NULL,
        item_name_zh TEXT NOT NULL,
        item_name_en TEXT NOT NULL,
        delivery TEXT NOT NULL CHECK (delivery IN ('window', 'post', 'self-service')),
        materials TEXT NOT NULL,
        citizen_ref TEXT,
        state TEXT NOT NULL CHECK (state IN ('queued', 'submitted', 'rejected')),
        case_id TEXT,
        case_number TEXT,
        reject_code TEXT,
        receipt_printed INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      INSERT INTO applications_v9 SELECT id, outbox_id, local_ref, bundle_code, bundle_ref, item_code,
        item_name_zh, item_name_en, delivery, materials, citizen_ref, state, case_id, case_number,
        reject_code, receipt_printed, created_at, updated_at FROM applications;
      DROP TABLE applications;
      ALTER TABLE applications_v9 RENAME TO applications;
      CREATE INDEX applications_by_ref ON applications (local_ref);
      CREATE INDEX applications_by_citizen ON applications (citizen_ref, created_at);
      CREATE INDEX applications_forget ON applications (created_at) WHERE citizen_ref IS NOT NULL;

      CREATE TABLE journey_appointments_v9 (
        id INTEGER PRIMARY KEY,
        outbox_id INTEGER NOT NULL UNIQUE REFERENCES outbox (id),
        action TEXT NOT NULL CHECK (action IN ('book', 'check-in')),
        state TEXT NOT NULL CHECK (state IN ('requested', 'done', 'rejected')),
        citizen_ref TEXT,
        service_date TEXT,
        start_time TEXT,
        category TEXT,
        slot_id TEXT,
        code TEXT,
        ticket_number TEXT,
        reject_code TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      INSERT INTO journey_appointments_v9 SELECT id, outbox_id, action, state, citizen_ref, service_date,
        start_time, category, slot_id, code, ticket_number, reject_code, created_at, updated_at
        FROM journey_appointments;
      DROP TABLE journey_appointments;
      ALTER TABLE journey_appointments_v9 RENAME TO journey_appointments;
      CREATE INDEX journey_appointments_forget ON journey_appointments (created_at) WHERE citizen_ref IS NOT NULL;
    `,
  },
  {
    version: 10,
    sql: `
      -- How a rejected item settled, for staff: a deliberate refusal of the central (the citizen's
      -- outcome, on the slice's row), withdrawn by the kiosk, or discarded by staff. NULL on a
      -- rejected item: a dead letter that needs someone to look at it.
      ALTER TABLE outbox ADD COLUMN settled_as TEXT CHECK (settled_as IN ('refused', 'withdrawn', 'discarded'));
      UPDATE outbox SET settled_as = 'withdrawn' WHERE state = 'rejected' AND last_error LIKE 'withdrawn: %';
    `,
  },
  // Pages captured with the document camera (高拍仪), sealed, until the central has them.
  { version: 11, sql: MATERIAL_SCAN_PAGES_SQL },
];
