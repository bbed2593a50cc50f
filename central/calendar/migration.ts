/**
 * Schema of migration 11 (hall calendars, appointment QR check-in). Like every shipped migration it
 * is never edited.
 *
 * - hall_calendars: a hall's opening weekdays (comma-separated ISO weekdays) and hours. A hall
 *   without a row opens Monday to Saturday, 08:30–17:30 (DEFAULT_OPEN_WEEKDAYS).
 * - calendar_days: holidays and 调休 make-up working days, for every hall ('*') or one hall.
 * - appointments.qr_token: the secret half of a booking's QR code. The eight-letter code alone is
 *   typed and printed, so it proves nothing without the citizen's card; the QR code carries this
 *   token too, which lets the citizen check in by scanning alone. Bookings made before have none
 *   and check in by card as before.
 */
export const HALL_CALENDAR_SQL = `
  CREATE TABLE hall_calendars (
    hall_id TEXT PRIMARY KEY REFERENCES halls (hall_id),
    open_weekdays TEXT NOT NULL,
    opens_at TEXT NOT NULL,
    closes_at TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE calendar_days (
    scope TEXT NOT NULL,
    service_date TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name TEXT NOT NULL,
    PRIMARY KEY (scope, service_date)
  );
  ALTER TABLE appointments ADD COLUMN qr_token TEXT;
`;
