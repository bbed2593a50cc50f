import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/clock';
import { advanceSettled } from '../test-support/settle';
import { createSimulatedLink } from '../transports/simulated-link';
import { CARD_FIXTURES } from './card-fixtures';
import { CardWatcher } from './card-watcher';
import { encodeCommand, encodeResponse, FrameParser } from './sdt-frame';
import { DEFAULT_RESPONSE_TIMEOUT_MS, SdtCardReader } from './sdt-reader';
import { SW3_TABLE } from './sdt-status';
import { sampleFingerprint, samplePhoto, SimulatedSdtCardDevice } from './simulated-sdt-device';

function rig(maxChunkSize?: number) {
  const clock = new ManualClock();
  const link = createSimulatedLink('sim reader', { maxChunkSize });
  const sim = new SimulatedSdtCardDevice(link.device);
  const reader = new SdtCardReader(link.host, { clock });
  return { clock, link, sim, reader };
}

describe('card fixtures', () => {
  it.each(Object.entries(CARD_FIXTURES))('reads the %s card back exactly', async (_name, identity) => {
    const { sim, reader } = rig(7);
    sim.placeCard(identity);
    expect(await reader.readCard()).toEqual({ ok: true, card: { identity, photo: samplePhoto() } });
  });

  it('reads fingerprints, and an empty block from a card without them', async () => {
    const { sim, reader } = rig();
    sim.placeCard(CARD_FIXTURES.elderly, samplePhoto(), sampleFingerprint());
    const r = await reader.readCardWithFingerprint();
    expect(r.ok && r.card.fingerprint).toEqual(sampleFingerprint());
    sim.placeCard(CARD_FIXTURES.resident);
    const empty = await reader.readCardWithFingerprint();
    expect(empty.ok && empty.card.fingerprint).toEqual(new Uint8Array(0));
  });
});

describe('every injected reader fault gives a typed result, and the next read recovers', () => {
  it.each([
    ['checksum-error', 'checksum'],
    ['remove-mid-read', 'read-failed'],
    ['sam-fault', 'sam-error'],
    ['length-error', 'malformed'],
  ] as const)('%s → %s', async (fault, error) => {
    const { sim, reader } = rig();
    sim.placeCard(CARD_FIXTURES.resident);
    sim.injectFault(fault);
    const failed = await reader.readCard();
    expect(failed).toMatchObject({ ok: false, error });
    // Details go to logs: they must never carry the card's personal data.
    const detail = failed.ok ? '' : failed.detail;
    for (const v of [CARD_FIXTURES.resident.name, CARD_FIXTURES.resident.idNumber])
      expect(detail).not.toContain(v);
    if (fault === 'remove-mid-read') sim.placeCard(CARD_FIXTURES.resident);
    expect((await reader.readCard()).ok).toBe(true);
  });

  it.each(SW3_TABLE.filter((e) => e.readError !== null).map((e) => [e.code, e.readError] as const))(
    'SW3 0x%s maps to %s',
    async (code, error) => {
      const { sim, reader } = rig();
      sim.placeCard(CARD_FIXTURES.resident);
      sim.injectStatus(code);
      expect(await reader.findCard()).toMatchObject({ ok: false, error });
      expect((await reader.readCard()).ok).toBe(true);
    },
  );

  it.each(['no-response', 'garbage-only'] as const)(
    '%s times out on the clock, then recovers',
    async (fault) => {
      const { clock, sim, reader } = rig();
      sim.placeCard(CARD_FIXTURES.resident);
      sim.injectFault(fault);
      const pending = reader.findCard();
      await advanceSettled(clock, DEFAULT_RESPONSE_TIMEOUT_MS);
      expect(await pending).toMatchObject({ ok: false, error: 'timeout' });
      expect((await reader.readCard()).ok).toBe(true);
    },
  );

  it('silence lasts until lifted', async () => {
    const { clock, sim, reader } = rig();
    sim.placeCard(CARD_FIXTURES.resident);
    sim.setSilent(true);
    const pending = reader.readCard();
    await advanceSettled(clock, DEFAULT_RESPONSE_TIMEOUT_MS);
    expect(await pending).toMatchObject({ ok: false, error: 'timeout' });
    sim.setSilent(false);
    expect((await reader.readCard()).ok).toBe(true);
  });

  it('garbage before a frame and a reply split at every byte still read', async () => {
    const { sim, reader } = rig();
    sim.placeCard(CARD_FIXTURES.foreigner);
    sim.injectFault('garbage-before-frame');
    sim.injectFault('split-reply');
    expect((await reader.readCard()).ok).toBe(true);
  });
});

describe('disconnect in every state (injected clock, no real waits)', () => {
  // The reader is unplugged when the Nth command arrives: find, select, read.
  it.each([1, 2, 3])('unplug at command %i → disconnected, replug → read', async (n) => {
    const { link, sim, reader } = rig();
    sim.placeCard(CARD_FIXTURES.resident);
    let seen = 0;
    link.device.onHostData(() => {
      if (++seen === n) link.unplug();
    });
    expect(await reader.readCard()).toMatchObject({ ok: false, error: 'disconnected' });
    link.replug();
    seen = -100;
    expect((await reader.readCard()).ok).toBe(true);
  });

  it('the watcher reports disconnected, then recovered and the card after a replug', async () => {
    const { clock, link, sim, reader } = rig();
    const watcher = new CardWatcher(reader, { clock, pollIntervalMs: 300 });
    const events: string[] = [];
    watcher.on('card', () => events.push('card'));
    watcher.on('error', (e) => events.push(`error:${e.error}`));
    watcher.on('recovered', () => events.push('recovered'));
    watcher.start();
    await advanceSettled(clock, 300);
    link.unplug();
    await advanceSettled(clock, 900);
    link.replug();
    sim.placeCard(CARD_FIXTURES.elderly);
    await advanceSettled(clock, 600);
    watcher.stop();
    expect(events).toEqual(['error:disconnected', 'recovered', 'card']);
  });
});

describe('FrameParser properties', () => {
  const frames = [
    encodeCommand('findCard'),
    encodeResponse(0x90, Uint8Array.of(1, 2, 3)),
    encodeResponse(0x9f),
  ];

  it('never throws on random bytes in random chunks', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 3000 }),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1 }),
        (bytes, cuts) => {
          const parser = new FrameParser();
          let i = 0;
          let k = 0;
          while (i < bytes.length) {
            const n = cuts[k++ % cuts.length]!;
            parser.push(bytes.subarray(i, i + n));
            i += n;
          }
          expect(parser.bufferedBytes).toBeLessThanOrEqual(4096 + 7);
        },
      ),
    );
  });

  it('finds every frame after garbage, however the stream is chunked', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }).filter((g) => !g.includes(0xaa)),
        fc.integer({ min: 1, max: 50 }),
        (garbage, chunk) => {
          const stream = Uint8Array.from([
            ...garbage,
            ...frames[0]!,
            ...garbage,
            ...frames[1]!,
            ...frames[2]!,
          ]);
          const parser = new FrameParser();
          const bodies: number[][] = [];
          for (let i = 0; i < stream.length; i += chunk) {
            for (const r of parser.push(stream.subarray(i, i + chunk))) if (r.ok) bodies.push([...r.body]);
          }
          expect(bodies).toHaveLength(3);
        },
      ),
    );
  });
});
