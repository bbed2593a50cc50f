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
import { DEVICE_CHANGE_HEARTBEAT_DELAY_MS, HEARTBEAT_INTERVAL_MS, FleetHeartbeat } from './heartbeat';
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
    await settle(() => central!.heartbeats.length >= 1);
    expect(central.refused).toEqual([]);
    expect(central.heartbeats[0]).toMatchObject({
      terminalId: 'KIOSK-DEV-001',
      hallId: 'HALL-CITY-01',
      outboxDepth: 0,
      versions: { app: expect.any(String), config: 0 },
    });
    expect(Object.keys(central.heartbeats[0]!.devices)).toEqual(['idCardReader', 'receiptPrinter']);
    // Devices settling from "starting" heartbeat on their own; the clock's tick comes on top.
    const beforeTick = central.heartbeats.length;
    await clock.advance(HEARTBEAT_INTERVAL_MS);
    await settle(() => central!.heartbeats.length > beforeTick);
    expect(fleetServicesOf(kiosk.db)?.heartbeat.lastResult()?.outcome).toMatchObject({ ok: true });

    // The depth sampler wrote the chart's points on the same clock.
    await clock.advance(DEPTH_SAMPLE_INTERVAL_MS);
    expect(depthSamples(kiosk.db, clock.now()).length).toBeGreaterThanOrEqual(2);
  });

  it('heartbeats a device fault within a second, not at the next 30 s tick; a burst is one heartbeat', async () => {
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
    await settle(() => central!.heartbeats.length >= 1);
    // The devices settle from "starting" to ready (one more heartbeat) before the printer runs out.
    await clock.advance(2_000);
    await settle(() => kiosk!.devices.status().receiptPrinter.state === 'ready');
    await clock.advance(DEVICE_CHANGE_HEARTBEAT_DELAY_MS);
    const before = central.heartbeats.length;
    const outAt = clock.now();

    kiosk.devices.simulatedPrinter!.setState('paper-out');
    // The status poll (every second) sees the fault; the heartbeat follows within the delay.
    while (kiosk.devices.status().receiptPrinter.state !== 'paper-out') await clock.advance(100);
    await clock.advance(DEVICE_CHANGE_HEARTBEAT_DELAY_MS);
    await settle(() => central!.heartbeats.length > before);
    expect(DEVICE_CHANGE_HEARTBEAT_DELAY_MS).toBeLessThanOrEqual(1_000);
    expect(clock.now() - outAt).toBeLessThanOrEqual(1_500);
    expect(central.heartbeats.at(-1)!.devices.receiptPrinter).toMatchObject({ state: 'paper-out' });
    expect(central.heartbeats.length).toBe(before + 1);
  });

  it('sends one heartbeat for a burst of device changes, after the delay and not before', async () => {
    const clock = new ManualClock(Date.now());
    const sent: number[] = [];
    const hb = new FleetHeartbeat({
      connection: new CentralConnection({
        baseUrl: 'http://central.invalid',
        deviceToken: 't',
        fetch: async () => {
          sent.push(clock.now());
          return new Response(
            JSON.stringify({
              serverTime: new Date().toISOString(),
              config: { latestVersion: 0, changed: false },
            }),
          );
        },
      }),
      clock,
      logger: createTestLogger(),
      snapshot: () => ({
        terminalId: 'T-1',
        hallId: 'H',
        devices: {},
        outboxDepth: 0,
        versions: { app: '1', config: 0 },
      }),
    });
    hb.soon();
    await clock.advance(DEVICE_CHANGE_HEARTBEAT_DELAY_MS);
    expect(sent).toEqual([]); // not started: a stopped kiosk sends nothing
    hb.start();
    await settle(() => sent.length === 1);
    const started = clock.now();
    hb.soon();
    hb.soon();
    await clock.advance(DEVICE_CHANGE_HEARTBEAT_DELAY_MS - 1);
    expect(sent).toHaveLength(1);
    hb.soon();
    await clock.advance(1);
    await settle(() => sent.length === 2);
    expect(sent[1]).toBe(started + DEVICE_CHANGE_HEARTBEAT_DELAY_MS);
    hb.stop();
    hb.soon();
    await clock.advance(HEARTBEAT_INTERVAL_MS);
    expect(sent).toHaveLength(2);
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
