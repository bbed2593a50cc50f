/**
 * Wire contract of the queue's window-staff actions and offline number blocks. Re-exported from
 * central/contract.ts; like it, zod only (the kiosk imports it). Responses that carry a ticket use
 * `ticketActionResponseSchema` / `issueTicketResponseSchema` of central/contract.ts.
 */
import { z } from 'zod';

/** Why a green-channel ticket goes ahead (绿色通道): aged 70 or more, disability, military (军人依法优先). */
export const greenChannelReasonSchema = z.enum(['age-70-plus', 'disability', 'military']);

const categoryCode = z.string().regex(/^[A-Z]$/);
const windowId = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,20}$/)
  .describe('Window (counter) identifier shown on the hall screens, e.g. "12"');

/** POST /v1/queue/call-next: the head of the queue of one or more categories goes to a window. */
export const queueCallNextRequestSchema = z.strictObject({
  hallId: z.string().min(1).max(64),
  categories: z.array(categoryCode).min(1).max(26),
  windowId,
});

/** POST /v1/queue/tickets/:ticketId/call and /recall name the window that calls. */
export const queueCallTicketRequestSchema = z.strictObject({ windowId: windowId.optional() });

/** POST /v1/queue/tickets/:ticketId/transfer: the citizen moves to another category's queue. */
export const transferTicketRequestSchema = z.strictObject({ toCategory: categoryCode });

/** POST /v1/queue/number-blocks: lease numbers to a kiosk for issuing while offline. */
export const MAX_NUMBER_BLOCK_SIZE = 50;
export const numberBlockRequestSchema = z.strictObject({
  hallId: z.string().min(1).max(64),
  category: categoryCode,
  terminalId: z.string().regex(/^[A-Za-z0-9-]{3,40}$/),
  size: z.number().int().min(1).max(MAX_NUMBER_BLOCK_SIZE),
});

export const numberBlockSchema = z.object({
  blockId: z.string(),
  hallId: z.string(),
  category: z.string(),
  serviceDate: z.string().describe('Service day (Asia/Shanghai) the numbers are valid for, YYYY-MM-DD'),
  terminalId: z.string(),
  numbers: z.array(z.string()).describe('Contiguous numbers, e.g. ["A021", "A022"]'),
  expiresAt: z.string().describe('End of the service day (ISO); unused numbers simply lapse'),
});

/** POST /v1/queue/offline-tickets (Idempotency-Key): a ticket a kiosk issued offline from its block. */
export const offlineTicketRequestSchema = z.strictObject({
  blockId: z.string().min(1).max(64),
  number: z.string().regex(/^[A-Z]\d{3}$/),
  terminalId: z.string().regex(/^[A-Za-z0-9-]{3,40}$/),
  citizenRef: z.string().regex(/^[0-9a-f]{64}$/),
  priority: z.enum(['normal', 'green-channel']),
  greenChannelReason: greenChannelReasonSchema.optional(),
  issuedAt: z.iso.datetime({ offset: true }).describe('When the kiosk printed the slip (ISO 8601)'),
});

/** Error codes of the queue slice, spread into `centralErrorCodes`. */
export const queueErrorCodes = [
  'queue-empty',
  'unknown-block',
  'block-not-yours',
  'number-not-in-block',
  'block-expired',
  'outside-service-day',
  'number-already-reconciled',
  'lease-limit-reached',
  'same-category',
  'forbidden',
  'rate-limited',
] as const;

export type GreenChannelReason = z.infer<typeof greenChannelReasonSchema>;
export type QueueCallNextRequest = z.infer<typeof queueCallNextRequestSchema>;
export type TransferTicketRequest = z.infer<typeof transferTicketRequestSchema>;
export type NumberBlockRequest = z.infer<typeof numberBlockRequestSchema>;
export type NumberBlock = z.infer<typeof numberBlockSchema>;
export type OfflineTicketRequest = z.infer<typeof offlineTicketRequestSchema>;
