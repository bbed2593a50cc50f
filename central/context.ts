import type { Clock } from '../domain/clock';
import type { CentralDatabase } from './db/database';
import type { IdempotencyStore } from './http/idempotency';
import type { DeviceAuth } from './kiosks/auth';
import type { QueueStore } from './queue/store';
import type { CatalogueStore } from './catalogue/store';
import type { CaseStore } from './cases/store';
import type { EventBus } from './events/bus';
import type { StaffStore } from './staff/store';

/**
 * What every route module receives. Later slices (catalogue, cases, appointments) add their store
 * here and register a route module of their own beside queue/routes.ts.
 */
export interface CentralContext {
  db: CentralDatabase;
  clock: Clock;
  idempotency: IdempotencyStore;
  queue: QueueStore;
  /** Device tokens (configured and enrolled kiosks) and staff roles for the counter-side routes. */
  deviceAuth: DeviceAuth;
  catalogue: CatalogueStore;
  cases: CaseStore;
  /** Live events for the kiosks' streams; publish inside the transaction of the change. */
  events: EventBus;
  staff: StaffStore;
}
