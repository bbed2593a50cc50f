import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponseSchema } from '../contract';
import type { CentralContext } from '../context';
import { ApiError } from '../http/errors';
import { identify, requireStaff, staffSecurity } from '../staff/auth';
import { assertReach } from '../staff/routes';
import { caseParamsSchema } from './contract';
import { staffCaseSignatureResponseSchema } from './signature-contract';

/**
 * The window's view of a case's signed commitments: the drawn signature with the wording, version
 * and time it was bound to. Staff only, within the same reach as the case itself (window staff and
 * managers: their halls; approvers: their department). The answer carries personal data, so it is
 * never cached and nothing of it is logged.
 */
export const caseSignatureRoutes: FastifyPluginAsyncZod<{ ctx: CentralContext }> = async (app, { ctx }) => {
  const { cases } = ctx;
  app.addHook('onRequest', identify(ctx));

  app.get(
    '/v1/staff/cases/:caseId/signature',
    {
      schema: {
        summary:
          'The signature on a case’s commitments (告知承诺), with the wording, version and time signed',
        description:
          'Within the staff member’s reach, like the case itself: another hall’s case is 403 forbidden. ' +
          'A case without a drawn signature (nothing signed on screen, or signed on paper) is 404 no-signature.',
        tags: ['staff'],
        security: staffSecurity,
        params: caseParamsSchema,
        response: {
          200: staffCaseSignatureResponseSchema,
          400: errorResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
          404: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const member = requireStaff(request, 'window', 'approver', 'manager');
      const { caseId } = request.params;
      const found = cases.find(caseId);
      if (!found) throw new ApiError(404, 'unknown-case', 'No such case');
      assertReach(member, found);
      const signature = cases.signature(caseId);
      if (!signature) throw new ApiError(404, 'no-signature', 'This case has no drawn signature');
      void reply.header('cache-control', 'no-store');
      return {
        caseId,
        caseNumber: cases.view(caseId, true)!.caseNumber,
        signature: { ...signature, mediaType: 'image/png' as const },
      };
    },
  );
};
