import { CATALOGUE_CASES_EVENTS_STAFF_SQL } from '../cases/migration';
import { HALL_CONFINEMENT_SQL } from '../halls/migration';
import { HALL_CALENDAR_SQL } from '../calendar/migration';
import { STAFF_SESSIONS_FLEET_OFFLINE_SQL } from '../staff/session-migration';
import { STAFF_CALLS_SQL } from '../staff-calls/migration';
import { MATERIAL_SCANS_SQL } from '../material-scans/migration';
import { PROOFS_SQL } from '../proofs/migration';
import { CASE_SIGNATURES_SQL } from '../cases/signature-migration';

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
  {
    version: 2,
    name: 'catalogue, cases with timelines, live events, staff tokens',
    sql: CATALOGUE_CASES_EVENTS_STAFF_SQL,
  },
  {
    // Counter-side slices (queue completion, offline number blocks, appointments, payments,
    // evaluations, kiosks). Depends on migration 1 only.
    version: 3,
    name: 'queue actions and offline number blocks, appointments, payments, evaluations, kiosks',
    sql: `
      CREATE TABLE ticket_blocks (
        block_id TEXT PRIMARY KEY,
        hall_id TEXT NOT NULL,
        category_code TEXT NOT NULL,
        service_date TEXT NOT NULL,
        terminal_id TEXT NOT NULL,
        first_seq INTEGER NOT NULL CHECK (first_seq BETWEEN 1 AND 999),
        last_seq INTEGER NOT NULL CHECK (last_seq BETWEEN first_seq AND 999),
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        FOREIGN KEY (hall_id, category_code) REFERENCES queue_categories (hall_id, code)
      );
      CREATE INDEX ticket_blocks_by_day ON ticket_blocks (hall_id, category_code, service_date, last_seq);

      -- Why a ticket is ahead of normal ones (green channel: aged 70+, disability, military).
      ALTER TABLE tickets ADD COLUMN priority_reason TEXT
        CHECK (priority_reason IN ('age-70-plus', 'disability', 'military', 'appointment'));
      ALTER TABLE tickets ADD COLUMN window_id TEXT;
      ALTER TABLE tickets ADD COLUMN recall_count INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE tickets ADD COLUMN last_called_at INTEGER;
      ALTER TABLE tickets ADD COLUMN transferred_to TEXT;
      ALTER TABLE tickets ADD COLUMN block_id TEXT REFERENCES ticket_blocks (block_id);
      CREATE INDEX tickets_queue_order ON tickets (hall_id, category_code, service_date, status, issued_at);
      CREATE INDEX tickets_windows_recent ON tickets (hall_id, category_code, called_at) WHERE window_id IS NOT NULL;

      CREATE TABLE appointment_slots (
        slot_id TEXT PRIMARY KEY,
        hall_id TEXT NOT NULL,
        category_code TEXT NOT NULL,
        service_date TEXT NOT NULL,
        start_time TEXT NOT NULL,
        end_time TEXT NOT NULL,
        capacity INTEGER NOT NULL CHECK (capacity BETWEEN 0 AND 500),
        FOREIGN KEY (hall_id, category_code) REFERENCES queue_categories (hall_id, code),
        UNIQUE (hall_id, category_code, service_date, start_time)
      );
      CREATE TABLE appointments (
        appointment_id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        slot_id TEXT NOT NULL REFERENCES appointment_slots (slot_id),
        -- Keyed digest from the kiosk or app, never the ID number.
        citizen_ref TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('booked', 'cancelled', 'checked-in')),
        ticket_id TEXT,
        created_at INTEGER NOT NULL,
        cancelled_at INTEGER,
        checked_in_at INTEGER
      );
      CREATE INDEX appointments_by_slot ON appointments (slot_id, status);
      CREATE INDEX appointments_by_citizen ON appointments (citizen_ref, status);

      CREATE TABLE payments (
        payment_id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL,
        description TEXT NOT NULL,
        amount_fen INTEGER NOT NULL CHECK (amount_fen BETWEEN 1 AND 100000000),
        items TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'paid')),
        -- Secret part of the QR payload; only its digest is kept.
        pay_token_hash TEXT NOT NULL,
        qr_payload TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        paid_at INTEGER,
        pay_channel TEXT,
        receipt_no TEXT UNIQUE
      );
      CREATE INDEX payments_by_case ON payments (case_id, status);
      CREATE TABLE receipt_counters (
        receipt_date TEXT PRIMARY KEY,
        last_no INTEGER NOT NULL
      );

      CREATE TABLE evaluations (
        evaluation_id TEXT PRIMARY KEY,
        subject_kind TEXT NOT NULL CHECK (subject_kind IN ('case', 'visit')),
        subject_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
        indicators TEXT NOT NULL,
        comment TEXT,
        terminal_id TEXT,
        created_at INTEGER NOT NULL,
        UNIQUE (subject_kind, subject_id)
      );
      CREATE TABLE evaluation_followups (
        followup_id TEXT PRIMARY KEY,
        evaluation_id TEXT NOT NULL UNIQUE REFERENCES evaluations (evaluation_id),
        status TEXT NOT NULL CHECK (status IN ('open', 'rectified', 'explained')),
        deadline TEXT NOT NULL,
        callback_required INTEGER NOT NULL CHECK (callback_required IN (0, 1)),
        called_back INTEGER NOT NULL DEFAULT 0 CHECK (called_back IN (0, 1)),
        resolution_note TEXT,
        created_at INTEGER NOT NULL,
        closed_at INTEGER
      );
      CREATE INDEX evaluation_followups_open ON evaluation_followups (status, deadline);

      CREATE TABLE kiosk_enrolment_codes (
        code_hash TEXT PRIMARY KEY,
        terminal_id TEXT NOT NULL,
        hall_id TEXT NOT NULL REFERENCES halls (hall_id),
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER
      );
      CREATE TABLE kiosks (
        terminal_id TEXT PRIMARY KEY,
        hall_id TEXT NOT NULL REFERENCES halls (hall_id),
        -- SHA-256 of the device token; the token itself is shown once, at enrolment.
        token_hash TEXT NOT NULL UNIQUE,
        enrolled_at INTEGER NOT NULL,
        last_seen_at INTEGER,
        health TEXT,
        outbox_depth INTEGER,
        versions TEXT
      );
      CREATE TABLE kiosk_configs (
        version INTEGER PRIMARY KEY AUTOINCREMENT,
        -- NULL: every kiosk; otherwise one terminal's overrides.
        terminal_id TEXT,
        config TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX kiosk_configs_by_terminal ON kiosk_configs (terminal_id, version);
    `,
  },
  {
    version: 4,
    name: 'kiosk uptime in the heartbeat',
    sql: `ALTER TABLE kiosks ADD COLUMN uptime_seconds INTEGER;`,
  },
  {
    // 一件事: the cases of one bundle application share the kiosk's bundle reference.
    version: 5,
    name: 'bundle code and reference on cases',
    sql: `
      ALTER TABLE cases ADD COLUMN bundle_code TEXT;
      ALTER TABLE cases ADD COLUMN bundle_ref TEXT;
      CREATE INDEX cases_by_bundle ON cases (bundle_ref) WHERE bundle_ref IS NOT NULL;
    `,
  },
  {
    // Every ticket issued counts the waiting tickets of its category ("people ahead"). With the
    // priority in the index the count reads the index alone, not each waiting ticket's row: on a
    // busy day, or a kiosk draining its outbox, that count was most of the cost of an issue.
    version: 6,
    name: 'waiting count reads the index only',
    sql: `CREATE INDEX tickets_waiting_by_priority ON tickets (hall_id, category_code, service_date, status, priority);`,
  },
  {
    // Every row a caller may read or change names its hall, so a route can refuse a caller of another
    // hall without guessing. Staff reach halls through staff_halls (or every hall, for city managers).
    version: 7,
    name: 'hall confinement: staff halls, the hall of payments and evaluations',
    sql: HALL_CONFINEMENT_SQL,
  },
  {
    // The central's own settings (the citizen-reference key handed to kiosks at enrolment), and
    // enrolment codes that an administrator can withdraw before they are used.
    version: 8,
    name: 'central settings, revocable enrolment codes',
    sql: `
      CREATE TABLE central_settings (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      ALTER TABLE kiosk_enrolment_codes ADD COLUMN revoked_at INTEGER;
      CREATE INDEX kiosk_enrolment_codes_by_terminal ON kiosk_enrolment_codes (terminal_id, created_at);
    `,
  },
  {
    // The fleet page in a browser: staff sessions by cookie, and offline kiosks announced once.
    version: 9,
    name: 'staff browser sessions, fleet offline notices',
    sql: STAFF_SESSIONS_FLEET_OFFLINE_SQL,
  },
  {
    // 帮办代办: a citizen's call for help from a kiosk, taken and closed by hall staff.
    version: 10,
    name: 'staff calls from kiosks',
    sql: STAFF_CALLS_SQL,
  },
  {
    // Opening days from the hall's calendar (holidays, 调休), and the QR token that checks a booking in.
    version: 11,
    name: 'hall calendars, appointment QR tokens',
    sql: HALL_CALENDAR_SQL,
  },
  {
    // 告知承诺 signed with a finger: the image and the wording signed, sealed, beside the case.
    version: 12,
    name: 'drawn signatures of case commitments',
    sql: CASE_SIGNATURES_SQL,
  },
  {
    // Pages captured with a kiosk's document camera (高拍仪), uploaded in resumable chunks.
    version: 13,
    name: 'material scan uploads',
    sql: MATERIAL_SCANS_SQL,
  },
  {
    // 即办可打印: certificates issued at once, for the public verification page.
    version: 14,
    name: 'certificates printed at once',
    sql: PROOFS_SQL,
  },
];
