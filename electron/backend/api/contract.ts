import { z } from 'zod';
import { defineEndpoints } from './endpoint';
import { localizedTextSchema } from '../../../domain/localized-text';
import { issuedTicketSchema } from '../queue/contract';
import { staffCallViewSchema } from '../staff-call/contract';

/**
 * The /api contract between the renderer and the kiosk backend: one definition, validated by the
 * backend at the boundary and used by the renderer's client for its types. Pure zod: no Node here,
 * so the renderer may import it.
 *
 * Every response body is JSON. Expected failures come back as `{ ok: false, error: { code, ... } }`
 * with a 4xx/5xx status; the renderer maps `code` to an i18n key (`errors.<code>`).
 */

export { localizedTextSchema, type LocalizedText } from '../../../domain/localized-text';
/** A refusal of any slice may carry the citizen's queue ticket (issued but not printed, or held already). */
export { issuedTicketSchema, type IssuedTicket, type QueueCategory } from '../queue/contract';

export const cardTypeSchema = z.enum([
  'resident',
  'hmt-residence-permit',
  'foreign-permanent-resident',
  'foreign-permanent-resident-2023',
]);

/** What the screen may know about the citizen: masked only. Never the full name or ID number. */
export const citizenViewSchema = z.object({
  maskedName: z.string(),
  maskedIdNumber: z.string(),
  cardType: cardTypeSchema,
  /** Aged 70 or more on the card's birth date: the green channel applies. */
  greenChannel: z.boolean(),
  /**
   * Aged 60 or more on the hall date (only the flag, never the age or birth date): with a card,
   * the screen offers 长辈模式. Optional so an older backend's state still parses.
   */
  senior: z.boolean().optional(),
  /**
   * How the citizen was identified: absent for the card; an ID number typed on screen or scanned
   * from the mobile app's QR code (declared: weaker, may do less; its maskedName is empty).
   */
  source: z.enum(['card', 'typed', 'qr']).optional(),
});
export type CitizenView = z.infer<typeof citizenViewSchema>;

export const deviceStatusSchema = z.object({
  state: z.string(),
  detail: z.string().optional(),
});

