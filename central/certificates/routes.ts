import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponseSchema } from '../contract';
import type { CentralContext } from '../context';
import { ApiError } from '../http/errors';
import { deviceSecurity, identify, requireDevice } from '../staff/auth';
import {
  type ECertificate,
  eCertificateLookupRequestSchema,
  eCertificateLookupResponseSchema,
} from './contract';
import { holdsCertificate } from './holdings';

const tags = ['e-certificates'];

/** The materials that are e-certificates somewhere in a region's items, by code. */
function eCertificateMaterials(
  ctx: CentralContext,
  regionCode: string,
): Map<string, Omit<ECertificate, 'found'>> {
  const out = new Map<string, Omit<ECertificate, 'found'>>();
  for (const item of ctx.catalogue.items(regionCode)) {
    for (const m of item.materials) {
      if (m.cancellation.rule !== 'e-certificate' || out.has(m.code)) continue;
      out.set(m.code, { code: m.code, name: m.name, basis: m.cancellation.basis ?? m.name.zh });
    }
  }
  return out;
}

/** 电子证照: which e-certificates the central can fetch for the citizen on a kiosk's reader. */
export const certificateRoutes: FastifyPluginAsyncZod<{ ctx: CentralContext }> = async (app, { ctx }) => {
  app.addHook('onRequest', identify(ctx));

  app.post(
    '/v1/e-certificates/lookup',
    {
      schema: {
        summary: 'Which of these e-certificate materials the central can fetch for a citizen',
        description:
          'A POST so the citizen reference stays out of URLs and access logs. Every code must be a material whose fate is `e-certificate` in an item of the hall’s region; the answer is in the order asked.',
        tags,
        security: deviceSecurity,
        body: eCertificateLookupRequestSchema,
        response: {
          200: eCertificateLookupResponseSchema,
          400: errorResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
          422: errorResponseSchema,
        },
      },
    },
    async (request) => {
      const body = request.body;
      requireDevice(request, { terminalId: body.terminalId, hallId: body.hallId });
      const regionCode = ctx.catalogue.hallRegion(body.hallId);
      if (!regionCode) throw new ApiError(422, 'unknown-hall', `No hall ${body.hallId}`);
      const known = eCertificateMaterials(ctx, regionCode);
      const codes = [...new Set(body.materialCodes)];
      const unknown = codes.filter((c) => !known.has(c));
      if (unknown.length > 0) {
        throw new ApiError(
          422,
          'not-an-e-certificate',
          `Not an e-certificate material in this hall's region: ${unknown.join(', ')}`,
        );
      }
      return {
        certificates: codes.map((code) => ({
          ...known.get(code)!,
          found: holdsCertificate(body.citizenRef, code),
        })),
      };
    },
  );
};
