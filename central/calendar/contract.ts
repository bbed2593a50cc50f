/** Wire contract of hall calendars (opening days, hours, holidays, 调休). zod only. */
import { z } from 'zod';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const weekday = z.number().int().min(1).max(7);

export const hallCalendarQuerySchema = z.object({
  from: date.describe('First service date (Asia/Shanghai)'),
  days: z.coerce.number().int().min(1).max(62).default(14),
});

export const calendarDaySchema = z.object({
  date: z.string(),
  open: z.boolean(),
  /** Why a closed day is closed: a holiday's name, or 'weekly' for a weekday the hall never opens. */
  closedReason: z.string().nullable(),
});

export const hallCalendarResponseSchema = z.object({
  hallId: z.string(),
  openWeekdays: z.array(z.number().int()),
  opensAt: z.string(),
  closesAt: z.string(),
  days: z.array(calendarDaySchema),
});

export const setHallWeekRequestSchema = z
  .strictObject({
    openWeekdays: z.array(weekday).min(1).max(7).describe('ISO weekdays, 1 = Monday ... 7 = Sunday'),
    opensAt: hhmm,
    closesAt: hhmm,
  })
  .refine((w) => w.opensAt < w.closesAt, { message: 'opensAt must be before closesAt', path: ['closesAt'] });

export const setCalendarDayRequestSchema = z.strictObject({
  /** A hall id, or '*' for every hall (the State Council's holidays and 调休; city managers only). */
  scope: z.string().min(1).max(64),
  kind: z.enum(['holiday', 'workday', 'none']).describe("'none' removes the date's exception"),
  name: z.string().min(1).max(40),
});

export type HallCalendarResponse = z.infer<typeof hallCalendarResponseSchema>;
