import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IDEMPOTENCY_HEADER } from '../contract';
import type { CentralContext } from '../context';
import { idempotencyHeaders, runIdempotent, sendIdempotent, storedError } from '../http/idempotent';
import { deviceSecurity as security, errorResponses as errors } from '../http/route-schemas';
import { ApiError } from '../http/errors';
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
import { evaluationIndicators, evaluationLevels, POOR_RATING_MAX } from './indicators';
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
        tags,
        security,
        headers: idempotencyHeaders,
        body: submitEvaluationRequestSchema,
        response: { 201: evaluationResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const body = request.body;
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
      if (body.subject.kind === 'visit') {
        const ticket = ctx.queue.ticket(body.subject.ticketId);
        if (!ticket) throw new ApiError(422, 'unknown-ticket', 'No such ticket');
        if (ticket.status !== 'served') {
          throw new ApiError(422, 'visit-not-served', 'A visit is rated after it was served');
        }
      }
      const result = runIdempotent(ctx, request.headers[IDEMPOTENCY_HEADER], SUBMIT_SCOPE, body, () => {
        const outcome = store.submit(body, clock.now());
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
        tags,
        security,
        querystring: listFollowUpsQuerySchema,
        response: { 200: listFollowUpsResponseSchema, ...errors },
      },
    },
    async (request) => ({ followUps: store.followUps(request.query.status, clock.now()) }),
  );

  app.post(
    '/v1/evaluation-follow-ups/:followUpId/close',
    {
      onRequest: manager,
      schema: {
        summary: 'Close a follow-up as rectified or explained, after the call-back (manager)',
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
          if (!store.close(followUpId, request.body.resolution, request.body.note, now)) {
            throw new ApiError(409, 'follow-up-closed', `The follow-up is already ${current.status}`);
          }
          return { followUp: store.followUp(followUpId, now)! };
        })
        .immediate();
    },
  );
};
