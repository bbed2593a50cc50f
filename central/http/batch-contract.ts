/** The batch envelope: several device requests in one HTTP round trip. zod only: the kiosk imports it. */
import { z } from 'zod';
import { idempotencyKeySchema } from '../contract';

/** Requests one batch may carry; a kiosk sends at most its delivery concurrency. */
export const MAX_BATCH_REQUESTS = 64;
/** A batch carries several bodies of up to 64 KiB each, so its own limit is larger. */
export const BATCH_BODY_LIMIT_BYTES = 1024 * 1024;
export const BATCH_PATH = '/v1/batch';

export const batchSubRequestSchema = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  /** A device route of this API; a batch cannot contain a batch. */
  path: z
    .string()
    .max(2048)
    .regex(/^\/v1\//, 'a path of this API, starting with /v1/')
    .refine((p) => !p.startsWith(BATCH_PATH), 'a batch cannot contain a batch'),
  idempotencyKey: idempotencyKeySchema.optional(),
  /** The JSON body as the client serialized it (kept a string: no parse and re-serialize per hop). */
  body: z.string().optional(),
});

export const batchRequestSchema = z.object({
  requests: z.array(batchSubRequestSchema).min(1).max(MAX_BATCH_REQUESTS),
});

export const batchSubResponseSchema = z.object({
  status: z.number().int(),
  /** The answer's headers a client acts on (Retry-After, Idempotency-Replayed), lower-case. */
  headers: z.record(z.string(), z.string()),
  /** The answer's body as sent (JSON text). */
  body: z.string(),
});

export const batchResponseSchema = z.object({ responses: z.array(batchSubResponseSchema) });

export type BatchSubRequest = z.infer<typeof batchSubRequestSchema>;
export type BatchSubResponse = z.infer<typeof batchSubResponseSchema>;
