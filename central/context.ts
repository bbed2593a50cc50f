import type { Clock } from '../drivers/clock';
import type { CentralDatabase } from './db/database';
import type { IdempotencyStore } from './http/idempotency';
import type { QueueStore } from './queue/store';

/**
 * What every route module receives. Later slices (catalogue, cases, appointments) add their store
 * here and register a route module of their own beside queue/routes.ts.
 */
export interface CentralContext {
  db: CentralDatabase;
  clock: Clock;
  idempotency: IdempotencyStore;
  queue: QueueStore;
}
