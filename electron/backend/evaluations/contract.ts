import { z } from 'zod';
import { localizedTextSchema } from '../api/contract';
import { defineEndpoints } from '../api/endpoint';

/**
 * Evaluations' (好差评) /api contract: the kiosk channel's levels and indicators, what the citizen
 * can rate now, and the rating. Pure zod: the renderer builds its client from `evaluationEndpoints`.
 */

// GET /api/evaluations/indicators?subject=visit|case: the five levels and the indicators that fit
// the service rated: a visit was served at a hall window, a case was applied for at a kiosk.
export const indicatorsQuerySchema = z.object({ subject: z.enum(['visit', 'case']) });
const indicatorViewSchema = z.object({ code: z.string(), name: localizedTextSchema });
export const indicatorsResponseSchema = z.object({
  ok: z.literal(true),
  channel: z.enum(['hall-window', 'kiosk']),
  levels: z.array(z.object({ level: z.number().int(), name: localizedTextSchema, poor: z.boolean() })),
  positive: z.array(indicatorViewSchema),
  negative: z.array(indicatorViewSchema),
});
export type IndicatorsResponse = z.infer<typeof indicatorsResponseSchema>;

// GET /api/evaluations/subjects: what the citizen can rate now (completed cases).
export const rateableCaseSchema = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  itemName: localizedTextSchema,
});
export type RateableCase = z.infer<typeof rateableCaseSchema>;
export const subjectsResponseSchema = z.object({ ok: z.literal(true), cases: z.array(rateableCaseSchema) });

// POST /api/evaluations
export const submitRatingRequestSchema = z.object({
  subject: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('case'), caseId: z.string().min(1).max(64) }),
    z.object({ kind: z.literal('visit'), ticketId: z.string().min(1).max(64) }),
  ]),
  level: z.number().int().min(1).max(5),
  indicators: z.array(z.string().regex(/^[a-z-]{2,40}$/)).max(10),
  comment: z.string().max(300).optional(),
});
export type SubmitRatingRequest = z.infer<typeof submitRatingRequestSchema>;
export const ratingResultSchema = z.object({
  /** 'sent': the central has it; 'queued': kept here and sent when the network is back. */
  delivery: z.enum(['sent', 'queued']),
  poor: z.boolean(),
  /** For a poor rating the central accepted: the last working day to follow up (YYYY-MM-DD). */
  followUpDeadline: z.string().nullable(),
});
export type RatingResult = z.infer<typeof ratingResultSchema>;
export const submitRatingResponseSchema = z.object({ ok: z.literal(true), result: ratingResultSchema });

export const evaluationEndpoints = defineEndpoints({
  indicators: {
    method: 'GET',
    path: '/api/evaluations/indicators',
    query: indicatorsQuerySchema,
    response: indicatorsResponseSchema,
  },
  subjects: { method: 'GET', path: '/api/evaluations/subjects', response: subjectsResponseSchema },
  rate: {
    method: 'POST',
    path: '/api/evaluations',
    body: submitRatingRequestSchema,
    response: submitRatingResponseSchema,
  },
});
