/**
 * Browser sessions of staff (the fleet page) and the fleet's offline notices. Sessions live in the
 * database, not in a node's memory, so a hall's page keeps working whichever node answers; only a
 * digest of the session id is stored, so a copy of the database opens no session.
 * `offline_noted_at` records that a kiosk's going offline was announced, so one node announces it once.
 */
export const STAFF_SESSIONS_FLEET_OFFLINE_SQL = `
  CREATE TABLE staff_sessions (
    session_digest TEXT PRIMARY KEY,
    staff_id TEXT NOT NULL REFERENCES staff_members (staff_id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX staff_sessions_by_expiry ON staff_sessions (expires_at);
  ALTER TABLE kiosks ADD COLUMN offline_noted_at INTEGER;
`;
