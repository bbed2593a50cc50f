import packageJson from '../../../package.json' with { type: 'json' };
import type { Clock } from '../../../domain/clock';
import type { KioskConfig } from '../../../kiosk-config/schema';
import type { CentralConnection } from '../central-connection/connection';
import type { KioskDevices } from '../devices/kiosk-devices';
import type { KioskLogger } from '../logging/logger';
import type { KioskDatabase } from '../store/database';
import type { Outbox } from '../store/outbox';
import { FleetHeartbeat } from './heartbeat';
import { QueueDepthSampler } from './queue-depth';

export const APP_VERSION: string = packageJson.version;

export interface FleetServices {
  heartbeat: FleetHeartbeat;
  sampler: QueueDepthSampler;
  startedAt: number;
}

/** Found again by the maintenance routes through the kiosk's store (one kiosk, one store). */
const byStore = new WeakMap<KioskDatabase, FleetServices>();

export function fleetServicesOf(db: KioskDatabase): FleetServices | undefined {
  return byStore.get(db);
}

/** What the central sees of this kiosk's devices: state and a short detail, nothing else. */
export function deviceHealth(devices: KioskDevices): Record<string, { state: string; detail?: string }> {
  const out: Record<string, { state: string; detail?: string }> = {};
  for (const [name, status] of Object.entries(devices.status())) {
    if (!status) continue;
    out[name] = {
      state: /^[a-z-]{1,32}$/.test(status.state) ? status.state : 'error',
      ...(status.detail ? { detail: status.detail.slice(0, 200) } : {}),
    };
  }
  return out;
}

/**
 * The kiosk's background services for field staff and the fleet: the heartbeat to the central (on
 * the clock, and shortly after any device changes state) and the queue-depth sampler. Started by the composition root (kiosk.ts); returns the stop function.
 */
export function startFleetServices(deps: {
  config: KioskConfig;
  clock: Clock;
  logger: KioskLogger;
  db: KioskDatabase;
  outbox: Outbox;
  devices: KioskDevices;
  /** The kiosk's one connection to the central: its token is the heartbeat's, renewed or not. */
  connection: CentralConnection;
}): () => void {
  const { config, clock, outbox, devices } = deps;
  const startedAt = clock.now();
  const heartbeat = new FleetHeartbeat({
    connection: deps.connection,
    clock,
    logger: deps.logger,
    snapshot: () => {
      const stats = outbox.stats(clock.now());
      return {
        terminalId: config.terminalId,
        hallId: config.hall.id,
        devices: deviceHealth(devices),
        outboxDepth: stats.pending + stats.inFlight,
        ...(stats.oldestPendingAgeMs === null
          ? {}
          : { oldestOutboxAgeSeconds: Math.floor(stats.oldestPendingAgeMs / 1000) }),
        uptimeSeconds: Math.floor((clock.now() - startedAt) / 1000),
        versions: { app: APP_VERSION, config: 0 },
      };
    },
  });
  const sampler = new QueueDepthSampler({ db: deps.db, outbox, clock });
  byStore.set(deps.db, { heartbeat, sampler, startedAt });
  sampler.start();
  heartbeat.start();
  // A fault is news for the hall's staff now, not at the next tick.
  const unsubscribe = devices.onStatusChange(() => heartbeat.soon());
  return () => {
    unsubscribe();
    heartbeat.stop();
    sampler.stop();
    byStore.delete(deps.db);
  };
}
