/**
 * Calls for help (帮办代办) from the kiosks. A row says where the citizen stands (terminal, its
 * place in the hall, the journey step) and who came, never who the citizen is: there is no column
 * a name, ID number or queue number could go in. `received_at` is the central's clock (the
 * escalation deadline runs from it); `kiosk_called_at` is the kiosk's own, for the page.
 */
export const STAFF_CALLS_SQL = `
  CREATE TABLE staff_calls (
    call_id TEXT PRIMARY KEY,
    hall_id TEXT NOT NULL,
    terminal_id TEXT NOT NULL,
    placement TEXT,
    step TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'taken', 'closed', 'cancelled')),
    kiosk_called_at TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    escalated_at INTEGER,
    taken_by TEXT,
    taken_by_name TEXT,
    taken_at INTEGER,
    ended_at INTEGER,
    ended_by TEXT,
    cancel_reason TEXT CHECK (cancel_reason IS NULL OR cancel_reason IN ('citizen-cancelled', 'session-ended'))
  );
  CREATE INDEX staff_calls_live_by_hall ON staff_calls (hall_id, status, received_at);
`;
