import type { FastifyInstance } from 'fastify';
import { registerEndpoints } from '../api/endpoint-routes';
import type { KioskLogger } from '../logging/logger';
import { evaluationEndpoints } from './contract';
import type { EvaluationsService } from './service';

/** Evaluations' routes, from their endpoint table. */
export function registerEvaluationRoutes(
  app: FastifyInstance,
  evaluations: EvaluationsService,
  options: { logger: KioskLogger; simulated: boolean },
): void {
  registerEndpoints(
    app,
    evaluationEndpoints,
    {
      indicators: async ({ query }) => {
        const r = await evaluations.indicators(query.subject);
        if (!r.ok) return r;
        const { ok: _ok, ...indicators } = r.value;
        return { ok: true, value: indicators };
      },
      subjects: async () => {
        const r = await evaluations.rateableCases();
        return r.ok ? { ok: true, value: { cases: r.value } } : r;
      },
      rate: async ({ body }) => {
        const r = await evaluations.rate(body);
        return r.ok ? { ok: true, value: { result: r.value } } : r;
      },
    },
    options,
  );
}
