import { z } from 'zod';
import { issuedTicketSchema } from '../api/contract';
import { defineEndpoints } from '../api/endpoint';

/**
 * Appointments' /api contract: the bookable slots of a category, booking one, the citizen's
 * bookings made here for today, and checking in by the booking's code for a priority ticket.
 * Pure zod: the renderer builds its client from `appointmentEndpoints`.
 */

// GET /api/appointments/slots?category=A&date=YYYY-MM-DD
export const slotsQuerySchema = z.object({
  category: z.string().regex(/^[A-Z]$/),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export const slotViewSchema = z.object({
  slotId: z.string(),
  serviceDate: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  available: z.number().int().min(0),
});
export type SlotView = z.infer<typeof slotViewSchema>;
export const slotsResponseSchema = z.object({
  ok: z.literal(true),
  /** The day shown: the one asked for, or the first open day when the hall is closed on it. */
  date: z.string(),
  /** Bookable days, today first (hall time). */
  dates: z.array(z.string()),
  slots: z.array(slotViewSchema),
});

// POST /api/appointments
export const bookRequestSchema = z.object({ slotId: z.string().min(1).max(100) });
export const bookedAppointmentSchema = z.object({
  code: z.string(),
  qrPayload: z.string(),
  category: z.string(),
  serviceDate: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  /** Whether the booking slip came out of the printer. */
  printed: z.boolean(),
});
export type BookedAppointment = z.infer<typeof bookedAppointmentSchema>;
export const bookResponseSchema = z.object({ ok: z.literal(true), appointment: bookedAppointmentSchema });

// GET /api/appointments/today: bookings made here by the identified citizen for today (check-in by card).
export const todayAppointmentSchema = z.object({
  code: z.string(),
  category: z.string(),
  startTime: z.string(),
});
export type TodayAppointment = z.infer<typeof todayAppointmentSchema>;
export const todayAppointmentsResponseSchema = z.object({
  ok: z.literal(true),
  appointments: z.array(todayAppointmentSchema),
});

// POST /api/appointments/check-in: the code typed or scanned; answers the priority ticket.
export const checkInRequestSchema = z.object({ code: z.string().max(40) });
export const checkInResponseSchema = z.object({ ok: z.literal(true), ticket: issuedTicketSchema });

// GET /api/appointments/qr-check-in?seq=N: the check-in started by scanning a booking's QR code on
// the home screen (nobody identified), by the scan's number; waits while it runs.
export const qrCheckInQuerySchema = z.object({ seq: z.coerce.number().int().min(0) });

export const appointmentEndpoints = defineEndpoints({
  slots: {
    method: 'GET',
    path: '/api/appointments/slots',
    query: slotsQuerySchema,
    response: slotsResponseSchema,
  },
  book: { method: 'POST', path: '/api/appointments', body: bookRequestSchema, response: bookResponseSchema },
  today: { method: 'GET', path: '/api/appointments/today', response: todayAppointmentsResponseSchema },
  checkIn: {
    method: 'POST',
    path: '/api/appointments/check-in',
    body: checkInRequestSchema,
    response: checkInResponseSchema,
  },
  qrCheckIn: {
    method: 'GET',
    path: '/api/appointments/qr-check-in',
    query: qrCheckInQuerySchema,
    response: checkInResponseSchema,
  },
});
