import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Clock, TimerHandle } from '../../domain/clock';
import { IDEMPOTENCY_HEADER, REPLAYED_HEADER } from '../contract';
import type { CentralContext } from '../context';
import {
  BATCH_BODY_LIMIT_BYTES,
  BATCH_DEADLINE_MS,
  BATCH_PATH,
  batchRequestSchema,
  batchResponseSchema,
  SUB_REQUEST_DEADLINE_MS,
  type BatchSubRequest,
  type BatchSubResponse,
} from './batch-contract';
import { BATCHABLE_ROUTES, checkBatchable, type BatchableRoute } from './batchable';
import { errorBody } from './errors';
import { deviceSecurity as security } from './route-schemas';

/** Headers of a sub-response that a client acts on; the rest stay on the server. */
const FORWARDED_HEADERS = ['retry-after', REPLAYED_HEADER] as const;

export interface BatchRouteOptions {
  ctx: CentralContext;
  /** From `trackSubRequests` on the root instance. */
  subRequests: SubRequestResponses;
  /** The routes a batch may contain; the kiosk's outbox deliveries unless a test says otherwise. */
  routes?: readonly BatchableRoute[];
  subRequestDeadlineMs?: number;
  batchDeadlineMs?: number;
}

const subResponse = (status: number, body: object): BatchSubResponse => ({
  status,
  headers: {},
  body: JSON.stringify(body),
});

/** Marks an injected sub-request so the hook below can hand its response to the batch. */
const SUB_REQUEST_HEADER = 'x-central-sub-request';

/**
 * The responses of sub-requests in flight, by a random id each carries in a header. An injected
 * request cannot be aborted once its body has been read, so the batch closes the response itself.
 */
export interface SubRequestResponses {
  /** A fresh id, and the response of the sub-request carrying it once it has arrived. */
  open(): { id: string; response(): ServerResponse | undefined; forget(): void };
}

/**
 * Call on the root instance before any route is registered: every route then tells the batch
 * which response belongs to which sub-request. A client sending the header itself gains nothing:
 * an id that is not in flight is ignored, and the header is removed before any route sees it.
 */
export function trackSubRequests(app: FastifyInstance): SubRequestResponses {
  const inFlight = new Map<string, ServerResponse | undefined>();
  app.addHook('onRequest', async (request, reply) => {
    const id = request.headers[SUB_REQUEST_HEADER];
    if (id === undefined) return;
    delete request.headers[SUB_REQUEST_HEADER];
    if (typeof id === 'string' && inFlight.has(id)) inFlight.set(id, reply.raw);
  });
  return {
    open() {
      const id = randomUUID();
      inFlight.set(id, undefined);
      return { id, response: () => inFlight.get(id), forget: () => inFlight.delete(id) };
    },
  };
}

/**
 * Runs one sub-request through the server, answering 504 if it has not finished by `deadlineMs`.
 * On the deadline its response is closed, so whatever the route holds until then (a
 * subscription, a timer, buffers) is let go instead of living on unanswered.
 */
async function runSubRequest(
  app: FastifyInstance,
  clock: Clock,
  tracked: SubRequestResponses,
  sub: BatchSubRequest,
  path: string,
  authorization: string,
  deadlineMs: number,
): Promise<BatchSubResponse> {
  const mark = tracked.open();
  let timer: TimerHandle | undefined;
  const expired = new Promise<'expired'>((resolve) => {
    timer = clock.setTimeout(() => resolve('expired'), deadlineMs);
  });
  const injected = app.inject({
    method: sub.method,
    url: path,
    headers: {
      authorization,
      accept: 'application/json',
      [SUB_REQUEST_HEADER]: mark.id,
      ...(sub.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(sub.idempotencyKey === undefined ? {} : { [IDEMPOTENCY_HEADER]: sub.idempotencyKey }),
    },
    ...(sub.body === undefined ? {} : { payload: sub.body }),
  });
  try {
    const outcome = await Promise.race([injected, expired]);
    if (outcome === 'expired') {
      injected.catch(() => undefined); // it rejects once its response is closed; nobody waits for it
      mark.response()?.destroy();
      return subResponse(
        504,
        errorBody(
          'sub-request-timeout',
          `No answer within ${deadlineMs} ms; send it again under the same key`,
        ),
      );
    }
    const headers: Record<string, string> = {};
    for (const name of FORWARDED_HEADERS) {
      const value = outcome.headers[name];
      if (value !== undefined) headers[name] = String(value);
    }
    return { status: outcome.statusCode, headers, body: outcome.payload };
  } finally {
    if (timer) clock.clearTimeout(timer);
    mark.forget();
  }
}

/**
 * `POST /v1/batch`: a kiosk draining its outbox sends the heads of many streams in one round trip.
 * Each sub-request runs through this same server (`inject`) with the caller's own Authorization
 * header, one after the other, so it gets exactly the route, validation, authorization,
 * idempotency and rate limit it would get alone; the batch only saves the connection round trips.
 * Sub-requests are independent: one refused does not stop the others (a kiosk never puts two
 * items of one stream into a batch, so order inside a batch does not matter).
 *
 * Only the routes in `BATCHABLE_ROUTES` run, checked on the normalised path and run on that same
 * path; any other sub-request is answered `400 not-batchable`. Each has a deadline, and so has
 * the batch, so a batch always answers and holds nothing after it has.
 */
export const batchRoutes: FastifyPluginAsyncZod<BatchRouteOptions> = async (app, opts) => {
  const { ctx } = opts;
  const routes = opts.routes ?? BATCHABLE_ROUTES;
  const subDeadlineMs = opts.subRequestDeadlineMs ?? SUB_REQUEST_DEADLINE_MS;
  const batchDeadlineMs = opts.batchDeadlineMs ?? BATCH_DEADLINE_MS;

  app.post(
    BATCH_PATH,
    {
      onRequest: ctx.deviceAuth.requireDevice,
      bodyLimit: BATCH_BODY_LIMIT_BYTES,
      schema: {
        summary: 'Several device requests in one round trip, answered each on its own',
        description:
          'Only the outbox deliveries may be batched: ' +
          routes.map((r) => `${r.method} ${r.path}`).join(', ') +
          '. Any other sub-request is answered 400 not-batchable; one without an answer in ' +
          `${subDeadlineMs} ms (or not started within ${batchDeadlineMs} ms) is answered 504 sub-request-timeout.`,
        tags: ['system'],
        security,
        body: batchRequestSchema,
        response: { 200: batchResponseSchema },
      },
    },
    async (request) => {
      const authorization = request.headers.authorization ?? '';
      const endsAt = ctx.clock.now() + batchDeadlineMs;
      const responses: BatchSubResponse[] = [];
      for (const sub of request.body.requests) {
        const checked = checkBatchable(sub.method, sub.path, routes);
        if (!checked.ok) {
          responses.push(subResponse(400, errorBody('not-batchable', checked.reason)));
          continue;
        }
        const left = endsAt - ctx.clock.now();
        if (left <= 0) {
          responses.push(
            subResponse(
              504,
              errorBody('sub-request-timeout', 'Not run: the batch ran out of time; send it again'),
            ),
          );
          continue;
        }
        responses.push(
          await runSubRequest(
            app,
            ctx.clock,
            opts.subRequests,
            sub,
            checked.path,
            authorization,
            Math.min(subDeadlineMs, left),
          ),
        );
      }
      return { responses };
    },
  );
};
