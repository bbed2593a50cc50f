import { z } from 'zod';

/**
 * The /api contract between the renderer and the kiosk backend: one definition, validated by the
 * backend at the boundary and used by the renderer's client for its types. Pure zod: no Node here,
 * so the renderer may import it.
 *
 * Every response body is JSON. Expected failures come back as `{ ok: false, error: { code, ... } }`
 * with a 4xx/5xx status; the renderer maps `code` to an i18n key (`errors.<code>`).
 */

export const localizedTextSchema = z.object({ zh: z.string(), en: z.string() });
export type LocalizedText = z.infer<typeof localizedTextSchema>;

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
});
export type CitizenView = z.infer<typeof citizenViewSchema>;

export const queueCategorySchema = z.object({
  code: z.string().regex(/^[A-Z]$/),
  name: localizedTextSchema,
  waiting: z.number().int().min(0),
});
export type QueueCategory = z.infer<typeof queueCategorySchema>;

export const issuedTicketSchema = z.object({
  number: z.string(),
  category: z.string(),
  categoryName: localizedTextSchema,
  hallName: z.string(),
  waitingAhead: z.number().int().min(0),
  estimatedWaitMinutes: z.number().int().min(0),
  issuedAt: z.string(),
  priority: z.enum(['normal', 'green-channel', 'appointment']),
  printed: z.boolean(),
  /** Issued from a leased number while the central could not be reached: no wait figures. */
  offline: z.boolean().optional(),
});
export type IssuedTicket = z.infer<typeof issuedTicketSchema>;

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
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

// GET /api/state
export const getStateResponseSchema = z.object({ ok: z.literal(true), state: kioskStateSchema });

// GET /api/queue/categories
export const getCategoriesResponseSchema = z.object({
  ok: z.literal(true),
  categories: z.array(queueCategorySchema),
});

// POST /api/queue/tickets
export const takeTicketRequestSchema = z.object({ category: z.string().regex(/^[A-Z]$/) });
export const takeTicketResponseSchema = z.object({ ok: z.literal(true), ticket: issuedTicketSchema });

// POST /api/session/end  -> { ok: true }
export const okResponseSchema = z.object({ ok: z.literal(true) });

/**
 * GET /api/events: a text/event-stream. Each event's `data` is one of these; the renderer refetches
 * /api/state on `state-changed` and tells the citizen when a card could not be read.
 */
export const kioskEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('state-changed') }),
  z.object({ type: z.literal('card-error'), code: errorCodeSchema }),
]);
export type KioskEvent = z.infer<typeof kioskEventSchema>;

// ---- Developer endpoints (only while every device is simulated) ----

/** POST /api/dev/card: place a card with these identity fields (defaults fill the rest). */
export const devPlaceCardRequestSchema = z.object({
  name: z.string().min(1).max(15).default('张三'),
  idNumber: z
    .string()
    .regex(/^\d{17}[\dX]$/, '18 characters, the last a digit or X')
    .optional(),
  gender: z.enum(['male', 'female']).default('male'),
  birthDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .default('1980-01-01'),
  address: z.string().max(35).default('浙江省杭州市上城区解放路1号'),
  cardType: cardTypeSchema.default('resident'),
});
export type DevPlaceCardRequest = z.input<typeof devPlaceCardRequestSchema>;
// DELETE /api/dev/card -> { ok: true }

/** POST /api/dev/printer/state */
export const devPrinterStateRequestSchema = z.object({
  state: z.enum(['ready', 'paper-near-end', 'paper-out', 'cover-open', 'offline']),
});
/** GET /api/dev/printer/paper -> the paper printed so far, decoded back to text lines. */
export const devPaperResponseSchema = z.object({ ok: z.literal(true), lines: z.array(z.string()) });
// DELETE /api/dev/printer/paper -> tear the paper off: { ok: true }
/** GET /api/dev/printer/preview -> the paper as an SVG data URL (QR codes drawn), for the panel. */
export const devPaperPreviewResponseSchema = z.object({ ok: z.literal(true), image: z.string().nullable() });
