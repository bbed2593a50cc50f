import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { advanceSettled } from '../test-support/settle';
import { createSimulatedLink } from '../transports/simulated-link';
import { CardWatcher } from './card-watcher';
import { SdtCardReader } from './sdt-reader';
import { sampleIdentity, SimulatedSdtCardDevice } from './simulated-sdt-device';

const POLL_MS = 500;

function setup() {
  const clock = new ManualClock();
  const link = createSimulatedLink('simulated id-card-reader');
  const device = new SimulatedSdtCardDevice(link.device);
  const reader = new SdtCardReader(link.host, { clock });
  const watcher = new CardWatcher(reader, { clock, pollIntervalMs: POLL_MS });
  const events: string[] = [];
  const commands: number[] = [];
  link.device.onHostData((c) => {
    if (c[7] !== undefined) commands.push(c[7]);
  });
  watcher.on('card', (card) => events.push(`card ${card.identity.idNumber.slice(-4)}`));
  watcher.on('removed', () => events.push('removed'));
  watcher.on('error', (e) => events.push(`error ${e.error}`));
  return { clock, link, device, reader, watcher, events, commands };
}

describe('CardWatcher', () => {
  it('reads once per placement and reports removal', async () => {
    const { clock, device, watcher, events, commands } = setup();
    watcher.start();
    await advanceSettled(clock, POLL_MS * 2);
    expect(events).toEqual([]);

    device.placeCard(sampleIdentity());
    await advanceSettled(clock, POLL_MS * 6);
    expect(events).toEqual([`card ${sampleIdentity().idNumber.slice(-4)}`]);
    // After the read only "find card" (0x20) runs: exactly one read command (0x30) was sent.
    expect(commands.filter((c) => c === 0x30)).toHaveLength(1);

    device.removeCard();
    await advanceSettled(clock, POLL_MS * 3);
    expect(events).toEqual([`card ${sampleIdentity().idNumber.slice(-4)}`, 'removed']);

    device.placeCard(sampleIdentity());
    await advanceSettled(clock, POLL_MS * 2);
    expect(events.filter((e) => e.startsWith('card'))).toHaveLength(2);
    watcher.stop();
  });

  it('reports an error once while it persists, then reads when it clears', async () => {
    const { clock, device, watcher, events } = setup();
    device.placeCard(sampleIdentity({ idNumber: '330106198001011230' }));
    watcher.start();
    await advanceSettled(clock, POLL_MS * 5);
    expect(events).toEqual(['error invalid-id-number']);

    device.placeCard(sampleIdentity());
    await advanceSettled(clock, POLL_MS * 2);
    expect(events).toEqual(['error invalid-id-number', `card ${sampleIdentity().idNumber.slice(-4)}`]);
    watcher.stop();
  });

  it('retries after a one-shot fault and reads the card on the next poll', async () => {
    const { clock, device, watcher, events } = setup();
    device.placeCard(sampleIdentity());
    device.injectFault('checksum-error');
    watcher.start();
    await advanceSettled(clock, POLL_MS * 2);
    expect(events).toEqual(['error checksum', `card ${sampleIdentity().idNumber.slice(-4)}`]);
    watcher.stop();
  });

  it('reports a reader timeout and keeps polling', async () => {
    const { clock, device, watcher, events } = setup();
    device.placeCard(sampleIdentity());
    device.injectFault('no-response');
    watcher.start();
    await advanceSettled(clock, 3000 + POLL_MS * 2);
    expect(events).toEqual(['error timeout', `card ${sampleIdentity().idNumber.slice(-4)}`]);
    watcher.stop();
  });

  it('stop() ends polling and silences a poll in flight', async () => {
    const { clock, device, watcher, events, commands } = setup();
    device.placeCard(sampleIdentity());
    device.injectFault('no-response');
    watcher.start();
    await clock.advance(0); // poll started, waiting for an answer that will not come
    watcher.stop();
    await advanceSettled(clock, 3000 + POLL_MS * 4); // past the reader timeout: no 'error timeout'
    expect(events).toEqual([]);
    expect(commands).toHaveLength(1);
    expect(watcher.running).toBe(false);
  });

  it('unsubscribes a listener', async () => {
    const { clock, device, watcher } = setup();
    const seen: string[] = [];
    const off = watcher.on('card', () => seen.push('card'));
    off();
    device.placeCard(sampleIdentity());
    watcher.start();
    await advanceSettled(clock, POLL_MS);
    expect(seen).toEqual([]);
    watcher.stop();
  });
});
