import type { KioskModule } from '../kiosk-module';
import { evaluationOutboxKinds, type EvaluationOutboxDeps } from './outbox';
import { registerEvaluationRoutes } from './routes';
import { EvaluationsService, type EvaluationsDeps } from './service';

export interface EvaluationsModule extends KioskModule {
  readonly service: EvaluationsService;
}

/** Evaluations: ratings delivered through the outbox (EVALUATION kind). */
export function createEvaluationsModule(
  deps: EvaluationsDeps &
    Pick<EvaluationOutboxDeps, 'outbox'> & {
      central: EvaluationsDeps['central'] & EvaluationOutboxDeps['central'];
      simulated: boolean;
    },
): EvaluationsModule {
  const service = new EvaluationsService(deps);
  return {
    name: 'evaluations',
    service,
    routes: (app) =>
      registerEvaluationRoutes(app, service, { logger: deps.logger, simulated: deps.simulated }),
    outboxKinds: evaluationOutboxKinds(deps),
  };
}
