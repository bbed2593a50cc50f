import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/clock';
import { advanceSettled } from '../test-support/settle';
import { createSimulatedLink } from '../transports/simulated-link';
import { CardWatcher, FAULTY_AFTER_FAILED_READS } from './card-watcher';
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
  watcher.on('faulty', (e) => events.push(`faulty ${e.error} ${e.failures}`));
  watcher.on('recovered', () => events.push('recovered'));
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
    await advanceSettled(clock, POLL_MS * 5 * FAULTY_AFTER_FAILED_READS);
    // The card's own fault, however long it lies there: the reader works, so it is not faulty.
    expect(events).toEqual(['error invalid-id-number']);

    device.placeCard(sampleIdentity());
    await advanceSettled(clock, POLL_MS * 2);
    expect(events).toEqual([
      'error invalid-id-number',
      'recovered',
      `card ${sampleIdentity().idNumber.slice(-4)}`,
    ]);
    watcher.stop();
  });

  it('retries after a one-shot fault and reads the card on the next poll', async () => {
    const { clock, device, watcher, events } = setup();
    device.placeCard(sampleIdentity());
    device.injectFault('checksum-error');
    watcher.start();
    await advanceSettled(clock, POLL_MS * 2);
    expect(events).toEqual(['error checksum', 'recovered', `card ${sampleIdentity().idNumber.slice(-4)}`]);
    watcher.stop();
  });

  it('reports a reader timeout and keeps polling', async () => {
    const { clock, device, watcher, events } = setup();
    device.placeCard(sampleIdentity());
    device.injectFault('no-response');
    watcher.start();
    await advanceSettled(clock, 3000 + POLL_MS * 2);
    expect(events).toEqual(['error timeout', 'recovered', `card ${sampleIdentity().idNumber.slice(-4)}`]);
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

  const A = sampleIdentity({ name: '张三' });
  const B = sampleIdentity({ name: '李四', idNumber: '11010519491231002X' });

  it('confirm() sees a card swapped within one poll, which polling cannot, and reports it as a new card', async () => {
    const { clock, device, watcher, events } = setup();
    device.placeCard(A);
    watcher.start();
    await advanceSettled(clock, POLL_MS);
    device.removeCard();
    device.placeCard(B); // between two polls: "find card" answers as it did for A
    await advanceSettled(clock, POLL_MS * 4);
    expect(events).toEqual([`card ${A.idNumber.slice(-4)}`]);

    const read = await watcher.confirm();
    expect(read.ok && read.card.identity.idNumber).toBe(B.idNumber);
    expect(events).toEqual([`card ${A.idNumber.slice(-4)}`, `card ${B.idNumber.slice(-4)}`]);
    // The same card again is no new placement.
    await watcher.confirm();
    expect(events).toHaveLength(2);
    watcher.stop();
  });

  it('confirm() with the card gone reports the removal', async () => {
    const { clock, device, watcher, events } = setup();
    device.placeCard(A);
    watcher.start();
    await advanceSettled(clock, POLL_MS);
    device.removeCard();
    expect(await watcher.confirm()).toMatchObject({ ok: false, error: 'no-card' });
    expect(events).toEqual([`card ${A.idNumber.slice(-4)}`, 'removed']);
    watcher.stop();
  });

  it('after an error the card on the reader is read afresh: the same card is a new placement', async () => {
    const { clock, device, watcher, events } = setup();
    device.placeCard(A);
    watcher.start();
    await advanceSettled(clock, POLL_MS);
    device.injectFault('checksum-error'); // on the next "find card"
    await advanceSettled(clock, POLL_MS * 2);
    const a = `card ${A.idNumber.slice(-4)}`;
    expect(events).toEqual([a, 'error checksum', 'recovered', a]);
    watcher.stop();
  });

  it('a silent reader, then one back with another card: the error, then the other card', async () => {
    const { clock, device, watcher, events } = setup();
    device.placeCard(A);
    watcher.start();
    await advanceSettled(clock, POLL_MS);
    device.setSilent(true);
    await advanceSettled(clock, 3000 + POLL_MS);
    device.placeCard(B);
    device.setSilent(false);
    await advanceSettled(clock, 3000 + POLL_MS * 2);
    expect(events).toEqual([
      `card ${A.idNumber.slice(-4)}`,
      'error timeout',
      'recovered',
      `card ${B.idNumber.slice(-4)}`,
    ]);
    watcher.stop();
  });

  for (const [failing, error] of [
    ['checksum-error', 'checksum'],
    [{ sw3: 0x41 }, 'read-failed'],
  ] as const) {
    it(`is faulty after ${FAULTY_AFTER_FAILED_READS} failed reads in a row (${error}), once, and recovers`, async () => {
      const { clock, device, watcher, events } = setup();
      device.placeCard(A);
      device.setFailing(failing);
      watcher.start();
      await advanceSettled(clock, POLL_MS * (FAULTY_AFTER_FAILED_READS - 2));
      expect(events).toEqual([`error ${error}`]);
      expect(watcher.consecutiveFailures).toBe(FAULTY_AFTER_FAILED_READS - 1);
      await advanceSettled(clock, POLL_MS * 5);
      expect(events).toEqual([`error ${error}`, `faulty ${error} ${FAULTY_AFTER_FAILED_READS}`]);
      device.setFailing(undefined);
      await advanceSettled(clock, POLL_MS);
      expect(events.slice(2)).toEqual(['recovered', `card ${A.idNumber.slice(-4)}`]);
      expect(watcher.consecutiveFailures).toBe(0);
      watcher.stop();
    });
  }
});
