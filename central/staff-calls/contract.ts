/** Staff calls (帮办代办): a kiosk asks for a person, hall staff take and close the call. zod only. */
import { z } from 'zod';

const terminalIdSchema = z.string().regex(/^[A-Za-z0-9_\-.]{1,64}$/);
/** Made by the kiosk, so a cancel queued behind an undelivered call can name it. */
export const staffCallIdSchema = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'letters, digits and dashes');

export const staffCallStatusSchema = z.enum(['open', 'taken', 'closed', 'cancelled']);
export const staffCallCancelReasonSchema = z.enum(['citizen-cancelled', 'session-ended']);
/** Who an unanswered call goes to once it is escalated. */
export const STAFF_CALL_ESCALATES_TO = 'duty-manager';

/**
 * What a kiosk sends. Strict: a field the contract does not name is refused, so nothing personal
 * (a name, an ID number, a queue number) can ride along with a call.
 */
export const createStaffCallRequestSchema = z.strictObject({
  callId: staffCallIdSchema,
  terminalId: terminalIdSchema,
  hallId: z.string().min(1).max(64),
  /** Where the kiosk stands in the hall, e.g. 一楼大厅 3 号机; from its configuration. */
  placement: z.string().min(1).max(60).optional(),
  /** The screen (journey step) the citizen was on when they asked. */
  step: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'a screen name: lower-case letters, digits and dashes'),
  /** The kiosk's clock when the citizen tapped (it may have waited in the outbox since). */
  calledAt: z.iso.datetime(),
});

export const cancelStaffCallRequestSchema = z.strictObject({
  terminalId: terminalIdSchema,
  reason: staffCallCancelReasonSchema,
});

export const staffCallParamsSchema = z.object({ callId: staffCallIdSchema });

export const staffCallSchema = z.object({
  callId: z.string(),
  hallId: z.string(),
  terminalId: z.string(),
  placement: z.string().nullable(),
  step: z.string(),
  status: staffCallStatusSchema,
  calledAt: z.string().describe('The kiosk’s clock at the tap'),
  receivedAt: z.string().describe('The central’s clock when the call arrived; escalation counts from it'),
  escalatedAt: z.string().nullable(),
  /** `duty-manager` once escalated: the hall's managers see it highlighted. */
  escalatedTo: z.literal(STAFF_CALL_ESCALATES_TO).nullable(),
  /** The staff member on their way: a display name, for the citizen's screen too. */
  takenBy: z.object({ staffId: z.string(), displayName: z.string() }).nullable(),
  takenAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  cancelReason: staffCallCancelReasonSchema.nullable(),
});

export const staffCallResponseSchema = z.object({ call: staffCallSchema });
export const listStaffCallsQuerySchema = z.object({ hallId: z.string().min(1).max(64).optional() });
export const listStaffCallsResponseSchema = z.object({ calls: z.array(staffCallSchema) });

/** Published on a change, to the calling kiosk (its stream) and, as `fleet.staff-call-changed`, to the staff page. */
export const staffCallChangedDataSchema = z.object({
  reason: z.enum(['created', 'taken', 'closed', 'cancelled', 'escalated']),
  call: staffCallSchema,
});

export const staffCallErrorCodes = [
  'unknown-staff-call',
  'staff-call-exists',
  'staff-call-taken',
  'staff-call-ended',
] as const;

export type StaffCall = z.infer<typeof staffCallSchema>;
export type StaffCallStatus = z.infer<typeof staffCallStatusSchema>;
export type CreateStaffCallRequest = z.infer<typeof createStaffCallRequestSchema>;
export type CancelStaffCallRequest = z.infer<typeof cancelStaffCallRequestSchema>;
export type StaffCallChangedData = z.infer<typeof staffCallChangedDataSchema>;
