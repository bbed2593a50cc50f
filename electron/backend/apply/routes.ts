import type { FastifyInstance } from 'fastify';
import { registerEndpoints } from '../api/endpoint-routes';
import type { KioskLogger } from '../logging/logger';
import type { ServiceGuide } from '../guide/service';
import { applyEndpoints } from './contract';
import type { ApplyJourney } from './service';

export interface ApplyRouteDeps {
  apply: ApplyJourney;
  /** The catalogue applications are made from. */
  guide: Pick<ServiceGuide, 'current' | 'refresh'>;
  logger: KioskLogger;
  simulated: boolean;
}

/** The apply routes, from its endpoint table. */
export function registerApplyRoutes(app: FastifyInstance, deps: ApplyRouteDeps): void {
  const { apply, guide } = deps;
  /** Nothing cached yet (a first start, the guide's fetch still under way or failed): try once now. */
  const catalogueReady = async () => {
    if (!guide.current()) await guide.refresh();
  };

  registerEndpoints(
    app,
    applyEndpoints,
    {
      offer: async () => {
        await catalogueReady();
        return apply.offer();
      },
      draft: async ({ body }) => {
        await catalogueReady();
        const draft = await apply.draft(body.selection);
        return draft.ok ? { ok: true, value: { draft: draft.value } } : draft;
      },
      sign: async ({ body }) => {
        await catalogueReady();
        const signed = await apply.sign(body);
        return signed.ok ? { ok: true, value: signed.value } : signed;
      },
      submit: async ({ body }) => {
        await catalogueReady();
        const receipt = await apply.submit(body);
        return receipt.ok ? { ok: true, value: { receipt: receipt.value } } : receipt;
      },
      receipt: ({ params }) => {
        const receipt = apply.receipt(params.localRef);
        return receipt.ok ? { ok: true, value: { receipt: receipt.value } } : receipt;
      },
    },
    { logger: deps.logger, simulated: deps.simulated },
  );
}
