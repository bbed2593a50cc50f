import type { KioskModule } from '../kiosk-module';
import { registerIdentityRoutes } from './routes';
import { IdentityService, type IdentityDeps } from './service';

export interface IdentityModule extends KioskModule {
  readonly service: IdentityService;
}

/**
 * Declared identity and the scanner. Every scan goes to the service (an app ID starts a session,
 * other codes wait for a screen); when nobody is identified any more, the last scan is dropped.
 */
export function createIdentityModule(
  deps: IdentityDeps & {
    session: IdentityDeps['session'];
    devices: { onScan(listener: (scan: { text: string }) => void): () => void };
    simulated: boolean;
  },
): IdentityModule {
  const service = new IdentityService(deps);
  const stopScanning = deps.devices.onScan((scan) => service.onScan(scan.text));
  return {
    name: 'identity',
    service,
    routes: (app) => registerIdentityRoutes(app, service, { logger: deps.logger, simulated: deps.simulated }),
    // A scan read before this session (a booking's QR code checked in on the home screen) or for
    // the last citizen is not this one's to act on.
    onSessionChange: () => service.reset(),
    close: () => {
      stopScanning();
      service.reset();
    },
  };
}
