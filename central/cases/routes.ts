import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServiceItem } from '../catalogue/contract';
import { errorResponseSchema } from '../contract';
import type { CentralContext } from '../context';
import { ApiError } from '../http/errors';
import { assertHall, callerOf, HALL_CONFINED } from '../halls/reach';
import { idempotencyHeaders, runIdempotent, sendIdempotent, storedError } from '../http/idempotent';
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
import { checkSignatureImage } from './signature-image';

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
  if (body.bundle) {
    const bundle = ctx.catalogue.bundle(body.bundle.bundleCode, regionCode);
    if (!bundle) {
      throw new ApiError(422, 'unknown-bundle', `No bundle ${body.bundle.bundleCode} in this hall's region`);
    }
    if (!bundle.items.some((i) => i.itemCode === body.itemCode)) {
      throw new ApiError(
        422,
        'item-not-in-bundle',
        `Item ${body.itemCode} is not part of bundle ${body.bundle.bundleCode}`,
      );
    }
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
        description: HALL_CONFINED,
        tags,
        security: deviceSecurity,
        headers: idempotencyHeaders,
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
      assertHall(request, body.hallId);
      const item = checkSubmission(ctx, body);
      if (body.signature) {
        const image = await checkSignatureImage(body.signature.imagePng);
        if (!image.ok) {
          throw new ApiError(400, 'invalid-signature', `signature.imagePng: ${image.message}`);
        }
      }
      const result = runIdempotent(ctx, request, SUBMIT_CASE_SCOPE, body, () => {
        const view = ctx.cases.submit(body, item);
        return view === 'daily-numbers-exhausted'
          ? storedError(new ApiError(409, 'daily-numbers-exhausted', 'No case numbers left today'))
          : { status: 201, body: { case: view } };
      });
      return sendIdempotent(reply, result);
    },
  );

  app.post(
    '/v1/cases/lookup',
    {
      schema: {
        summary: "The cases of the citizen whose card is on the kiosk's reader (by keyed digest)",
        description:
          'A POST so the citizen reference stays out of URLs and access logs. Only cases with this exact reference are returned, ' +
          'and to an enrolled kiosk only those submitted in its own hall (a trusted device sees every hall).',
        tags,
        security: deviceSecurity,
        body: lookupCasesRequestSchema,
        response: { 200: lookupCasesResponseSchema, ...errors },
      },
    },
    async (request) => {
      requireDevice(request);
      const { reach } = callerOf(request);
      if (reach === 'every-hall') return { cases: cases.byCitizen(request.body.citizenRef) };
      const [hallId] = reach;
      return { cases: hallId === undefined ? [] : cases.byCitizen(request.body.citizenRef, hallId) };
    },
  );

  app.post(
    '/v1/cases/:caseId/withdraw',
    {
      schema: {
        summary: "Withdraw one of the current citizen's cases from the kiosk",
        description: `${HALL_CONFINED} The hall is the case's.`,
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
      assertHall(request, found.hallId);
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
