/**
 * Schema of migration 7 (hall confinement). Like every shipped migration it is never edited.
 *
 * - staff_halls: the halls a window clerk or manager acts in. staff_members.hall_id (migration 2)
 *   is copied in and kept only for old readers; staff_halls is what is checked.
 * - staff_members.every_hall: a city-level manager reaches every hall, stated explicitly. Managers
 *   provisioned without a hall reached every hall before; they keep that, now written down.
 *   Window staff without a hall reached every hall too; they now reach none until given one.
 * - payments.hall_id / terminal_id: the hall (from the case) and the kiosk that created the order.
 * - evaluations.hall_id: the hall of the rated case or visit, for the managers' follow-up lists.
 */
export const HALL_CONFINEMENT_SQL = `
  CREATE TABLE staff_halls (
    staff_id TEXT NOT NULL REFERENCES staff_members (staff_id),
    hall_id TEXT NOT NULL,
    PRIMARY KEY (staff_id, hall_id)
  );
  INSERT INTO staff_halls (staff_id, hall_id)
    SELECT staff_id, hall_id FROM staff_members WHERE hall_id IS NOT NULL AND role <> 'approver';

  ALTER TABLE staff_members ADD COLUMN every_hall INTEGER NOT NULL DEFAULT 0 CHECK (every_hall IN (0, 1));
  UPDATE staff_members SET every_hall = 1 WHERE role = 'manager' AND hall_id IS NULL;

  ALTER TABLE payments ADD COLUMN hall_id TEXT;
  ALTER TABLE payments ADD COLUMN terminal_id TEXT;
  UPDATE payments SET hall_id = (SELECT c.hall_id FROM cases c WHERE c.case_id = payments.case_id);
  CREATE INDEX payments_by_hall ON payments (hall_id);

  ALTER TABLE evaluations ADD COLUMN hall_id TEXT;
  UPDATE evaluations SET hall_id = CASE subject_kind
    WHEN 'case' THEN (SELECT c.hall_id FROM cases c WHERE c.case_id = evaluations.subject_id)
    ELSE (SELECT t.hall_id FROM tickets t WHERE t.ticket_id = evaluations.subject_id) END;
`;
