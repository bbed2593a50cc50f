import { describe, expect, it } from 'vitest';
import { settle } from '../test-support/settle';
import { createSimulatedLink } from './simulated-link';

describe('createSimulatedLink', () => {
  it('delivers asynchronously, never inside write()', async () => {
    const link = createSimulatedLink('test');
    const got: number[] = [];
    link.device.onHostData((c) => got.push(...c));
    await link.host.open();
    const p = link.host.write(Uint8Array.of(1, 2, 3));
    expect(got).toEqual([]);
    await p;
    await settle();
    expect(got).toEqual([1, 2, 3]);
  });

  it('splits chunks into pieces in order when asked', async () => {
    const link = createSimulatedLink('test', { maxChunkSize: 2 });
    const pieces: number[][] = [];
    link.host.onData((c) => pieces.push([...c]));
    await link.host.open();
    link.device.sendToHost(Uint8Array.of(1, 2, 3, 4, 5));
    await settle();
    expect(pieces).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('copies data so later mutation by the sender does not leak', async () => {
    const link = createSimulatedLink('test');
    const got: number[] = [];
    link.host.onData((c) => got.push(...c));
    await link.host.open();
    const data = Uint8Array.of(9);
    link.device.sendToHost(data);
    data[0] = 0;
    await settle();
    expect(got).toEqual([9]);
  });

  it('unplug makes writes and opens fail and reports onError once', async () => {
    const link = createSimulatedLink('sim reader');
    const errors: string[] = [];
    link.host.onError((e) => errors.push(e.message));
    await link.host.open();
    link.unplug();
    link.unplug();
    expect(errors).toHaveLength(1);
    expect(link.host.isOpen).toBe(false);
    await expect(link.host.write(Uint8Array.of(1))).rejects.toThrow(/unplugged/);
    await expect(link.host.open()).rejects.toThrow(/unplugged/);
    link.replug();
    await link.host.open();
    expect(link.host.isOpen).toBe(true);
  });

  it('drops device data while the host is closed, like a real port', async () => {
    const link = createSimulatedLink('test');
    const got: number[] = [];
    link.host.onData((c) => got.push(...c));
    link.device.sendToHost(Uint8Array.of(1));
    await settle();
    expect(got).toEqual([]);
  });
});
