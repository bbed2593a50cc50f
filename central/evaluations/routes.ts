import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CentralContext } from '../context';
import { assertHall, callerOf, HALL_CONFINED, hallsInReach } from '../halls/reach';
import { idempotencyHeaders, runIdempotent, sendIdempotent, storedError } from '../http/idempotent';
import { deviceSecurity as security, errorResponses as errors } from '../http/route-schemas';
import { ApiError } from '../http/errors';
import { assertActsFor } from '../kiosks/auth';
import {
  closeFollowUpRequestSchema,
  evaluationIndicatorsQuerySchema,
  evaluationIndicatorsResponseSchema,
  evaluationResponseSchema,
  followUpResponseSchema,
  listFollowUpsQuerySchema,
  listFollowUpsResponseSchema,
  submitEvaluationRequestSchema,
} from './contract';
import { channelOfService, evaluationIndicators, evaluationLevels, POOR_RATING_MAX } from './indicators';
import { EvaluationStore } from './store';

const tags = ['evaluations'];
const SUBMIT_SCOPE = 'POST /v1/evaluations';

/** Service evaluations (好差评): indicator sets, rating per case or visit, follow-up of poor ratings. */
export const evaluationRoutes: FastifyPluginAsyncZod<{ ctx: CentralContext }> = async (app, { ctx }) => {
  const { clock } = ctx;
  const store = new EvaluationStore(ctx.db);
  const manager = ctx.deviceAuth.staffGuard('manager');

  app.get(
    '/v1/evaluations/indicators',
    {
      onRequest: ctx.deviceAuth.requireDeviceOrStaff,
      schema: {
        summary: 'The five levels and the indicator sets of a channel',
        tags,
        security,
        querystring: evaluationIndicatorsQuerySchema,
        response: { 200: evaluationIndicatorsResponseSchema, ...errors },
      },
    },
    async (request) => ({
      channel: request.query.channel,
      levels: [...evaluationLevels],
      ...evaluationIndicators[request.query.channel],
    }),
  );

  app.post(
    '/v1/evaluations',
    {
      onRequest: ctx.deviceAuth.requireDeviceOrStaff,
      schema: {
        summary:
          'Rate a case or a visit; a poor rating (1–2) opens a follow-up (idempotent by Idempotency-Key)',
        description:
          "The hall is the rated case's or visit's: a kiosk or staff member rates only cases and visits " +
          'of its hall (403 otherwise; 422 unknown-case / unknown-ticket for one that does not exist). ' +
          'Trusted devices (online channels) may rate a case this central does not hold. ' +
          'The channel is that of the service rated: hall-window for a visit, kiosk for a case applied for ' +
          'at a kiosk (422 channel-mismatch otherwise). ' +
          HALL_CONFINED,
        tags,
        security,
        headers: idempotencyHeaders,
        body: submitEvaluationRequestSchema,
        response: { 201: evaluationResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const body = request.body;
      if (body.terminalId !== undefined) assertActsFor(request, body.terminalId);
      const set = evaluationIndicators[body.channel];
      const allowed = new Set(
        (body.level <= POOR_RATING_MAX ? set.negative : set.positive).map((i) => i.code),
      );
      const unknown = body.indicators.filter((code) => !allowed.has(code));
      if (unknown.length > 0) {
        throw new ApiError(
          422,
          'unknown-indicator',
          `Indicators ${unknown.join(', ')} are not offered for level ${body.level} on ${body.channel}`,
        );
      }
      if (body.level <= POOR_RATING_MAX && body.indicators.length === 0) {
        throw new ApiError(422, 'indicators-required', 'A poor rating names at least one indicator');
      }
      let hallId: string | null = null;
      if (body.subject.kind === 'visit') {
        const ticket = ctx.queue.ticket(body.subject.ticketId);
        if (!ticket) throw new ApiError(422, 'unknown-ticket', 'No such ticket');
        assertHall(request, ticket.hallId);
        if (ticket.status !== 'served') {
          throw new ApiError(422, 'visit-not-served', 'A visit is rated after it was served');
        }
        hallId = ticket.hallId;
      } else {
        const found = ctx.cases.find(body.subject.caseId);
        if (found) {
          assertHall(request, found.hallId);
          hallId = found.hallId;
        } else if (callerOf(request).kind !== 'trusted-device') {
          throw new ApiError(422, 'unknown-case', 'No such case');
        }
      }
      // Indicators must describe the service rated: a window visit is not rated on the machine.
      const fitting = channelOfService(
        body.subject.kind === 'visit' ? { kind: 'visit' } : { kind: 'case', held: hallId !== null },
      );
      if (fitting !== undefined && fitting !== body.channel) {
        throw new ApiError(
          422,
          'channel-mismatch',
          `A ${body.subject.kind === 'visit' ? 'visit served at a window' : 'case applied for at a kiosk'} is rated with the ${fitting} indicators, not ${body.channel}`,
        );
      }
      const result = runIdempotent(ctx, request, SUBMIT_SCOPE, body, () => {
        const outcome = store.submit(body, hallId, clock.now());
        if (outcome.kind === 'created') return { status: 201, body: { evaluation: outcome.evaluation } };
        return storedError(
          new ApiError(409, 'already-evaluated', 'This case or visit has been rated already'),
        );
      });
      return sendIdempotent(reply, result);
    },
  );

  app.get(
    '/v1/evaluation-follow-ups',
    {
      onRequest: manager,
      schema: {
        summary: 'Follow-ups of poor ratings, earliest deadline first (manager)',
        description: "Only those of the manager's halls (every hall for a city-level manager).",
        tags,
        security,
        querystring: listFollowUpsQuerySchema,
        response: { 200: listFollowUpsResponseSchema, ...errors },
      },
    },
    async (request) => ({
      followUps: store.followUps(request.query.status, hallsInReach(request), clock.now()),
    }),
  );

  app.post(
    '/v1/evaluation-follow-ups/:followUpId/close',
    {
      onRequest: manager,
      schema: {
        summary: 'Close a follow-up as rectified or explained, after the call-back (manager)',
        description: "Only one of the manager's halls (403 otherwise).",
        tags,
        security,
        params: z.object({ followUpId: z.string().min(1).max(64) }),
        body: closeFollowUpRequestSchema,
        response: { 200: followUpResponseSchema, ...errors },
      },
    },
    async (request) => {
      const { followUpId } = request.params;
      const now = clock.now();
      return ctx.db
        .transaction(() => {
          const current = store.followUp(followUpId, now);
          if (!current) throw new ApiError(404, 'unknown-follow-up', 'No such follow-up');
          assertHall(request, store.followUpHall(followUpId));
          if (!store.close(followUpId, request.body.resolution, request.body.note, now)) {
            throw new ApiError(409, 'follow-up-closed', `The follow-up is already ${current.status}`);
          }
          return { followUp: store.followUp(followUpId, now)! };
        })
        .immediate();
    },
  );
};
