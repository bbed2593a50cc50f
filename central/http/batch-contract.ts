/** The batch envelope: several device requests in one HTTP round trip. zod only: the kiosk imports it. */
import { z } from 'zod';
import { idempotencyKeySchema } from '../contract';

/** Requests one batch may carry; a kiosk sends at most its delivery concurrency. */
export const MAX_BATCH_REQUESTS = 64;
/**
 * How long one sub-request may run. Each is one SQLite transaction of a few milliseconds; one still
 * running after this is stuck, is answered `504 sub-request-timeout` (the kiosk retries it under
 * the same key) and its request is aborted, which frees what it held.
 */
export const SUB_REQUEST_DEADLINE_MS = 5_000;
/**
 * How long a whole batch may run; sub-requests not started by then are answered 504 unrun. Below
 * the kiosk's own batch timeout (30 s), so the kiosk hears an answer for every request rather
 * than abandoning the batch and resending all of it.
 */
export const BATCH_DEADLINE_MS = 20_000;
/** A batch carries several bodies of up to 64 KiB each, so its own limit is larger. */
export const BATCH_BODY_LIMIT_BYTES = 1024 * 1024;
export const BATCH_PATH = '/v1/batch';

export const batchSubRequestSchema = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  /**
   * One of the routes a batch may contain (the kiosk's outbox deliveries); any other, however it
   * is written, is answered `400 not-batchable` on its own while the rest of the batch runs.
   */
  path: z.string().min(1).max(2048),
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
