import type { FastifyInstance } from 'fastify';
import type { CentralConnection } from '../central-connection/connection';
import type { KioskModule } from '../kiosk-module';
import type { FieldCipher } from '../store/field-cipher';
import { CentralMaterialScanClient } from './central';
import { materialScanOutboxKinds } from './outbox';
import { processPage } from './page-processing';
import { registerMaterialScanRoutes } from './routes';
import { MaterialScanService, type MaterialScanDeps } from './service';
import { MaterialScanStore } from './store';

export interface MaterialScanModuleDeps
  extends Omit<MaterialScanDeps, 'store' | 'processPage'>, Partial<Pick<MaterialScanDeps, 'processPage'>> {
  cipher: FieldCipher;
  connection: Pick<CentralConnection, 'request'> | CentralConnection;
  simulated: boolean;
}

export interface MaterialScanModule extends KioskModule {
  readonly service: MaterialScanService;
}

/**
 * Scanned materials (高拍仪): the pages a card session keeps on the materials step, sealed in the
 * store under a disk budget, queued with their case and uploaded to the central in resumable
 * chunks. Pages of a session that ends without submitting are purged, at the end and at start.
 */
export function createMaterialScanModule(deps: MaterialScanModuleDeps): MaterialScanModule {
  const store = new MaterialScanStore(deps.db, deps.cipher);
  const service = new MaterialScanService({ ...deps, store, processPage: deps.processPage ?? processPage });
  const central = new CentralMaterialScanClient(deps.connection as CentralConnection);
  // A restart ended whatever session was open: its pages were never submitted.
  service.sessionEnded();
  return {
    name: 'material-scans',
    service,
    routes: (app: FastifyInstance) =>
      registerMaterialScanRoutes(app, { service, logger: deps.logger, simulated: deps.simulated }),
    outboxKinds: materialScanOutboxKinds({
      central,
      pages: service,
      chunkBytes: deps.settings.chunkBytes,
      logger: deps.logger,
    }),
    onSessionChange: () => service.sessionEnded(),
  };
}
