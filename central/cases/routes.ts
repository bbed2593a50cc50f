import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServiceItem } from '../catalogue/contract';
import { errorResponseSchema, IDEMPOTENCY_HEADER, idempotencyKeySchema, REPLAYED_HEADER } from '../contract';
import type { CentralContext } from '../context';
import { ApiError } from '../http/errors';
import { type IdempotentResult, storedError } from '../queue/idempotent';
import { requestHash, type StoredResponse } from '../http/idempotency';
import { deviceSecurity, identify, requireDevice } from '../staff/auth';
import {
  caseParamsSchema,
  caseResponseSchema,
  lookupCasesRequestSchema,
  lookupCasesResponseSchema,
  type SubmitCaseRequest,
  submitCaseRequestSchema,
  withdrawCaseRequestSchema,
} from './contract';
import type { TransitionOutcome } from './store';

const SUBMIT_CASE_SCOPE = 'POST /v1/cases';
const tags = ['cases'];
const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema };

/**
 * Checks a submission against the item as it applies in the hall's region: offered on the kiosk,
 * not suspended, every material the citizen must hand in present, nothing unknown. Runs before the
 * idempotency key is claimed, so a request that names nothing real leaves the key unused.
 */
export function checkSubmission(ctx: CentralContext, body: SubmitCaseRequest): ServiceItem {
  const regionCode = ctx.catalogue.hallRegion(body.hallId);
  if (!regionCode) throw new ApiError(422, 'unknown-hall', `No hall ${body.hallId}`);
  const item = ctx.catalogue.item(body.itemCode, regionCode);
  if (!item) throw new ApiError(422, 'unknown-item', `No item ${body.itemCode} in this hall's region`);
  if (item.suspended) throw new ApiError(422, 'item-suspended', `Item ${body.itemCode} is suspended`);
  if (!item.channels.includes('kiosk')) {
    throw new ApiError(
      422,
      'item-not-on-kiosk',
      `Item ${body.itemCode} is not offered at self-service kiosks`,
    );
  }
  const known = new Map(item.materials.map((m) => [m.code, m]));
  const unknown = body.materials.filter((m) => !known.has(m.code)).map((m) => m.code);
  if (unknown.length > 0) {
    throw new ApiError(422, 'unknown-material', `Not a material of this item: ${unknown.join(', ')}`);
  }
  const given = new Map(body.materials.map((m) => [m.code, m.via]));
  const missing = item.materials.filter((m) => {
    const via = given.get(m.code);
    if (m.citizenAction === 'provide') return via !== 'upload' && via !== 'paper';
    if (m.citizenAction === 'sign-commitment')
      return via !== 'commitment' && via !== 'upload' && via !== 'paper';
    return false;
  });
  if (missing.length > 0) {
    throw new ApiError(
      422,
      'missing-materials',
      `Missing: ${missing.map((m) => `${m.code} (${m.citizenAction === 'provide' ? 'hand in' : 'sign the commitment'})`).join(', ')}`,
    );
  }
  return item;
}

/**
 * Applies a submission exactly once per Idempotency-Key. Unlike the generic helper, the claim, the
 * case and the stored response are one transaction (the claim is a savepoint inside it): one
 * commit per submission on the hot path. A concurrent duplicate from another process waits on the
 * write lock and then replays; a claim left in flight by another worker still answers 409.
 */
function submitOnce(
  ctx: CentralContext,
  key: string,
  body: SubmitCaseRequest,
  item: ServiceItem,
): IdempotentResult {
  const hash = requestHash(SUBMIT_CASE_SCOPE, body);
  return ctx.db
    .transaction((): IdempotentResult => {
      const begun = ctx.idempotency.begin(key, SUBMIT_CASE_SCOPE, hash);
      switch (begun.kind) {
        case 'replay':
          return { response: begun.response, replayed: true };
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
      const view = ctx.cases.submit(body, item);
      const response: StoredResponse =
        view === 'daily-numbers-exhausted'
          ? storedError(new ApiError(409, 'daily-numbers-exhausted', 'No case numbers left today'))
          : { status: 201, body: { case: view } };
      ctx.idempotency.complete(begun.claim, response);
      return { response, replayed: false };
    })
    .immediate();
}

export function transitionResult(outcome: TransitionOutcome, action: string) {
  if (outcome.kind === 'unknown-case') throw new ApiError(404, 'unknown-case', 'No such case');
  if (outcome.kind === 'invalid-state') {
    throw new ApiError(409, 'invalid-case-state', `Cannot ${action} a case that is ${outcome.status}`);
  }
  return { case: outcome.view };
}

/** Kiosk side of cases: submit, the current citizen's cases, withdraw. */
export const caseRoutes: FastifyPluginAsyncZod<{ ctx: CentralContext }> = async (app, { ctx }) => {
  const { cases } = ctx;
  app.addHook('onRequest', identify(ctx));

  app.post(
    '/v1/cases',
    {
      schema: {
        summary: 'Submit a case from a kiosk (idempotent by Idempotency-Key); routed from the item',
        tags,
        security: deviceSecurity,
        headers: z.looseObject({ [IDEMPOTENCY_HEADER]: idempotencyKeySchema }),
        body: submitCaseRequestSchema,
        response: {
          201: caseResponseSchema,
          ...errors,
          409: errorResponseSchema,
          422: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      requireDevice(request, { terminalId: body.terminalId, hallId: body.hallId });
      const item = checkSubmission(ctx, body);
      const result = submitOnce(ctx, request.headers[IDEMPOTENCY_HEADER], body, item);
      if (result.replayed) reply.header(REPLAYED_HEADER, 'true');
      // The body is a CaseView built by the store (or an ApiError body) and typed as such; the
      // response schema documents it, and plain JSON.stringify skips re-validating it on the
      // hottest route (a measurable share of its CPU).
      return reply
        .code(result.response.status as 201 | 409)
        .type('application/json; charset=utf-8')
        .serializer(JSON.stringify)
        .send(result.response.body as z.infer<typeof caseResponseSchema>);
    },
  );

  app.post(
    '/v1/cases/lookup',
    {
      schema: {
        summary: "The cases of the citizen whose card is on the kiosk's reader (by keyed digest)",
        description:
          'A POST so the citizen reference stays out of URLs and access logs. Only cases with this exact reference are returned.',
        tags,
        security: deviceSecurity,
        body: lookupCasesRequestSchema,
        response: { 200: lookupCasesResponseSchema, ...errors },
      },
    },
    async (request) => {
      requireDevice(request);
      return { cases: cases.byCitizen(request.body.citizenRef) };
    },
  );

  app.post(
    '/v1/cases/:caseId/withdraw',
    {
      schema: {
        summary: "Withdraw one of the current citizen's cases from the kiosk",
        tags,
        security: deviceSecurity,
        params: caseParamsSchema,
        body: withdrawCaseRequestSchema,
        response: { 200: caseResponseSchema, ...errors, 404: errorResponseSchema, 409: errorResponseSchema },
      },
    },
    async (request) => {
      requireDevice(request);
      const found = cases.find(request.params.caseId);
      // Someone else's case is answered exactly like a case that does not exist.
      if (!found || found.citizenRef !== request.body.citizenRef) {
        throw new ApiError(404, 'unknown-case', 'No such case');
      }
      const outcome = cases.transition(
        request.params.caseId,
        'withdraw',
        { kind: 'citizen' },
        {
          note: request.body.note,
        },
      );
      const result = transitionResult(outcome, 'withdraw');
      return { case: cases.view(result.case.caseId, false)! };
    },
  );
};
