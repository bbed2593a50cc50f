import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  errorResponseSchema,
  issueTicketRequestSchema,
  issueTicketResponseSchema,
  listQueueCategoriesResponseSchema,
  listTicketsQuerySchema,
  listTicketsResponseSchema,
  ticketActionResponseSchema,
  type Ticket,
} from '../contract';
import type { CentralContext } from '../context';
import { ApiError } from '../http/errors';
import type { StoredResponse } from '../http/idempotency';
import { idempotencyHeaders, runIdempotent, sendIdempotent, storedError } from '../http/idempotent';
import { deviceSecurity as security } from '../http/route-schemas';
import { assertHall, HALL_CONFINED } from '../halls/reach';
import { assertActsFor } from '../kiosks/auth';
import { hallDate } from '../../domain/hall-time';
import {
  queueCallNextRequestSchema,
  queueCallTicketRequestSchema,
  numberBlockRequestSchema,
  numberBlockSchema,
  offlineTicketRequestSchema,
  transferTicketRequestSchema,
} from './contract';
import type {
  IssueOutcome,
  ReconcileOutcome,
  TicketCalledListener,
  TransferOutcome,
  TransitionOutcome,
} from './store';

const ISSUE_TICKET_SCOPE = 'POST /v1/queue/tickets';
const OFFLINE_TICKET_SCOPE = 'POST /v1/queue/offline-tickets';
const tags = ['queue'];
/** Answers of the routes that put a ticket into the queue (issue, offline reconciliation). */
const ticketResponses = {
  201: issueTicketResponseSchema,
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  409: errorResponseSchema,
  422: errorResponseSchema,
};

export interface QueueRoutesOptions {
  ctx: CentralContext;
  /**
   * Hook for the live event stream (central/events/): told of every call and recall inside the
   * transaction that makes it, so an event exists exactly when the call was committed.
   */
  onTicketCalled?: TicketCalledListener;
}

/**
 * Queue routes: categories of a hall, ticket issue, the window-staff actions (call, call next,
 * recall, no-show, complete, transfer), and offline number blocks for kiosks that lose the network.
 */
