import type { FastifyInstance } from 'fastify';
import { ANSWERED, registerEndpoints } from '../api/endpoint-routes';
import type { KioskLogger } from '../logging/logger';
import { ADD_PAGE_BODY_LIMIT_BYTES, materialScanEndpoints } from './contract';
import type { MaterialScanService } from './service';

export interface MaterialScanRouteDeps {
  service: MaterialScanService;
  logger: KioskLogger;
  simulated: boolean;
}

/**
 * The routes of scanned materials, from their endpoint table. A still is megabytes where every
 * other request is a few hundred bytes, so addPage alone gets a larger body limit, set on its
 * route in a scope of its own rather than raised for the whole API.
 */
export function registerMaterialScanRoutes(app: FastifyInstance, deps: MaterialScanRouteDeps): void {
  const { service } = deps;
  void app.register(async (scope) => {
    scope.addHook('onRoute', (route) => {
      if (route.url === materialScanEndpoints.addPage.path && route.method === 'POST') {
        route.bodyLimit = ADD_PAGE_BODY_LIMIT_BYTES;
      }
    });
    registerEndpoints(
      scope,
      materialScanEndpoints,
      {
        addPage: async ({ body }) => service.addPage(body.materialCode, body.image),
        listPages: ({ query }) => {
          const listed = service.listPages(query.materialCode);
          return listed.ok ? { ok: true, value: { ...listed.value, budget: service.budget() } } : listed;
        },
        removePage: ({ params }) => service.removePage(params.pageId),
        pageImage: ({ params }, { reply }) => {
          const image = service.pageImage(params.pageId);
          if (!image.ok) return image;
          // The citizen's document: never cached by the browser beyond the screen that shows it.
          void reply
            .header('content-type', 'image/jpeg')
            .header('cache-control', 'no-store')
            .send(image.value);
          return ANSWERED;
        },
      },
      { logger: deps.logger, simulated: deps.simulated },
    );
  });
}
