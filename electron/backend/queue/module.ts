import type { KioskModule } from '../kiosk-module';
import { CentralQueueClient } from './central';
import { NumberBlocks } from './number-blocks';
import { queueOutboxKinds } from './outbox';
import { registerQueueRoutes } from './routes';
import { QueueService, type QueueServiceDeps } from './service';
import { LocalTickets } from './store';
import type { CentralConnection } from '../central-connection/connection';
import type { KioskDatabase } from '../store/database';
import type { Outbox } from '../store/outbox';

export interface QueueModuleOptions extends Omit<QueueServiceDeps, 'central' | 'blocks' | 'tickets'> {
  db: KioskDatabase;
  outbox: Outbox;
  connection: CentralConnection;
  simulated: boolean;
}

export interface QueueModule extends KioskModule {
  /** Categories and 取号; the other slices name a category through it. */
  readonly queue: QueueService;
  /** The tickets taken here, each with its outbox row. */
  readonly tickets: LocalTickets;
  /** The categories fetched once at start and numbers leased for the first outage. */
  start(): Promise<void>;
}

/**
 * The queue. Its categories are fetched at start, when the central's catalogue changes (or
 * changes may have been missed), and whenever the link comes back or the live stream reopens;
 * each time the link is known to work, numbers are leased for the next outage.
 */
export function createQueueModule(options: QueueModuleOptions): QueueModule {
  const { db, outbox, connection, simulated, ...deps } = options;
  const central = new CentralQueueClient(connection);
  const tickets = new LocalTickets(db, outbox);
  const queue = new QueueService({ ...deps, central, tickets, blocks: new NumberBlocks(db) });
  const refresh = () => void queue.refresh();
  return {
    name: 'queue',
    queue,
    tickets,
    start: () => queue.refresh(),
    routes: (app) => registerQueueRoutes(app, queue, { logger: deps.logger, simulated }),
    outboxKinds: queueOutboxKinds({ central, tickets, logger: deps.logger }),
    onCentralEvent: (event) => {
      if (event.type === 'catalogue.changed' || event.type === 'stream.reset') void queue.categories();
    },
    onOnline: refresh,
    onStreamOpen: refresh,
    close: () => queue.idle(),
  };
}
