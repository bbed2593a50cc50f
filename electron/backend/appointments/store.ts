import type { z } from 'zod';
import type {
  bookAppointmentRequestSchema,
  checkInRequestSchema,
} from '../../../central/appointments/contract';
import type { KioskDatabase } from '../store/database';
import type { Outbox } from '../store/outbox';

/** Outbox kinds of appointments; their handlers are in outbox.ts. */
export const BOOK_KIND = 'appointment-book';
export const CHECK_IN_KIND = 'appointment-check-in';
/** Check-in by the booking's QR code alone (no card); its token travels sealed. */
export const QR_CHECK_IN_KIND = 'appointment-qr-check-in';

export type BookPayload = z.infer<typeof bookAppointmentRequestSchema>;
export type CheckInPayload = z.infer<typeof checkInRequestSchema> & { code: string };
/**
 * What a booking or a check-in seals: the citizen's keyed digest. An ID number has so little
 * entropy that its digest gives it back, so it is personal data and never in a clear payload;
 * the handler puts it back to send it (Outbox.assemble).
 */
export interface SealedCitizen {
  citizenRef: string;
}

export interface LocalAppointment {
  id: number;
  code: string | null;
  category: string | null;
  serviceDate: string | null;
  startTime: string | null;
  state: 'requested' | 'done' | 'rejected';
}

/**
 * Appointments booked or checked in at this kiosk (table `journey_appointments`). Each is one
 * transaction: its row and its outbox row. The citizen is a keyed digest, dropped after the
 * retention.
 */
export class AppointmentStore {
  constructor(
    private readonly db: KioskDatabase,
    private readonly outbox: Outbox,
  ) {}

  requestBooking(payload: BookPayload, hallId: string, now: number): { rowId: number; outboxId: number } {
    return this.db.transaction(() => {
      const { citizenRef, ...clear } = payload;
      const queued = this.outbox.enqueue(`${BOOK_KIND}:${hallId}`, () => clear, now, {
        citizenRef,
      } satisfies SealedCitizen);
      const info = this.db
        .prepare(
          `INSERT INTO journey_appointments (outbox_id, action, state, citizen_ref, slot_id, created_at, updated_at)
           VALUES (?, 'book', 'requested', ?, ?, ?, ?)`,
        )
        .run(queued.id, payload.citizenRef, payload.slotId, now, now);
      return { rowId: Number(info.lastInsertRowid), outboxId: queued.id };
    })();
  }

  requestCheckIn(payload: CheckInPayload, now: number): { rowId: number; outboxId: number } {
    return this.db.transaction(() => {
      const { citizenRef, ...clear } = payload;
      const queued = this.outbox.enqueue(`${CHECK_IN_KIND}:${payload.code}`, () => clear, now, {
        citizenRef,
      } satisfies SealedCitizen);
      const info = this.db
        .prepare(
          `INSERT INTO journey_appointments (outbox_id, action, state, citizen_ref, code, created_at, updated_at)
           VALUES (?, 'check-in', 'requested', ?, ?, ?, ?)`,
        )
        .run(queued.id, payload.citizenRef, payload.code, now, now);
      return { rowId: Number(info.lastInsertRowid), outboxId: queued.id };
    })();
  }

  /**
   * A check-in by QR code: no citizen is identified, so the row names none. The token proves the
   * booking like a key, so it is sealed as personal fields are.
   */
  requestQrCheckIn(
    payload: { code: string; token: string; terminalId: string },
    now: number,
  ): { rowId: number; outboxId: number } {
    return this.db.transaction(() => {
      const { token, ...clear } = payload;
      const queued = this.outbox.enqueue(`${QR_CHECK_IN_KIND}:${payload.code}`, () => clear, now, { token });
      const info = this.db
        .prepare(
          `INSERT INTO journey_appointments (outbox_id, action, state, citizen_ref, code, created_at, updated_at)
           VALUES (?, 'check-in', 'requested', NULL, ?, ?, ?)`,
        )
        .run(queued.id, payload.code, now, now);
      return { rowId: Number(info.lastInsertRowid), outboxId: queued.id };
    })();
  }

  markBooked(
    outboxId: number,
    a: { code: string; category: string; serviceDate: string; startTime: string },
    now: number,
  ): void {
    this.db
      .prepare(
        `UPDATE journey_appointments SET state = 'done', code = ?, category = ?, service_date = ?, start_time = ?, updated_at = ?
         WHERE outbox_id = ?`,
      )
      .run(a.code, a.category, a.serviceDate, a.startTime, now, outboxId);
  }

  markCheckedIn(outboxId: number, ticketNumber: string, now: number): void {
    this.db
      .prepare(
        `UPDATE journey_appointments SET state = 'done', ticket_number = ?, updated_at = ? WHERE outbox_id = ?`,
      )
      .run(ticketNumber, now, outboxId);
  }

  markAppointmentRejected(outboxId: number, code: string, now: number): void {
    this.db
      .prepare(
        `UPDATE journey_appointments SET state = 'rejected', reject_code = ?, updated_at = ? WHERE outbox_id = ?`,
      )
      .run(code, now, outboxId);
  }

  /**
   * Drops the citizen's digest from appointments made before `cutoff` (the retention): an ID number
   * has so little entropy that its keyed digest gives it back. A booking made longer ago is then
   * not offered for check-in by card here; its code still checks it in.
   */
  forgetCitizens(cutoff: number): number {
    return this.db
      .prepare(
        'UPDATE journey_appointments SET citizen_ref = NULL WHERE citizen_ref IS NOT NULL AND created_at <= ?',
      )
      .run(cutoff).changes;
  }

  /** Bookings made at this kiosk by this citizen for `date` and not checked in here yet. */
  bookingsOn(citizenRef: string, date: string): LocalAppointment[] {
    const rows = this.db
      .prepare(
        `SELECT id, code, category, service_date, start_time, state FROM journey_appointments b
         WHERE action = 'book' AND state = 'done' AND citizen_ref = ? AND service_date = ?
           AND NOT EXISTS (SELECT 1 FROM journey_appointments c
                           WHERE c.action = 'check-in' AND c.state = 'done' AND c.code = b.code)
         ORDER BY start_time`,
      )
      .all(citizenRef, date) as {
      id: number;
      code: string | null;
      category: string | null;
      service_date: string | null;
      start_time: string | null;
      state: LocalAppointment['state'];
    }[];
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      category: r.category,
      serviceDate: r.service_date,
      startTime: r.start_time,
      state: r.state,
    }));
  }
}
