import type { FastifyInstance } from 'fastify';
import { registerEndpoints } from '../api/endpoint-routes';
import type { ServiceResult } from '../api/replies';
import type { KioskLogger } from '../logging/logger';
import { guideEndpoints } from './contract';
import type { ServiceGuide } from './service';

/**
 * The service guide's routes, from its endpoint table. The catalogue is the copy held (kept in the
 * store for offline use); with none held yet, one is fetched now, and without it the citizen is
 * told the central cannot be reached.
 */
export function registerGuideRoutes(
  app: FastifyInstance,
  guide: ServiceGuide,
  options: { logger: KioskLogger; simulated: boolean },
): void {
  async function withCatalogue<T>(answer: () => T | null | undefined): Promise<ServiceResult<T>> {
    if (!guide.current()) await guide.refresh();
    if (!guide.current())
      return { ok: false, code: 'central-unreachable', detail: 'no catalogue cached yet' };
    const value = answer();
    return value == null ? { ok: false, code: 'not-found' } : { ok: true, value };
  }

  registerEndpoints(
    app,
    guideEndpoints,
    {
      overview: () => withCatalogue(() => ({ catalogue: guide.status()!, ...guide.overview()! })),
      search: ({ query }) => withCatalogue(() => guide.search(query.q)),
      department: ({ params }) => withCatalogue(() => guide.department(params.departmentId)),
      bundle: ({ params }) =>
        withCatalogue(() => {
          const bundle = guide.bundle(params.bundleCode);
          return bundle && { bundle };
        }),
      item: ({ params }) =>
        withCatalogue(() => {
          const item = guide.item(params.itemCode);
          return item && { item };
        }),
    },
    options,
  );
}
