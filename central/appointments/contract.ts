/** Wire contract of appointments (预约). zod only; re-exported from central/contract.ts. */
import { z } from 'zod';

const citizenRef = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .describe('Keyed digest of the ID number, as for queue tickets; never the ID number');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const appointmentCodeSchema = z
  .string()
  .regex(/^[A-Z0-9]{8}$/)
  .describe('Code the citizen shows or scans at the kiosk');

export const listAppointmentSlotsQuerySchema = z.object({
  hallId: z.string().min(1).max(64),
  category: z.string().regex(/^[A-Z]$/),
  date: date.describe('Service date (Asia/Shanghai), YYYY-MM-DD'),
});

export const appointmentSlotSchema = z.object({
  slotId: z.string(),
  hallId: z.string(),
  category: z.string(),
  serviceDate: z.string(),
  startTime: z.string().describe('HH:MM, hall time'),
  endTime: z.string(),
  capacity: z.number().int().min(0),
  booked: z.number().int().min(0),
  available: z.number().int().min(0),
});
export const listAppointmentSlotsResponseSchema = z.object({
  /** Whether the hall serves citizens that day (its calendar); a closed day has no slots. */
  open: z.boolean(),
  /** The open days bookings are taken for, from today (hall time), by the hall's calendar. */
  bookableDates: z.array(z.string()),
  slots: z.array(appointmentSlotSchema),
});

export const setSlotCapacityRequestSchema = z.strictObject({ capacity: z.number().int().min(0).max(500) });
export const appointmentSlotResponseSchema = z.object({ slot: appointmentSlotSchema });

export const bookAppointmentRequestSchema = z.strictObject({
  slotId: z.string().min(1).max(100),
  citizenRef,
});

export const appointmentStatusSchema = z.enum(['booked', 'cancelled', 'checked-in']);
export const appointmentSchema = z.object({
  appointmentId: z.string(),
  code: z.string(),
  /**
   * What a kiosk scans: `appt:<code>.<token>` (the token lets the QR code alone check in), or
   * `appt:<code>` for a booking made before tokens.
   */
  qrPayload: z.string(),
  slotId: z.string(),
  hallId: z.string(),
  category: z.string(),
  serviceDate: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  status: appointmentStatusSchema,
  ticketId: z.string().nullable(),
});
export const appointmentResponseSchema = z.object({ appointment: appointmentSchema });

/** Cancel or look up: the booking is identified by its code and the citizen's reference together. */
export const appointmentCitizenRequestSchema = z.strictObject({ citizenRef });
export const checkInRequestSchema = z.strictObject({
  citizenRef,
  terminalId: z.string().regex(/^[A-Za-z0-9-]{3,40}$/),
});

export const qrTokenSchema = z.string().regex(/^[A-Z2-9]{16}$/);
/** Check-in by the booking's QR code alone (no card): its token proves the citizen holds it. */
export const qrCheckInRequestSchema = z.strictObject({
  token: qrTokenSchema,
  terminalId: z.string().regex(/^[A-Za-z0-9-]{3,40}$/),
});

export const appointmentErrorCodes = [
  'hall-closed',
  'appointment-expired',
  'appointment-other-hall',
  'unknown-slot',
  'slot-full',
  'slot-closed',
  'appointment-exists',
  'unknown-appointment',
  'invalid-appointment-state',
  'check-in-closed',
] as const;

export type AppointmentSlot = z.infer<typeof appointmentSlotSchema>;
export type Appointment = z.infer<typeof appointmentSchema>;
