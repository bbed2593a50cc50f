import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  errorResponseSchema,
  type ErrorResponse,
  IDEMPOTENCY_HEADER,
  idempotencyKeySchema,
  issueTicketRequestSchema,
  issueTicketResponseSchema,
  listQueueCategoriesResponseSchema,
  listTicketsQuerySchema,
  listTicketsResponseSchema,
  REPLAYED_HEADER,
  ticketActionResponseSchema,
} from '../contract';
import type { CentralContext } from '../context';
import { DEVICE_TOKEN_SCHEME } from '../http/auth';
import { ApiError } from '../http/errors';
import { requestHash, type StoredResponse } from '../http/idempotency';
import { serviceDate } from '../service-date';
import type { IssueOutcome, TransitionOutcome } from './store';

const ISSUE_TICKET_SCOPE = 'POST /v1/queue/tickets';
/** Statuses this route stores under an idempotency key (a ticket, or a refusal decided on queue state). */
type StoredIssueStatus = 201 | 409;
const security = [{ [DEVICE_TOKEN_SCHEME]: [] }];
const tags = ['queue'];

/** Queue routes: categories of a hall, ticket issue, and the minimal window-staff actions. */
export const queueRoutes: FastifyPluginAsyncZod<{ ctx: CentralContext }> = async (app, { ctx }) => {
  const { queue, idempotency, clock } = ctx;

  function requireHall(hallId: string, status: 404 | 422) {
    const hall = queue.hall(hallId);
    if (!hall) throw new ApiError(status, 'unknown-hall', `No hall ${hallId}`);
    return hall;
  }

  app.get(
    '/v1/halls/:hallId/queue-categories',
    {
      schema: {
        summary: 'Queue categories of a hall with the number of tickets waiting today',
        tags,
        security,
        params: z.object({ hallId: z.string().min(1) }),
        response: {
          200: listQueueCategoriesResponseSchema,
          401: errorResponseSchema,
          404: errorResponseSchema,
        },
      },
    },
    async (request) => {
      const hall = requireHall(request.params.hallId, 404);
      return {
        hallId: hall.hallId,
        hallName: hall.name.zh,
        categories: queue.categories(hall.hallId, serviceDate(clock.now())),
      };
    },
  );

  app.post(
    '/v1/queue/tickets',
    {
      schema: {
        summary: 'Issue a queue ticket (idempotent by Idempotency-Key)',
        tags,
        security,
        headers: z.looseObject({ [IDEMPOTENCY_HEADER]: idempotencyKeySchema }),
        body: issueTicketRequestSchema,
        response: {
          201: issueTicketResponseSchema,
          400: errorResponseSchema,
          401: errorResponseSchema,
          409: errorResponseSchema,
          422: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const key = request.headers[IDEMPOTENCY_HEADER];
      // Checked before the key is claimed: a request naming nothing real leaves the key unused.
      requireHall(body.hallId, 422);
      if (!queue.hasCategory(body.hallId, body.category)) {
        throw new ApiError(
          422,
          'unknown-category',
          `No queue category ${body.category} in hall ${body.hallId}`,
        );
      }

      const begun = idempotency.begin(key, ISSUE_TICKET_SCOPE, requestHash(ISSUE_TICKET_SCOPE, body));
      switch (begun.kind) {
        case 'replay':
          return reply
            .code(begun.response.status as StoredIssueStatus)
            .header(REPLAYED_HEADER, 'true')
            .send(begun.response.body as z.infer<typeof issueTicketResponseSchema> | ErrorResponse);
        case 'reused':
          throw new ApiError(
            422,
            'idempotency-key-reused',
            'This Idempotency-Key was used with a different request',
          );
        case 'in-flight':
          throw new ApiError(
            409,
            'request-in-flight',
            'A request with this Idempotency-Key is still being processed',
          );
      }

      let response: StoredResponse;
      try {
        response = ctx.db
          .transaction((): StoredResponse => {
            const now = clock.now();
            const result = issueResponse(queue.issue(body, serviceDate(now), now), body.category);
            idempotency.complete(begun.claim, result);
            return result;
          })
          .immediate();
      } catch (err) {
        idempotency.release(begun.claim);
        throw err;
      }
      return reply
        .code(response.status as StoredIssueStatus)
        .send(response.body as z.infer<typeof issueTicketResponseSchema> | ErrorResponse);
    },
  );

  app.get(
    '/v1/queue/tickets',
    {
      schema: {
        summary: 'Tickets of a hall on a service day (staff screens)',
        tags,
        security,
        querystring: listTicketsQuerySchema,
        response: { 200: listTicketsResponseSchema, 401: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => {
      const hall = requireHall(request.query.hallId, 404);
      return { tickets: queue.ticketsOfDay(hall.hallId, request.query.date ?? serviceDate(clock.now())) };
    },
  );

  const transitionSchema = (summary: string) => ({
    summary,
    tags,
    security,
    params: z.object({ ticketId: z.string().min(1) }),
    response: {
      200: ticketActionResponseSchema,
      401: errorResponseSchema,
      404: errorResponseSchema,
      409: errorResponseSchema,
    },
  });

  function transitionResult(outcome: TransitionOutcome, action: string) {
    if (outcome.kind === 'unknown-ticket') throw new ApiError(404, 'unknown-ticket', 'No such ticket');
    if (outcome.kind === 'invalid-state') {
      throw new ApiError(409, 'invalid-ticket-state', `Cannot ${action} a ticket that is ${outcome.status}`);
    }
    return { ticket: outcome.ticket };
  }

  app.post(
    '/v1/queue/tickets/:ticketId/call',
    { schema: transitionSchema('Call a waiting ticket to a window') },
    async (request) => transitionResult(queue.call(request.params.ticketId, clock.now()), 'call'),
  );

  app.post(
    '/v1/queue/tickets/:ticketId/complete',
    { schema: transitionSchema('Mark a called ticket as served') },
    async (request) => transitionResult(queue.complete(request.params.ticketId, clock.now()), 'complete'),
  );
};

/** The response stored under the idempotency key: refusals decided on queue state replay as well. */
function issueResponse(outcome: IssueOutcome, category: string): StoredResponse {
  switch (outcome.kind) {
    case 'issued':
      return { status: 201, body: { ticket: outcome.ticket } };
    case 'active-ticket-exists':
      return {
        status: 409,
        body: new ApiError(
          409,
          'active-ticket-exists',
          `An active ticket ${outcome.ticket.number} exists in this category`,
          outcome.ticket,
        ).toBody(),
      };
    case 'daily-numbers-exhausted':
      return {
        status: 409,
        body: new ApiError(
          409,
          'daily-numbers-exhausted',
          `All numbers of category ${category} are taken today`,
        ).toBody(),
      };
  }
}