export const queueRoutes: FastifyPluginAsyncZod<QueueRoutesOptions> = async (app, options) => {
  const { ctx } = options;
  const { queue, clock } = ctx;
  const requireDevice = ctx.deviceAuth.requireDevice;
  const windowStaff = ctx.deviceAuth.staffGuard('window', 'manager');

  /** Runs a call in one transaction with its announcement. */
  function announced<T extends { kind: string; ticket?: Ticket }>(
    run: () => T,
    windowId: string | undefined,
    recall: boolean,
  ): T {
    return ctx.db
      .transaction(() => {
        const outcome = run();
        if (outcome.ticket && (outcome.kind === 'ok' || outcome.kind === 'called')) {
          options.onTicketCalled?.(outcome.ticket, { ...(windowId ? { windowId } : {}), recall });
        }
        return outcome;
      })
      .immediate();
  }

  /** 403 for a ticket of a hall outside the caller's reach; an unknown ticket is left to the store (404). */
  function assertTicketHall(request: Parameters<typeof assertHall>[0], ticketId: string): void {
    const hallId = queue.ticketHall(ticketId);
    if (hallId !== undefined) assertHall(request, hallId);
  }

  function requireHall(hallId: string, status: 404 | 422) {
    const hall = queue.hall(hallId);
    if (!hall) throw new ApiError(status, 'unknown-hall', `No hall ${hallId}`);
    return hall;
  }

  /** 422 unless the hall exists and has the category (one lookup for both). */
  function requirePlace(hallId: string, category: string): void {
    const found = queue.place(hallId, category);
    if (found === 'unknown-hall') throw new ApiError(422, 'unknown-hall', `No hall ${hallId}`);
    if (found === 'unknown-category') {
      throw new ApiError(422, 'unknown-category', `No queue category ${category} in hall ${hallId}`);
    }
  }

  app.get(
    '/v1/halls/:hallId/queue-categories',
    {
      onRequest: requireDevice,
      schema: {
        summary: 'Queue categories of a hall with the number of tickets waiting today',
        description: HALL_CONFINED,
        tags,
        security,
        params: z.object({ hallId: z.string().min(1) }),
        response: {
          200: listQueueCategoriesResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
          404: errorResponseSchema,
        },
      },
    },
    async (request) => {
      assertHall(request, request.params.hallId);
      const hall = requireHall(request.params.hallId, 404);
      return {
        hallId: hall.hallId,
        hallName: hall.name.zh,
        categories: queue.categories(hall.hallId, hallDate(clock.now())),
      };
    },
  );

  app.post(
    '/v1/queue/tickets',
    {
      onRequest: requireDevice,
      schema: {
        summary: 'Issue a queue ticket (idempotent by Idempotency-Key)',
        description: HALL_CONFINED,
        tags,
        security,
        headers: idempotencyHeaders,
        body: issueTicketRequestSchema,
        response: ticketResponses,
      },
    },
    async (request, reply) => {
      const body = request.body;
      assertActsFor(request, body.terminalId);
      assertHall(request, body.hallId);
      // Checked before the key is claimed: a request naming nothing real leaves the key unused.
      requirePlace(body.hallId, body.category);
      const result = runIdempotent(ctx, request, ISSUE_TICKET_SCOPE, body, () => {
        const now = clock.now();
        const reason = body.priority === 'green-channel' ? body.greenChannelReason : undefined;
        return issueResponse(
          queue.issue(body, hallDate(now), now, reason ? { priorityReason: reason } : {}),
          body.category,
        );
      });
      return sendIdempotent(reply, result);
    },
  );

  app.get(
    '/v1/queue/tickets',
    {
      onRequest: requireDevice,
      schema: {
        summary: 'Tickets of a hall on a service day (staff screens)',
        description: HALL_CONFINED,
        tags,
        security,
        querystring: listTicketsQuerySchema,
        response: {
          200: listTicketsResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
          404: errorResponseSchema,
        },
      },
    },
    async (request) => {
      assertHall(request, request.query.hallId);
      const hall = requireHall(request.query.hallId, 404);
      return { tickets: queue.ticketsOfDay(hall.hallId, request.query.date ?? hallDate(clock.now())) };
    },
  );

  const ticketParams = z.object({ ticketId: z.string().min(1).max(64) });
  const staffResponses = {
    200: ticketActionResponseSchema,
    400: errorResponseSchema,
    401: errorResponseSchema,
    403: errorResponseSchema,
    404: errorResponseSchema,
    409: errorResponseSchema,
  };
  const transitionSchema = (summary: string) => ({
    summary,
    description: `${HALL_CONFINED} A ticket of another hall is refused 403.`,
    tags,
    security,
    params: ticketParams,
    response: staffResponses,
  });
  const callSchema = (summary: string) => ({
    ...transitionSchema(summary),
    body: queueCallTicketRequestSchema.nullish(),
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
    { onRequest: windowStaff, schema: callSchema('Call a waiting ticket to a window (window staff)') },
    async (request) => {
      assertTicketHall(request, request.params.ticketId);
      const windowId = request.body?.windowId;
      const now = clock.now();
      return transitionResult(
        announced(() => queue.call(request.params.ticketId, now, windowId), windowId, false),
        'call',
      );
    },
  );

  app.post(
    '/v1/queue/tickets/:ticketId/recall',
    {
      onRequest: windowStaff,
      schema: callSchema('Announce a called ticket again (window staff); it stays called'),
    },
    async (request) => {
      assertTicketHall(request, request.params.ticketId);
      const windowId = request.body?.windowId;
      const now = clock.now();
      return transitionResult(
        announced(() => queue.recall(request.params.ticketId, now, windowId), windowId, true),
        'recall',
      );
    },
  );

  app.post(
    '/v1/queue/tickets/:ticketId/complete',
    { onRequest: windowStaff, schema: transitionSchema('Mark a called ticket as served (window staff)') },
    async (request) => {
      assertTicketHall(request, request.params.ticketId);
      return transitionResult(queue.complete(request.params.ticketId, clock.now()), 'complete');
    },
  );

  app.post(
    '/v1/queue/tickets/:ticketId/no-show',
    {
      onRequest: windowStaff,
      schema: transitionSchema('Mark a called ticket as a no-show (window staff); the number is void'),
    },
    async (request) => {
      assertTicketHall(request, request.params.ticketId);
      return transitionResult(queue.noShow(request.params.ticketId, clock.now()), 'mark as no-show');
    },
  );

  app.post(
    '/v1/queue/tickets/:ticketId/transfer',
    {
      onRequest: windowStaff,
      schema: {
        ...transitionSchema(
          'Transfer a waiting or called ticket to another category (window staff); answers the new ticket',
        ),
        body: transferTicketRequestSchema,
        response: { ...staffResponses, 422: errorResponseSchema },
      },
    },
    async (request) => {
      assertTicketHall(request, request.params.ticketId);
      const outcome: TransferOutcome = queue.transfer(
        request.params.ticketId,
        request.body.toCategory,
        clock.now(),
      );
      switch (outcome.kind) {
        case 'same-category':
          throw new ApiError(422, 'same-category', 'The ticket is already in that category');
        case 'unknown-category':
          throw new ApiError(
            422,
            'unknown-category',
            `No queue category ${request.body.toCategory} in this hall`,
          );
        case 'active-ticket-exists':
          throw new ApiError(
            409,
            'active-ticket-exists',
            `The citizen already holds ${outcome.ticket.number} in that category`,
            outcome.ticket,
          );
        case 'daily-numbers-exhausted':
          throw new ApiError(409, 'daily-numbers-exhausted', 'All numbers of that category are taken today');
        default:
          return transitionResult(outcome, 'transfer');
      }
    },
  );

  app.post(
    '/v1/queue/call-next',
    {
      onRequest: windowStaff,
      schema: {
        summary: 'Call the head of the queue of one or more categories to a window (window staff)',
        description: HALL_CONFINED,
        tags,
        security,
        body: queueCallNextRequestSchema,
        response: { ...staffResponses, 422: errorResponseSchema },
      },
    },
    async (request) => {
      const { hallId, categories, windowId } = request.body;
      assertHall(request, hallId);
      requireHall(hallId, 422);
      for (const category of categories) {
        if (!queue.hasCategory(hallId, category)) {
          throw new ApiError(422, 'unknown-category', `No queue category ${category} in hall ${hallId}`);
        }
      }
      const now = clock.now();
      const outcome = announced(
        () => {
          const ticket = queue.callNext(hallId, categories, now, windowId);
          return ticket ? { kind: 'called' as const, ticket } : { kind: 'queue-empty' as const };
        },
        windowId,
        false,
      );
      if (outcome.kind === 'queue-empty') {
        throw new ApiError(404, 'queue-empty', 'Nobody is waiting in these categories');
      }
      return { ticket: outcome.ticket };
    },
  );

  app.post(
    '/v1/queue/number-blocks',
    {
      onRequest: requireDevice,
      schema: {
        summary: "Lease a block of today's numbers to a kiosk for issuing while offline",
        description:
          'The central counter jumps past the block, so central numbering never collides with it. ' +
          'Numbers the kiosk does not use simply never appear. The block is valid for the service day. ' +
          HALL_CONFINED,
        tags,
        security,
        body: numberBlockRequestSchema,
        response: {
          201: numberBlockSchema,
          400: errorResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
          409: errorResponseSchema,
          422: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      assertActsFor(request, body.terminalId);
      assertHall(request, body.hallId);
      requirePlace(body.hallId, body.category);
      const outcome = ctx.db.transaction(() => queue.leaseBlock(body, clock.now())).immediate();
      switch (outcome.kind) {
        case 'daily-numbers-exhausted':
          throw new ApiError(
            409,
            'daily-numbers-exhausted',
            `Not enough numbers of ${body.category} left today`,
          );
        case 'lease-limit-reached':
          throw new ApiError(
            409,
            'lease-limit-reached',
            'This terminal already holds the most numbers it may lease today in this category',
          );
        case 'leased':
          return reply.code(201).send(outcome.block);
      }
    },
  );

  app.post(
    '/v1/queue/offline-tickets',
    {
      onRequest: requireDevice,
      schema: {
        summary: 'Reconcile a ticket a kiosk issued offline from its number block (idempotent)',
        description:
          'Puts the ticket into the waiting queue ordered by its issue time. One active ticket per ' +
          'citizen and category still applies (409 active-ticket-exists with the existing ticket). ' +
          'The block must be of the caller’s hall (403 otherwise), whoever leased it.',
        tags,
        security,
        headers: idempotencyHeaders,
        body: offlineTicketRequestSchema,
        response: ticketResponses,
      },
    },
    async (request, reply) => {
      const body = request.body;
      assertActsFor(request, body.terminalId);
      const blockHall = queue.blockHall(body.blockId);
      if (blockHall !== undefined) assertHall(request, blockHall);
      const result = runIdempotent(ctx, request, OFFLINE_TICKET_SCOPE, body, () =>
        reconcileResponse(queue.reconcileOffline(body, clock.now())),
      );
      return sendIdempotent(reply, result);
    },
  );
};

/** The refusal of a second active ticket in one category, with the ticket the citizen holds. */
export function activeTicketExists(ticket: Ticket): ApiError {
  return new ApiError(
    409,
    'active-ticket-exists',
    `An active ticket ${ticket.number} exists in this category`,
    ticket,
  );
}

/**
 * The response stored under the idempotency key of an issue (here and at appointment check-in):
 * refusals decided on queue state replay as well.
 */
export function issueResponse(outcome: IssueOutcome, category: string): StoredResponse {
  switch (outcome.kind) {
    case 'issued':
      return { status: 201, body: { ticket: outcome.ticket } };
    case 'active-ticket-exists':
      return storedError(activeTicketExists(outcome.ticket));
    case 'daily-numbers-exhausted':
      return storedError(
        new ApiError(409, 'daily-numbers-exhausted', `All numbers of category ${category} are taken today`),
      );
  }
}

/** Refusals decided on queue state are stored and replay; wrong references are thrown and not stored. */
function reconcileResponse(outcome: ReconcileOutcome): StoredResponse {
  switch (outcome.kind) {
    case 'reconciled':
      return { status: 201, body: { ticket: outcome.ticket } };
    case 'active-ticket-exists':
      return storedError(activeTicketExists(outcome.ticket));
    case 'number-already-reconciled':
      return storedError(
        new ApiError(
          409,
          'number-already-reconciled',
          `Number ${outcome.ticket.number} is already in the queue`,
          outcome.ticket,
        ),
      );
    case 'unknown-block':
      throw new ApiError(422, 'unknown-block', 'No such number block');
    case 'block-not-yours':
      throw new ApiError(403, 'block-not-yours', 'The number block was leased to another terminal');
    case 'number-not-in-block':
      throw new ApiError(422, 'number-not-in-block', 'The number is not in the block');
    case 'block-expired':
      throw new ApiError(422, 'block-expired', "The block's service day is over");
    case 'outside-service-day':
      throw new ApiError(422, 'outside-service-day', "issuedAt is not on the block's service day");
  }
}
