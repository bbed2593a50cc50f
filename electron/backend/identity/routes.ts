import type { FastifyInstance } from 'fastify';
import { registerEndpoints } from '../api/endpoint-routes';
import type { KioskLogger } from '../logging/logger';
import { emptyAnswer } from '../session/citizen-action';
import { identityDeveloperEndpoints, identityEndpoints } from './contract';
import type { IdentityService } from './service';

/** Declared identity's routes, from its endpoint table. */
export function registerIdentityRoutes(
  app: FastifyInstance,
  identity: IdentityService,
  options: { logger: KioskLogger; simulated: boolean },
): void {
  registerEndpoints(
    app,
    identityEndpoints,
    {
      declare: ({ body }) => emptyAnswer(identity.declare(body.idNumber, 'typed')),
    },
    options,
  );
  registerEndpoints(
    app,
    identityDeveloperEndpoints,
    { devScan: ({ body }) => emptyAnswer(identity.simulateScan(body.text)) },
    options,
  );
}