export const syncStatusSchema = z.object({
  online: z.boolean(),
  lastSuccessAt: z.string().nullable(),
  /** Actions waiting for the central (pending or in flight). */
  depth: z.number().int().min(0),
  oldestPendingAgeSeconds: z.number().int().min(0).nullable(),
  deadLetters: z.number().int().min(0),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const kioskStateSchema = z.object({
  terminalId: z.string(),
  hallName: z.string(),
  languages: z.array(z.enum(['zh-CN', 'en'])),
  /** The session's citizen, or null when nobody is identified. */
  citizen: citizenViewSchema.nullable(),
  devices: z.object({
    idCardReader: deviceStatusSchema,
    receiptPrinter: deviceStatusSchema,
    /** Present only when configured: a ticket printer of its own, the HID button panel, the scanner. */
    ticketPrinter: deviceStatusSchema.optional(),
    buttonPanel: deviceStatusSchema.optional(),
    qrScanner: deviceStatusSchema.optional(),
    /** The A4 printer for certificates (证明), when this terminal has one. */
    a4Printer: deviceStatusSchema.optional(),
  }),
  /** True when the developer endpoints under /api/dev are offered (all devices simulated). */
  simulated: z.boolean(),
  idle: z.object({
    sessionSeconds: z.number(),
    elderlySessionSeconds: z.number(),
    warningSeconds: z.number(),
  }),
  /** The outbox and the link to the central, for the citizen's "offline" notice and for staff. */
  sync: syncStatusSchema.optional(),
  /** Citizen journeys: the last scan the screens may act on, the payment being waited for. */
  journey: z.lazy(() => journeyStateSchema).optional(),
  /** A card lies on the reader: once nobody is identified, the screen asks to take it away. */
  cardOnReader: z.boolean().optional(),
  /** The idle screen: where this model's card reader is, and the app's download address. */
  attract: z
    .object({
      cardReaderPosition: z.enum(['below-screen-right', 'below-screen-center', 'right-side']),
      appQrUrl: z.string(),
    })
    .optional(),
  /** The citizen's call for staff (帮办代办), while there is one. */
  staffCall: staffCallViewSchema.nullable().optional(),
  /** Which camera is the document camera, when configured (devices.documentCamera). */
  documentCamera: z.object({ deviceId: z.string().optional(), label: z.string().optional() }).optional(),
});
export type KioskState = z.infer<typeof kioskStateSchema>;

export const errorCodeSchema = z.enum([
  'no-session',
  'unknown-category',
  'active-ticket-exists',
  'central-unreachable',
  'central-rejected',
  'printer-paper-out',
  'printer-cover-open',
  'printer-offline',
  'printer-error',
  'card-read-failed',
  /**
   * The card session ended because the reader could not vouch for the card (another card, none,
   * or a reader fault): as an action's refusal and as a 'card-error' event.
   */
  'card-session-ended',
  'store-unavailable',
  'bad-request',
  'unauthorized',
  'not-found',
  'internal',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const errorBodySchema = z.object({
  ok: z.literal(false),
  error: z.object({
    code: errorCodeSchema,
    /** For field staff and logs; never shown to citizens, never personal. */
    detail: z.string().optional(),
    /** When a ticket was issued but could not be printed, or already exists. */
    ticket: issuedTicketSchema.optional(),
    /** A citizen journey's more precise reason (renderer key `journeyErrors.<reason>`). */
    reason: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

// GET /api/state
export const getStateResponseSchema = z.object({ ok: z.literal(true), state: kioskStateSchema });

/** The answer of an action that has nothing to say but that it was done. */
export const okResponseSchema = z.object({ ok: z.literal(true) });

/**
 * What every screen uses whatever the feature: the kiosk's state, and the end of the citizen's
 * session (the finish button, the idle timeout). The event stream is not request and answer, so it
 * has no entry here (see STREAM_ROUTES).
 */
export const kioskEndpoints = defineEndpoints({
  state: { method: 'GET', path: '/api/state', response: getStateResponseSchema },
  endSession: { method: 'POST', path: '/api/session/end', response: okResponseSchema },
});

/**
 * GET /api/events: a text/event-stream. Each event's `data` is one of these; the renderer refetches
 * /api/state on `state-changed` and tells the citizen when a card could not be read.
 */
export const kioskEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('state-changed') }),
  z.object({ type: z.literal('card-error'), code: errorCodeSchema }),
  /** A case changed at the central (a counter or a department acted); progress screens refetch. */
  z.object({ type: z.literal('case-changed'), caseNumber: z.string(), status: z.string() }),
  /**
   * One of the identified citizen's cases changed and the backend already holds its new state:
   * the progress screen refetches /api/progress/cases?refresh=false.
   */
  z.object({ type: z.literal('progress-changed'), caseNumber: z.string(), status: z.string() }),
]);
export type KioskEvent = z.infer<typeof kioskEventSchema>;

// ---- What the citizen-facing slices share: their refusals' reasons and their part of the state ----
// The slices' own schemas and endpoint tables are in identity/, appointments/, payments/ and
// evaluations/ contract.ts. These stay here because the kiosk state above carries them, and those
// slice contracts import this file: importing them back would make an import cycle.

/**
 * Precise reasons a request of identity, appointments, payments or evaluations failed; the
 * renderer shows `journeyErrors.<reason>`. One list, since the screens share one error display.
 */
export const journeyReasonSchema = z.enum([
  'invalid-id-number',
  'card-present',
  'needs-card',
  'slot-full',
  'slot-closed',
  'appointment-exists',
  'unknown-appointment',
  'appointment-not-booked',
  'check-in-closed',
  /** The hall's calendar: closed that day (holiday or a weekday it never opens). */
  'hall-closed',
  'appointment-expired',
  /** A booking of another hall is never checked in here. */
  'appointment-other-hall',
  'active-ticket-exists',
  'payment-exists',
  'payment-expired',
  'no-such-order',
  'already-evaluated',
  'visit-not-served',
  'indicators-required',
  'queued-offline',
  /** Paying and seeing fees due need the central; nothing is queued for later. */
  'payment-needs-network',
]);
export type JourneyReason = z.infer<typeof journeyReasonSchema>;

/** The payment being waited for (payments slice), as the screen and the kiosk state show it. */
export const paymentViewSchema = z.object({
  paymentId: z.string(),
  caseId: z.string(),
  itemName: localizedTextSchema,
  amountFen: z.number().int(),
  status: z.enum(['pending', 'paid', 'expired']),
  qrPayload: z.string(),
  expiresAt: z.string(),
  receiptNo: z.string().nullable(),
  /** null until the e-receipt has been tried; then whether it came out of the printer. */
  receiptPrinted: z.boolean().nullable(),
});
export type PaymentView = z.infer<typeof paymentViewSchema>;

export const journeyStateSchema = z.object({
  /** The last code the scanner read during this session that a screen may act on. */
  scan: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('appointment'), code: z.string(), seq: z.number().int() }),
      z.object({ kind: z.literal('visit'), ticketId: z.string(), seq: z.number().int() }),
      z.object({ kind: z.literal('unrecognised'), seq: z.number().int() }),
    ])
    .nullable(),
  /** The payment being waited for, polled from the central by the backend. */
  payment: paymentViewSchema.nullable(),
});
export type JourneyState = z.infer<typeof journeyStateSchema>;
