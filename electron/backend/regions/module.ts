import type { KioskModule } from '../kiosk-module';
import { registerRegionRoutes } from './routes';
import { RegionDirectory, type RegionDirectoryOptions } from './service';

export interface RegionsModule extends KioskModule {
  readonly regions: RegionDirectory;
}

/**
 * The central's region codes for postal addresses. Fetched at start and when the link comes back
 * (the list changes rarely: a new street, a merged community); offline, the copy in the store.
 */
export function createRegionsModule(options: RegionDirectoryOptions & { simulated: boolean }): RegionsModule {
  const regions = new RegionDirectory(options);
  const refresh = () =>
    void regions
      .refresh()
      .catch((err: Error) => options.logger.warn('regions.sync-failed', { reason: err.message }));
  refresh();
  return {
    name: 'regions',
    regions,
    routes: (app) =>
      registerRegionRoutes(app, regions, { logger: options.logger, simulated: options.simulated }),
    onOnline: refresh,
  };
}
