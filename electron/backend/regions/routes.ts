import type { FastifyInstance } from 'fastify';
import { registerEndpoints } from '../api/endpoint-routes';
import type { KioskLogger } from '../logging/logger';
import { regionEndpoints } from './contract';
import type { RegionDirectory } from './service';

/** The region list's route: with none fetched or kept yet, one is fetched now. */
export function registerRegionRoutes(
  app: FastifyInstance,
  regions: RegionDirectory,
  options: { logger: KioskLogger; simulated: boolean },
): void {
  registerEndpoints(
    app,
    regionEndpoints,
    {
      list: async () => {
        if (regions.list().length === 0) await regions.refresh();
        const list = regions.list();
        if (list.length === 0) {
          return { ok: false, code: 'central-unreachable', detail: 'no region list kept yet' };
        }
        return { ok: true, value: { cityCode: regions.cityCode(), regions: list } };
      },
    },
    options,
  );
}
