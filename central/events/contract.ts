/** Live events on a kiosk's server-sent event stream. zod only: the kiosk imports this file. */
import { z } from 'zod';
import { fleetKioskSchema } from '../kiosks/contract';
import { staffCallChangedDataSchema } from '../staff-calls/contract';

export const liveEventTypes = [
  'ticket.called',
  'case.status-changed',
  'catalogue.changed',
  'config.changed',
  // A call for help (帮办代办) changed: to the calling kiosk only (taken, escalated, closed, ...).
  'staff-call.changed',
  // For the fleet page's stream only (staff), never a kiosk's: a heartbeat arrived, or a kiosk fell
  // silent. Kiosk streams never carry an event of the fleet.
  'fleet.kiosk-changed',
  // The same change for the staff-call page of the hall's staff.
  'fleet.staff-call-changed',
  // Not stored: sent when the stream cannot resume from the client's Last-Event-ID (events purged,
  // or an id from another database). The client reloads what it caches, then follows the stream.
  'stream.reset',
] as const;
export const liveEventTypeSchema = z.enum(liveEventTypes);

export const ticketCalledDataSchema = z.object({
  ticketId: z.string(),
  number: z.string(),
  hallId: z.string(),
  category: z.string(),
  /** A repeated call of the same ticket. */
  recall: z.boolean(),
  /** Window the citizen is called to, when the caller named one. */
  window: z.string().optional(),
});

/** No personal data: the number on the citizen's receipt, the item and the new status. */
export const caseStatusChangedDataSchema = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  itemCode: z.string(),
  status: z.string(),
  previousStatus: z.string().nullable(),
});

export const catalogueChangedDataSchema = z.object({ version: z.number().int().min(1) });

/** Published by the kiosk-configuration slice; its shape is theirs, so it is kept open here. */
export const configChangedDataSchema = z.looseObject({ version: z.number().int().optional() });

/** The kiosk as the fleet list shows it, after the change. No personal data: terminals and devices. */
export const fleetKioskChangedDataSchema = z.object({
  reason: z.enum(['heartbeat', 'offline']),
  kiosk: fleetKioskSchema,
});

/** Event types of the fleet's stream, which kiosks' streams leave out. */
export const FLEET_EVENT_PREFIX = 'fleet.';

export const streamResetDataSchema = z.object({ reason: z.string(), latestSeq: z.number().int().min(0) });

const base = { seq: z.number().int().min(0), at: z.string() };
export const liveEventSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('ticket.called'), data: ticketCalledDataSchema }),
  z.object({ ...base, type: z.literal('case.status-changed'), data: caseStatusChangedDataSchema }),
  z.object({ ...base, type: z.literal('catalogue.changed'), data: catalogueChangedDataSchema }),
  z.object({ ...base, type: z.literal('config.changed'), data: configChangedDataSchema }),
  z.object({ ...base, type: z.literal('fleet.kiosk-changed'), data: fleetKioskChangedDataSchema }),
  z.object({ ...base, type: z.literal('staff-call.changed'), data: staffCallChangedDataSchema }),
  z.object({ ...base, type: z.literal('fleet.staff-call-changed'), data: staffCallChangedDataSchema }),
  z.object({ ...base, type: z.literal('stream.reset'), data: streamResetDataSchema }),
]);

export const kioskEventStreamParamsSchema = z.object({
  terminalId: z.string().regex(/^[A-Za-z0-9_\-.]{1,64}$/),
});
export const kioskEventStreamQuerySchema = z.object({
  hallId: z.string().min(1).max(64),
  /** For clients that cannot set the Last-Event-ID header; the header wins when both are sent. */
  lastEventId: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional(),
});

export type LiveEventType = z.infer<typeof liveEventTypeSchema>;
export type LiveEvent = z.infer<typeof liveEventSchema>;
export type TicketCalledData = z.infer<typeof ticketCalledDataSchema>;
export type CaseStatusChangedData = z.infer<typeof caseStatusChangedDataSchema>;
