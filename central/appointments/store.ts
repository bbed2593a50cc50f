import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { CentralDatabase } from '../db/database';
import type { Appointment, AppointmentSlot } from './contract';

/**
 * The day's slots of every hall and category, until a manager changes a slot's capacity: half-hour
 * slots in the morning and afternoon opening hours, four citizens each.
 */
export const DEFAULT_SLOT_STARTS = [
  '09:00',
  '09:30',
  '10:00',
  '10:30',
  '11:00',
  '11:30',
  '13:30',
  '14:00',
  '14:30',
  '15:00',
  '15:30',
  '16:00',
  '16:30',
] as const;
export const SLOT_MINUTES = 30;
export const DEFAULT_SLOT_CAPACITY = 4;
/** Bookings open this many days ahead (today included). */
export const BOOKING_HORIZON_DAYS = 14;
/** Check-in opens an hour before the slot and closes a quarter of an hour after it ends. */
export const CHECK_IN_OPENS_BEFORE_MS = 60 * 60 * 1000;
export const CHECK_IN_CLOSES_AFTER_MS = 15 * 60 * 1000;

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** 16 of 32 letters: 80 bits, beyond guessing even for a kiosk that tries every second for years. */
export const QR_TOKEN_LENGTH = 16;

function randomCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

function addMinutes(hhmm: string, minutes: number): string {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const total = h * 60 + m + minutes;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** Deterministic slot id: S-<yyyymmdd>-<category>-<hhmm>-<hallId>. */
export function slotIdOf(hallId: string, category: string, date: string, start: string): string {
  return `S-${date.replaceAll('-', '')}-${category}-${start.replace(':', '')}-${hallId}`;
}

export function parseSlotId(
  slotId: string,
): { hallId: string; category: string; date: string; start: string } | undefined {
  const m = /^S-(\d{4})(\d{2})(\d{2})-([A-Z])-(\d{2})(\d{2})-(.{1,64})$/.exec(slotId);
  if (!m) return undefined;
  const start = `${m[5]}:${m[6]}`;
  if (!(DEFAULT_SLOT_STARTS as readonly string[]).includes(start)) return undefined;
  return { date: `${m[1]}-${m[2]}-${m[3]}`, category: m[4]!, start, hallId: m[7]! };
}

interface SlotRow {
  slot_id: string;
  hall_id: string;
  category_code: string;
  service_date: string;
  start_time: string;
  end_time: string;
  capacity: number;
  booked: number;
}

interface AppointmentRow {
  appointment_id: string;
  code: string;
  qr_token: string | null;
  slot_id: string;
  citizen_ref: string;
  status: Appointment['status'];
  ticket_id: string | null;
  hall_id: string;
  category_code: string;
  service_date: string;
  start_time: string;
  end_time: string;
}

export type BookOutcome =
  | { kind: 'booked'; appointment: Appointment }
  | { kind: 'slot-full' }
  | { kind: 'appointment-exists'; appointment: Appointment };

const HELD = `('booked', 'checked-in')`;

/** Appointment slots and bookings. Methods are synchronous; callers own transactions. */
export class AppointmentStore {
  private readonly stmts;

  constructor(private readonly db: CentralDatabase) {
    const slotSelect = `SELECT s.*, (SELECT count(*) FROM appointments a WHERE a.slot_id = s.slot_id AND a.status IN ${HELD}) AS booked
      FROM appointment_slots s`;
    const apptSelect = `SELECT a.appointment_id, a.code, a.qr_token, a.slot_id, a.citizen_ref, a.status, a.ticket_id,
        s.hall_id, s.category_code, s.service_date, s.start_time, s.end_time
      FROM appointments a JOIN appointment_slots s ON s.slot_id = a.slot_id`;
    this.stmts = {
      ensureSlot: db.prepare(
        `INSERT OR IGNORE INTO appointment_slots (slot_id, hall_id, category_code, service_date, start_time, end_time, capacity)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      slotsOfDay: db.prepare<[string, string, string], SlotRow>(
        `${slotSelect} WHERE s.hall_id = ? AND s.category_code = ? AND s.service_date = ? ORDER BY s.start_time`,
      ),
      slot: db.prepare<[string], SlotRow>(`${slotSelect} WHERE s.slot_id = ?`),
      setCapacity: db.prepare('UPDATE appointment_slots SET capacity = ? WHERE slot_id = ?'),
      heldOnDay: db.prepare<[string, string, string, string], AppointmentRow>(
        `${apptSelect} WHERE a.citizen_ref = ? AND s.hall_id = ? AND s.category_code = ? AND s.service_date = ?
           AND a.status IN ${HELD}`,
      ),
      insert: db.prepare(
        `INSERT INTO appointments (appointment_id, code, qr_token, slot_id, citizen_ref, status, created_at)
         VALUES (?, ?, ?, ?, ?, 'booked', ?)`,
      ),
      codeTaken: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM appointments WHERE code = ?'),
      byCode: db.prepare<[string], AppointmentRow>(`${apptSelect} WHERE a.code = ?`),
      cancel: db.prepare(
        `UPDATE appointments SET status = 'cancelled', cancelled_at = ? WHERE code = ? AND status = 'booked'`,
      ),
      checkIn: db.prepare(
        `UPDATE appointments SET status = 'checked-in', checked_in_at = ?, ticket_id = ? WHERE code = ? AND status = 'booked'`,
      ),
    };
  }

  /** Creates the default slots of a day where missing. */
  ensureDay(hallId: string, category: string, date: string): void {
    for (const start of DEFAULT_SLOT_STARTS) {
      this.stmts.ensureSlot.run(
        slotIdOf(hallId, category, date, start),
        hallId,
        category,
        date,
        start,
        addMinutes(start, SLOT_MINUTES),
        DEFAULT_SLOT_CAPACITY,
      );
    }
  }

  slotsOfDay(hallId: string, category: string, date: string): AppointmentSlot[] {
    this.ensureDay(hallId, category, date);
    return this.stmts.slotsOfDay.all(hallId, category, date).map(toSlot);
  }

  slot(slotId: string): AppointmentSlot | undefined {
    const row = this.stmts.slot.get(slotId);
    return row && toSlot(row);
  }

  setCapacity(slotId: string, capacity: number): AppointmentSlot | undefined {
    if (this.stmts.setCapacity.run(capacity, slotId).changes !== 1) return undefined;
    return toSlot(this.stmts.slot.get(slotId)!);
  }

  /** Books a seat in a slot (call inside a write transaction). One booking per citizen, category and day. */
  book(slot: AppointmentSlot, citizenRef: string, now: number): BookOutcome {
    const held = this.stmts.heldOnDay.get(citizenRef, slot.hallId, slot.category, slot.serviceDate);
    if (held) return { kind: 'appointment-exists', appointment: toAppointment(held) };
    const current = this.stmts.slot.get(slot.slotId)!;
    if (current.booked >= current.capacity) return { kind: 'slot-full' };
    let code: string;
    do code = randomCode(8);
    while (this.stmts.codeTaken.get(code)!.n > 0);
    this.stmts.insert.run(randomUUID(), code, randomCode(QR_TOKEN_LENGTH), slot.slotId, citizenRef, now);
    return { kind: 'booked', appointment: toAppointment(this.stmts.byCode.get(code)!) };
  }

  /** The booking with this code, only for the citizen who made it. */
  find(code: string, citizenRef: string): (Appointment & { citizenRef: string }) | undefined {
    const row = this.stmts.byCode.get(code);
    if (!row || row.citizen_ref !== citizenRef) return undefined;
    return { ...toAppointment(row), citizenRef: row.citizen_ref };
  }

  /**
   * The booking whose QR code carries this code and token, whoever holds it: the token is the
   * proof. A booking without a token (made before them) is never found this way.
   */
  findByQr(code: string, token: string): (Appointment & { citizenRef: string }) | undefined {
    const row = this.stmts.byCode.get(code);
    if (!row || row.qr_token === null) return undefined;
    const expected = Buffer.from(row.qr_token);
    const given = Buffer.from(token);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    return { ...toAppointment(row), citizenRef: row.citizen_ref };
  }

  cancel(code: string, now: number): boolean {
    return this.stmts.cancel.run(now, code).changes === 1;
  }

  markCheckedIn(code: string, ticketId: string, now: number): Appointment {
    this.stmts.checkIn.run(now, ticketId, code);
    return toAppointment(this.stmts.byCode.get(code)!);
  }
}

function toSlot(r: SlotRow): AppointmentSlot {
  return {
    slotId: r.slot_id,
    hallId: r.hall_id,
    category: r.category_code,
    serviceDate: r.service_date,
    startTime: r.start_time,
    endTime: r.end_time,
    capacity: r.capacity,
    booked: r.booked,
    available: Math.max(0, r.capacity - r.booked),
  };
}

function toAppointment(r: AppointmentRow): Appointment {
  return {
    appointmentId: r.appointment_id,
    code: r.code,
    qrPayload: r.qr_token === null ? `appt:${r.code}` : `appt:${r.code}.${r.qr_token}`,
    slotId: r.slot_id,
    hallId: r.hall_id,
    category: r.category_code,
    serviceDate: r.service_date,
    startTime: r.start_time,
    endTime: r.end_time,
    status: r.status,
    ticketId: r.ticket_id,
  };
}
