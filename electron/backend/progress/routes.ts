import type { FastifyInstance } from 'fastify';
import { registerEndpoints } from '../api/endpoint-routes';
import type { KioskLogger } from '../logging/logger';
import { progressEndpoints } from './contract';
import type { CaseProgress } from './service';

/** The progress routes (办件进度), from its endpoint table: the citizen's cases and the result notice. */
export function registerProgressRoutes(
  app: FastifyInstance,
  progress: Pick<CaseProgress, 'list' | 'printNotice'>,
  options: { logger: KioskLogger; simulated: boolean },
): void {
  registerEndpoints(
    app,
    progressEndpoints,
    {
      list: async ({ query }) => {
        const list = await progress.list(query.refresh);
        return list.ok ? { ok: true, value: { list: list.value } } : list;
      },
      notice: ({ params }) => progress.printNotice(params.caseId),
    },
    options,
  );
}
