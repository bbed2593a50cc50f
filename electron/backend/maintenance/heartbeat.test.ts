import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../domain/clock';
import { parseConfig } from '../../../kiosk-config/load-config';
import { startFakeCentral, type FakeCentral } from '../../../test/support/fake-central';
import { CentralConnection } from '../central-connection/connection';
import { startKiosk, type Kiosk } from '../kiosk';
import { createTestLogger } from '../logging/logger';
import { HEARTBEAT_INTERVAL_MS, FleetHeartbeat } from './heartbeat';
import { fleetServicesOf } from './fleet-services';
import { depthSamples, DEPTH_SAMPLE_INTERVAL_MS } from './queue-depth';

let central: FakeCentral | undefined;
let kiosk: Kiosk | undefined;
afterEach(async () => {
  await kiosk?.close();
  await central?.close();
  kiosk = undefined;
  central = undefined;
});

/** Lets a request started by a timer reach the (real) fake server and come back. */
async function settle(until: () => boolean): Promise<void> {
  while (!until()) await new Promise((r) => setImmediate(r));
}

describe('fleet heartbeat', () => {
  it('reports device health, outbox depth and versions to the central on the clock', async () => {
    central = await startFakeCentral();
    const clock = new ManualClock(Date.now());
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-hb-'));
    kiosk = await startKiosk(
      parseConfig({
        dataDir: dir,
        store: { keyFile: join(dir, 'store.key') },
        central: { mode: 'remote', baseUrl: central.baseUrl },
      }),
      { clock, logger: createTestLogger() },
    );
    await settle(() => central!.heartbeats.length === 1);
    expect(central.refused).toEqual([]);
    expect(central.heartbeats[0]).toMatchObject({
      terminalId: 'KIOSK-DEV-001',
      hallId: 'HALL-CITY-01',
      outboxDepth: 0,
      versions: { app: expect.any(String), config: 0 },
    });
    expect(Object.keys(central.heartbeats[0]!.devices)).toEqual(['idCardReader', 'receiptPrinter']);
    await clock.advance(HEARTBEAT_INTERVAL_MS);
    await settle(() => central!.heartbeats.length === 2);
    expect(fleetServicesOf(kiosk.db)?.heartbeat.lastResult()?.outcome).toMatchObject({ ok: true });

    // The depth sampler wrote the chart's points on the same clock.
    await clock.advance(DEPTH_SAMPLE_INTERVAL_MS);
    expect(depthSamples(kiosk.db, clock.now()).length).toBeGreaterThanOrEqual(2);
  });

  it('logs a failure once and the recovery once', async () => {
    const clock = new ManualClock(Date.now());
    const logger = createTestLogger();
    let up = false;
    const hb = new FleetHeartbeat({
      connection: new CentralConnection({
        baseUrl: 'http://central.invalid',
        deviceToken: 't',
        fetch: async () => {
          if (!up) throw new TypeError('fetch failed');
          return new Response(
            JSON.stringify({
              serverTime: new Date().toISOString(),
              config: { latestVersion: 0, changed: false },
            }),
          );
        },
      }),
      clock,
      logger,
      snapshot: () => ({
        terminalId: 'T-1',
        hallId: 'H',
        devices: {},
        outboxDepth: 0,
        versions: { app: '1', config: 0 },
      }),
    });
    expect(await hb.send()).toMatchObject({ ok: false, reason: 'network: TypeError: fetch failed' });
    await hb.send();
    up = true;
    expect(await hb.send()).toMatchObject({ ok: true });
    await hb.send();
    const events = logger.lines.map((l) => (JSON.parse(l) as { event: string }).event);
    expect(events).toEqual(['fleet.heartbeat-failed', 'fleet.heartbeat-ok']);
  });
});
