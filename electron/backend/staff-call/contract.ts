import { z } from 'zod';
import { defineEndpoints } from '../api/endpoint';

/**
 * 帮办代办's /api contract: the call for staff as the screen shows it, raising it and withdrawing
 * it. Pure zod: the renderer builds its client from `staffCallEndpoints`.
 */

/** The citizen's call as the screen shows it: nothing personal, only how far help has come. */
export const staffCallViewSchema = z.object({
  callId: z.string(),
  status: z.enum(['open', 'taken', 'closed']),
  /** False while the call waits in the outbox (the central not reached yet). */
  delivered: z.boolean(),
  /** Nobody took it in time: it went to the hall's duty manager. */
  escalated: z.boolean(),
  /** The staff member on their way (their display name), once someone took it. */
  takenBy: z.string().nullable(),
});
export type StaffCallView = z.infer<typeof staffCallViewSchema>;

export const staffCallResponseSchema = z.object({
  ok: z.literal(true),
  call: staffCallViewSchema.nullable(),
});
/** The screen (journey step) the citizen asked from: a screen name, never anything they typed. */
export const callStaffRequestSchema = z.strictObject({
  step: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
});

export const staffCallEndpoints = defineEndpoints({
  current: { method: 'GET', path: '/api/staff-call', response: staffCallResponseSchema },
  call: {
    method: 'POST',
    path: '/api/staff-call',
    body: callStaffRequestSchema,
    response: staffCallResponseSchema,
  },
  cancel: { method: 'POST', path: '/api/staff-call/cancel', response: staffCallResponseSchema },
});
