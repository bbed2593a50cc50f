import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/clock';
import { openCentralDatabase, type CentralDatabase } from '../db/database';
import { EventBus } from './bus';
import type { LiveEvent } from './contract';

let db: CentralDatabase | undefined;
afterEach(() => {
  db?.close();
  db = undefined;
});

const kiosk = {
  terminalId: 'KIOSK-SC-03',
  hallId: 'HALL-SC-01',
  enrolledAt: '2026-11-25T01:00:00.000Z',
  lastSeenAt: '2026-11-25T01:00:00.000Z',
  online: true,
  devices: { receiptPrinter: { state: 'paper-out' } },
  outboxDepth: 0,
  uptimeSeconds: 60,
  versions: { app: '0.1.0', config: 0 },
  latestConfigVersion: 0,
};

describe('event bus audiences', () => {
  it('sends fleet events to fleet streams of the hall only, and never to a kiosk', async () => {
    db = openCentralDatabase(':memory:');
    const clock = new ManualClock();
    const bus = new EventBus(db, clock);
    const got = { kiosk: [] as LiveEvent[], fleetSc: [] as LiveEvent[], fleetCity: [] as LiveEvent[] };
    bus.subscribe(
      { hallId: 'HALL-SC-01', terminalId: 'KIOSK-SC-03', lastSent: 0, deliver: (e) => got.kiosk.push(e) },
      undefined,
    );
    bus.subscribe(
      { fleetReaches: (h) => h === 'HALL-SC-01', lastSent: 0, deliver: (e) => got.fleetSc.push(e) },
      undefined,
    );
    bus.subscribe(
      { fleetReaches: (h) => h === 'HALL-CITY-01', lastSent: 0, deliver: (e) => got.fleetCity.push(e) },
      undefined,
    );

    bus.publish({ type: 'fleet.kiosk-changed', hallId: 'HALL-SC-01', data: { reason: 'heartbeat', kiosk } });
    bus.publish({ type: 'catalogue.changed', data: { version: 2 } });
    await Promise.resolve();

    expect(got.kiosk.map((e) => e.type)).toEqual(['catalogue.changed']);
    expect(got.fleetSc.map((e) => e.type)).toEqual(['fleet.kiosk-changed']);
    expect(got.fleetCity).toEqual([]);
  });

  it('purges fleet events after minutes, keeping the newest event and the kiosks’ week of events', async () => {
    db = openCentralDatabase(':memory:');
    const clock = new ManualClock();
    const bus = new EventBus(db, clock);
    bus.publish({ type: 'catalogue.changed', data: { version: 2 } });
    bus.publish({ type: 'fleet.kiosk-changed', hallId: 'HALL-SC-01', data: { reason: 'heartbeat', kiosk } });
    bus.publish({ type: 'fleet.kiosk-changed', hallId: 'HALL-SC-01', data: { reason: 'heartbeat', kiosk } });
    await clock.advance(11 * 60 * 1000);
    expect(bus.purgeFleetEvents()).toBe(1);
    const left = db.prepare('SELECT type FROM live_events ORDER BY seq').all();
    expect(left).toEqual([{ type: 'catalogue.changed' }, { type: 'fleet.kiosk-changed' }]);
  });
});
