/**
 * Schema of migration 2 (catalogue, cases, live events, staff). Kept beside the cases slice so
 * central/db/migrations.ts stays a short list; like every shipped migration it is never edited.
 */
export const CATALOGUE_CASES_EVENTS_STAFF_SQL = `
  -- 12-digit administrative division codes: 6 (county, GB/T 2260) + 3 (street) + 3 (community).
  CREATE TABLE regions (
    region_code TEXT PRIMARY KEY CHECK (length(region_code) = 12 AND region_code NOT GLOB '*[^0-9]*'),
    level TEXT NOT NULL CHECK (level IN ('city', 'district', 'street', 'community')),
    parent_code TEXT REFERENCES regions (region_code),
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL
  );

  CREATE TABLE hall_regions (
    hall_id TEXT PRIMARY KEY REFERENCES halls (hall_id),
    region_code TEXT NOT NULL REFERENCES regions (region_code)
  );

  -- The catalogue as versioned documents: each row carries the catalogue version of its last
  -- change, so "changes since version N" is one indexed query. Deletions stay as tombstones.
  CREATE TABLE catalogue_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
  );
  CREATE TABLE catalogue_entries (
    kind TEXT NOT NULL CHECK (kind IN ('department', 'material', 'item', 'variant', 'bundle')),
    entry_key TEXT NOT NULL,
    document TEXT NOT NULL,
    version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    PRIMARY KEY (kind, entry_key)
  );
  CREATE INDEX catalogue_entries_by_version ON catalogue_entries (version);

  CREATE TABLE cases (
    id INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL UNIQUE,
    -- BJ + service date + seq: unique through UNIQUE (service_date, seq), so no index of its own.
    case_number TEXT NOT NULL,
    service_date TEXT NOT NULL,
    seq INTEGER NOT NULL,
    item_code TEXT NOT NULL,
    implementing_code TEXT NOT NULL,
    item_name_zh TEXT NOT NULL,
    item_name_en TEXT NOT NULL,
    region_code TEXT NOT NULL,
    hall_id TEXT NOT NULL REFERENCES halls (hall_id),
    terminal_id TEXT NOT NULL,
    -- Responsible department, decided from the item when the case is routed.
    department_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('submitted', 'pre-review-returned', 'pre-review-passed',
      'accepted', 'needs-correction', 'not-accepted', 'routed', 'approved', 'rejected',
      'ready-for-pickup', 'handed-out', 'withdrawn', 'terminated')),
    -- Keyed digest of the ID number from the kiosk: how a citizen's cases are found.
    citizen_ref TEXT NOT NULL CHECK (length(citizen_ref) = 64),
    applicant_masked_name TEXT NOT NULL,
    -- Name, ID number and phone, AES-256-GCM sealed with a key that is not in the database.
    applicant_sealed TEXT NOT NULL,
    materials TEXT NOT NULL,
    delivery TEXT NOT NULL CHECK (delivery IN ('window', 'post', 'self-service')),
    pickup TEXT CHECK (pickup IN ('window', 'post', 'self-service')),
    fee_fen INTEGER NOT NULL CHECK (fee_fen >= 0),
    promised_days INTEGER NOT NULL,
    due_date TEXT,
    kiosk_sequence INTEGER NOT NULL,
    requested_at TEXT NOT NULL,
    submitted_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (service_date, seq)
  );
  CREATE INDEX cases_by_citizen ON cases (citizen_ref, id);
  CREATE INDEX cases_by_department ON cases (department_id, status, id);

  -- The timeline after submission (the submission is the case row itself), one row per change.
  CREATE TABLE case_events (
    id INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (case_id),
    action TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    actor_kind TEXT NOT NULL CHECK (actor_kind IN ('citizen', 'staff', 'system')),
    actor_id TEXT,
    department_id TEXT,
    note TEXT,
    at INTEGER NOT NULL
  );
  CREATE INDEX case_events_by_case ON case_events (case_id, id);

  -- Live events for the kiosks' event streams. The purge never deletes the newest event, so the
  -- next sequence number (max + 1) is never one a client has already seen.
  CREATE TABLE live_events (
    seq INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    hall_id TEXT,
    terminal_id TEXT,
    data TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );

  CREATE TABLE staff_members (
    staff_id TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('window', 'approver', 'manager')),
    department_id TEXT,
    hall_id TEXT,
    -- SHA-256 of the bearer token; the token itself is shown once when it is issued.
    token_digest TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER,
    CHECK (role <> 'approver' OR department_id IS NOT NULL)
  );
`;
