import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponseSchema, IDEMPOTENCY_HEADER, REPLAYED_HEADER } from '../contract';
import type { CentralContext } from '../context';
import {
  BATCH_BODY_LIMIT_BYTES,
  BATCH_PATH,
  batchRequestSchema,
  batchResponseSchema,
  type BatchSubResponse,
} from './batch-contract';
import { deviceSecurity as security } from './route-schemas';

/** Headers of a sub-response that a client acts on; the rest stay on the server. */
const FORWARDED_HEADERS = ['retry-after', REPLAYED_HEADER] as const;

/**
 * `POST /v1/batch`: a kiosk draining its outbox sends the heads of many streams in one round trip.
 * Each sub-request runs through this same server (`inject`) with the caller's own Authorization
 * header, one after the other, so it gets exactly the route, validation, authorization,
 * idempotency and rate limit it would get alone; the batch only saves the connection round trips.
 * Sub-requests are independent: one refused does not stop the others (a kiosk never puts two
 * items of one stream into a batch, so order inside a batch does not matter).
 */
export const batchRoutes: FastifyPluginAsyncZod<{ ctx: CentralContext }> = async (app, { ctx }) => {
  app.post(
    BATCH_PATH,
    {
      onRequest: ctx.deviceAuth.requireDevice,
      bodyLimit: BATCH_BODY_LIMIT_BYTES,
      schema: {
        summary: 'Several device requests in one round trip, answered each on its own',
        tags: ['system'],
        security,
        body: batchRequestSchema,
        response: { 200: batchResponseSchema, 400: errorResponseSchema, 401: errorResponseSchema },
      },
    },
    async (request) => {
      const responses: BatchSubResponse[] = [];
      for (const sub of request.body.requests) {
        const res = await app.inject({
          method: sub.method,
          url: sub.path,
          headers: {
            authorization: request.headers.authorization ?? '',
            accept: 'application/json',
            ...(sub.body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(sub.idempotencyKey === undefined ? {} : { [IDEMPOTENCY_HEADER]: sub.idempotencyKey }),
          },
          ...(sub.body === undefined ? {} : { payload: sub.body }),
        });
        const headers: Record<string, string> = {};
        for (const name of FORWARDED_HEADERS) {
          const value = res.headers[name];
          if (value !== undefined) headers[name] = String(value);
        }
        responses.push({ status: res.statusCode, headers, body: res.payload });
      }
      return { responses };
    },
  );
};
