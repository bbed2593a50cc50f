import { z } from 'zod';
import { defineEndpoints } from '../api/endpoint';
import { localizedTextSchema } from '../../../domain/localized-text';

/**
 * The queue's /api contract: the categories a number can be taken for, and 取号 itself. Pure zod:
 * the renderer builds its client from `queueEndpoints`.
 */

export const queueCategorySchema = z.object({
  code: z.string().regex(/^[A-Z]$/),
  name: localizedTextSchema,
  waiting: z.number().int().min(0),
});
export type QueueCategory = z.infer<typeof queueCategorySchema>;

/** A queue number as the citizen holds it (on screen, and on the slip when it printed). */
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
  /** Where the queue can be followed on a phone (shown as a QR code when the slip did not print). */
  followUrl: z.string().optional(),
});
export type IssuedTicket = z.infer<typeof issuedTicketSchema>;

// GET /api/queue/categories
export const queueCategoriesResponseSchema = z.object({
  ok: z.literal(true),
  categories: z.array(queueCategorySchema),
});

// POST /api/queue/tickets: a failure may still carry the ticket (issued, not printed; or one held already).
export const takeTicketRequestSchema = z.object({ category: z.string().regex(/^[A-Z]$/) });
export const takeTicketResponseSchema = z.object({ ok: z.literal(true), ticket: issuedTicketSchema });

export const queueEndpoints = defineEndpoints({
  categories: {
    method: 'GET',
    path: '/api/queue/categories',
    response: queueCategoriesResponseSchema,
  },
  takeTicket: {
    method: 'POST',
    path: '/api/queue/tickets',
    body: takeTicketRequestSchema,
    response: takeTicketResponseSchema,
  },
});
