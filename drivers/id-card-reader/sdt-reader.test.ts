import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/clock';
import { settle } from '../test-support/settle';
import { createSimulatedLink } from '../transports/simulated-link';
import { encodeCardText } from './card-text';
import { encodeResponse } from './sdt-frame';
import { DEFAULT_RESPONSE_TIMEOUT_MS, SdtCardReader } from './sdt-reader';
import { sampleIdentity, samplePhoto, SimulatedSdtCardDevice } from './simulated-sdt-device';
import type { CardReadResult } from './types';

function setup(opts: { maxChunkSize?: number } = {}) {
  const clock = new ManualClock();
  const link = createSimulatedLink('simulated id-card-reader', opts);
  const device = new SimulatedSdtCardDevice(link.device);
  const reader = new SdtCardReader(link.host, { clock });
  const written: number[][] = [];
  link.device.onHostData((c) => written.push([...c]));
  return { clock, link, device, reader, written };
}

/** Personal data must never reach a log detail. */
function expectNoPersonalData(result: CardReadResult): void {
  const id = sampleIdentity();
  if (!result.ok) {
    for (const secret of [id.name, id.idNumber, id.address, id.idNumber.slice(6, 14)]) {
      expect(result.detail).not.toContain(secret);
    }
  }
}

describe('SdtCardReader against the simulated device', () => {
  it('reads a card: identity and raw photo', async () => {
    const { device, reader } = setup();
    const identity = sampleIdentity({ validTo: 'long-term' });
    device.placeCard(identity);
    const result = await reader.readCard();
    expect(result).toEqual({ ok: true, card: { identity, photo: samplePhoto() } });
  });

  it('reassembles a 1295-byte read frame delivered in 7-byte pieces', async () => {
    const { device, reader } = setup({ maxChunkSize: 7 });
    device.placeCard(sampleIdentity());
    const result = await reader.readCard();
    expect(result.ok).toBe(true);
  });

  it('reports no card', async () => {
    const { reader } = setup();
    const result = await reader.readCard();
    expect(result).toEqual({
      ok: false,
      error: 'no-card',
      detail: 'find card: SW3 0x80 (find card failed (no card))',
    });
  });

  it('reports a checksum error in the reader frame', async () => {
    const { device, reader } = setup();
    device.placeCard(sampleIdentity());
    device.injectFault('checksum-error');
    const result = await reader.readCard();
    expect(result).toMatchObject({ ok: false, error: 'checksum' });
    // One-shot: the next read works.
    expect((await reader.readCard()).ok).toBe(true);
  });

  it('resynchronises when garbage precedes the read frame', async () => {
    const { device, reader } = setup({ maxChunkSize: 5 });
    device.placeCard(sampleIdentity());
    await reader.findCard();
    await reader.selectCard();
    device.injectFault('garbage-before-frame');
    expect((await reader.readText()).ok).toBe(true);
  });

  it('times out on no response, using the injected clock only', async () => {
    const { clock, device, reader } = setup();
    device.placeCard(sampleIdentity());
    device.injectFault('no-response');
    let result: CardReadResult | undefined;
    void reader.readCard().then((r) => (result = r));
    await clock.advance(DEFAULT_RESPONSE_TIMEOUT_MS - 1);
    expect(result).toBeUndefined();
    await clock.advance(1);
    await settle();
    expect(result).toEqual({ ok: false, error: 'timeout', detail: 'findCard: no response within 3000 ms' });
    expect(clock.pendingTimers).toBe(0);
  });

  it('reports a card removed mid-read as read-failed and then no card', async () => {
    const { device, reader } = setup();
    device.placeCard(sampleIdentity());
    device.injectFault('remove-mid-read');
    const result = await reader.readCard();
    expect(result).toMatchObject({ ok: false, error: 'read-failed' });
    expectNoPersonalData(result);
    expect(device.hasCard).toBe(false);
    expect(await reader.readCard()).toMatchObject({ ok: false, error: 'no-card' });
  });

  it('maps a SAM fault to sam-error', async () => {
    const { device, reader } = setup();
    device.placeCard(sampleIdentity());
    device.injectFault('sam-fault');
    expect(await reader.readCard()).toMatchObject({
      ok: false,
      error: 'sam-error',
      detail: 'find card: SW3 0x60 (SAM self-test failed)',
    });
  });

  it('refuses a card whose ID number fails its check character, without logging it', async () => {
    const { device, reader } = setup();
    device.placeCard(sampleIdentity({ idNumber: '330106198001011230' }));
    const result = await reader.readCard();
    expect(result).toMatchObject({ ok: false, error: 'invalid-id-number' });
    expectNoPersonalData(result);
  });

  it('reports a malformed text block as malformed, without the field value in the detail', async () => {
    const clock = new ManualClock();
    const link = createSimulatedLink('hand-built reader');
    const text = encodeCardText(sampleIdentity());
    text.set(Buffer.from('19800199', 'utf16le'), 36);
    const data = new Uint8Array(4 + 256 + 1024);
    data.set([1, 0, 4, 0], 0);
    data.set(text, 4);
    const answers = [
      encodeResponse(0x9f, new Uint8Array(4)),
      encodeResponse(0x90, new Uint8Array(8)),
      encodeResponse(0x90, data),
    ];
    link.device.onHostData(() => {
      const next = answers.shift();
      if (next) link.device.sendToHost(next);
    });
    const result = await new SdtCardReader(link.host, { clock }).readCard();
    expect(result).toEqual({
      ok: false,
      error: 'malformed',
      detail: 'read card: resident field birthDate is malformed',
    });
  });

  it('reports a read reply with wrong block lengths as malformed', async () => {
    const clock = new ManualClock();
    const link = createSimulatedLink('hand-built reader');
    link.device.onHostData(() => link.device.sendToHost(encodeResponse(0x90, Uint8Array.of(1, 0, 2, 0))));
    const result = await new SdtCardReader(link.host, { clock }).readText();
    expect(result).toMatchObject({ ok: false, error: 'malformed' });
  });

  it('serialises concurrent requests: one frame in flight at a time', async () => {
    const { device, reader, written } = setup();
    device.placeCard(sampleIdentity());
    const results = await Promise.all([
      reader.readCard(),
      reader.samStatus(),
      reader.readSamId(),
      reader.findCard(),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true]);
    expect(written.map((w) => w[7])).toEqual([0x20, 0x20, 0x30, 0x11, 0x12, 0x20]);
    expect(results[2]).toMatchObject({ samId: expect.stringMatching(/^[0-9A-F]{32}$/) });
  });

  it('runs the SAM commands', async () => {
    const { reader } = setup();
    expect(await reader.resetSam()).toEqual({ ok: true });
    expect(await reader.samStatus()).toEqual({ ok: true });
  });

  it('reports disconnected on unplug, and works again after replug by reopening', async () => {
    const { device, reader, link } = setup();
    device.placeCard(sampleIdentity());
    expect((await reader.findCard()).ok).toBe(true);
    link.unplug();
    expect(await reader.readCard()).toMatchObject({ ok: false, error: 'disconnected' });
    link.replug();
    expect((await reader.readCard()).ok).toBe(true);
  });

  it('reports disconnected when the device is unplugged while a request waits', async () => {
    const { device, reader, link } = setup();
    device.placeCard(sampleIdentity());
    device.injectFault('no-response');
    const pending = reader.findCard();
    await settle();
    link.unplug();
    expect(await pending).toMatchObject({ ok: false, error: 'disconnected' });
  });
});
