/**
 * The wire contract of the central acceptance API, shared with the kiosk's sync client. The kiosk
 * imports this file, so it must stay free of Node and fastify imports: zod only.
 */
import { z } from 'zod';
import { localizedTextSchema } from '../domain/localized-text';
import { appointmentErrorCodes } from './appointments/contract';
import { evaluationErrorCodes } from './evaluations/contract';
import { kioskErrorCodes } from './kiosks/contract';
import { caseErrorCodes } from './cases/contract';
import { certificateErrorCodes } from './certificates/contract';
import { staffCallErrorCodes } from './staff-calls/contract';
import { materialScanErrorCodes } from './material-scans/contract';
import { httpErrorCodes } from './http/contract';
import { paymentErrorCodes } from './payments/contract';
import { proofErrorCodes } from './proofs/contract';
import { greenChannelReasonSchema, queueErrorCodes } from './queue/contract';

export { localizedTextSchema, type LocalizedText } from '../domain/localized-text';

export const queueCategorySchema = z.object({
  code: z.string().regex(/^[A-Z]$/),
  name: localizedTextSchema,
  waiting: z.number().int().min(0),
});

export const listQueueCategoriesResponseSchema = z.object({
  hallId: z.string(),
  hallName: z.string(),
  categories: z.array(queueCategorySchema),
});

export const ticketPrioritySchema = z.enum(['normal', 'green-channel', 'appointment']);

export const issueTicketRequestSchema = z.object({
  hallId: z.string().min(1),
  category: z.string().regex(/^[A-Z]$/),
  terminalId: z.string().min(1),
  // Keyed digest of the ID number, computed by the kiosk: the central never receives the raw ID
  // number for queueing.
  citizenRef: z.string().regex(/^[0-9a-f]{64}$/),
  priority: ticketPrioritySchema,
  greenChannelReason: greenChannelReasonSchema.optional(),
  kioskSequence: z.number().int().min(1),
  requestedAt: z.string() /* ISO */,
});

export const ticketStatusSchema = z.enum([
  'waiting',
  'called',
  'served',
  'no-show',
  'transferred',
  'cancelled',
]);

export const ticketSchema = z.object({
  ticketId: z.string(),
  number: z.string() /* A001 */,
  hallId: z.string(),
  hallName: z.string(),
  category: z.string(),
  categoryName: localizedTextSchema,
  priority: ticketPrioritySchema,
  waitingAhead: z.number().int().min(0),
  estimatedWaitMinutes: z.number().int().min(0),
  issuedAt: z.string(),
  status: ticketStatusSchema,
  terminalId: z.string(),
  /** Why a priority ticket is ahead (green channel reason, or 'appointment'). */
  priorityReason: z.enum([...greenChannelReasonSchema.options, 'appointment']).optional(),
  /** Window the ticket was called to. */
  windowId: z.string().optional(),
});

export const issueTicketResponseSchema = z.object({ ticket: ticketSchema });

export const errorResponseSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), ticket: ticketSchema.optional() }),
});

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotency-replayed';

/** What a valid Idempotency-Key looks like; the kiosk can check its keys with the same rule. */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_\-:]{8,128}$/)
  .describe('8–128 characters of A–Z, a–z, 0–9, "_", "-", ":"; a retry must reuse the same key');

export const healthResponseSchema = z.object({ ok: z.literal(true), version: z.string() });

export const listTicketsQuerySchema = z.object({
  hallId: z.string().min(1),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .describe('Service date (Asia/Shanghai), YYYY-MM-DD; today when omitted'),
});

export const listTicketsResponseSchema = z.object({ tickets: z.array(ticketSchema) });

/** Response of the window-staff actions (call, complete). */
export const ticketActionResponseSchema = z.object({ ticket: ticketSchema });

/** Every `error.code` the API returns, so clients can switch on them exhaustively. */
export const centralErrorCodes = [
  'bad-request',
  'unauthorized',
  'not-found',
  'unknown-hall',
  'unknown-category',
  'unknown-ticket',
  'missing-idempotency-key',
  'idempotency-key-reused',
  'request-in-flight',
  'active-ticket-exists',
  'daily-numbers-exhausted',
  'invalid-ticket-state',
  'payload-too-large',
  'unsupported-media-type',
  'internal-error',
  ...queueErrorCodes,
  ...appointmentErrorCodes,
  ...paymentErrorCodes,
  ...evaluationErrorCodes,
  ...kioskErrorCodes,
  ...caseErrorCodes,
  ...certificateErrorCodes,
  ...staffCallErrorCodes,
  ...materialScanErrorCodes,
  ...httpErrorCodes,
  ...proofErrorCodes,
] as const;
export type CentralErrorCode = (typeof centralErrorCodes)[number];

export type QueueCategory = z.infer<typeof queueCategorySchema>;
export type ListQueueCategoriesResponse = z.infer<typeof listQueueCategoriesResponseSchema>;
export type TicketPriority = z.infer<typeof ticketPrioritySchema>;
export type TicketStatus = z.infer<typeof ticketStatusSchema>;
export type IssueTicketRequest = z.infer<typeof issueTicketRequestSchema>;
export type Ticket = z.infer<typeof ticketSchema>;
export type IssueTicketResponse = z.infer<typeof issueTicketResponseSchema>;
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
export type ListTicketsResponse = z.infer<typeof listTicketsResponseSchema>;

export * from './queue/contract';
export * from './appointments/contract';
export * from './payments/contract';
export * from './evaluations/contract';
export * from './kiosks/contract';
export * from './catalogue/contract';
export * from './cases/contract';
export * from './certificates/contract';
export * from './events/contract';
export * from './staff/contract';
export * from './staff-calls/contract';
