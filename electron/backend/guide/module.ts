import type { KioskModule } from '../kiosk-module';
import { registerGuideRoutes } from './routes';
import { ServiceGuide, type ServiceGuideOptions } from './service';

export interface GuideModule extends KioskModule {
  /** The catalogue copy the apply slice makes applications from. */
  readonly guide: ServiceGuide;
  /** Fetches the catalogue once at start; later fetches follow the central's changes. */
  start(): void;
}

/**
 * The service guide. The catalogue is fetched at start, on the central's `catalogue.changed` (and
 * `stream.reset`, when changes may have been missed), and when the link comes back; between those,
 * and offline, it is served from the copy kept in the store.
 */
export function createGuideModule(options: ServiceGuideOptions & { simulated: boolean }): GuideModule {
  const guide = new ServiceGuide(options);
  const refresh = () =>
    void guide
      .refresh()
      .catch((err: Error) => options.logger.error('catalogue.sync-failed', { reason: err.message }));
  return {
    name: 'guide',
    guide,
    start: refresh,
    routes: (app) =>
      registerGuideRoutes(app, guide, { logger: options.logger, simulated: options.simulated }),
    onCentralEvent: (event) => {
      if (event.type === 'catalogue.changed' || event.type === 'stream.reset') refresh();
    },
    onOnline: refresh,
    close: () => guide.idle(),
  };
}
