import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../domain/clock';
import { CARD_FIXTURES } from '../../drivers/id-card-reader/card-fixtures';
import { CardWatcher } from '../../drivers/id-card-reader/card-watcher';
import { SdtCardReader } from '../../drivers/id-card-reader/sdt-reader';
import {
  sampleFingerprint,
  samplePhoto,
  SimulatedSdtCardDevice,
} from '../../drivers/id-card-reader/simulated-sdt-device';
import { EscPosPrinter } from '../../drivers/printer/escpos-printer';
import { SimulatedEscPosPrinter } from '../../drivers/printer/simulated-escpos-printer';
import { startLinkedPtyPair, stopPty } from '../../drivers/test-support/socat-pty';
import { SerialTransport } from '../../drivers/transports/serial-transport';
import { transportAsDeviceEnd } from '../../drivers/transports/simulated-link';

// Real serial ports at 115200 through the real serialport binding; the device side is a simulator
// on the other PTY. Unplug = kill socat; replug = socat again under the same stable link names.
const BAUD = 115200;
const dir = mkdtempSync(join(tmpdir(), 'kiosk-pty-'));
const procs: ChildProcess[] = [];
afterAll(async () => {
  for (const p of procs) await stopPty(p);
});

async function plug(name: string) {
  const links: [string, string] = [join(dir, `${name}-host`), join(dir, `${name}-dev`)];
  const proc = await startLinkedPtyPair(links);
  procs.push(proc);
  const deviceSide = new SerialTransport({ path: links[1], baudRate: BAUD });
  await deviceSide.open();
  return { proc, hostPath: links[0], deviceSide };
}

describe('SDT reader over a PTY: fingerprint read, every fault, unplug and replug', () => {
  it('reads with fingerprint and returns typed faults', async () => {
    const { hostPath, deviceSide, proc } = await plug('faults');
    const sim = new SimulatedSdtCardDevice(transportAsDeviceEnd(deviceSide));
    const host = new SerialTransport({ path: hostPath, baudRate: BAUD });
    const reader = new SdtCardReader(host, { clock: systemClock, responseTimeoutMs: 300 });
    sim.placeCard(CARD_FIXTURES.foreigner, samplePhoto(), sampleFingerprint());
    const r = await reader.readCardWithFingerprint();
    expect(r).toEqual({
      ok: true,
      card: { identity: CARD_FIXTURES.foreigner, photo: samplePhoto(), fingerprint: sampleFingerprint() },
    });
    for (const [fault, error] of [
      ['checksum-error', 'checksum'],
      ['length-error', 'malformed'],
      ['sam-fault', 'sam-error'],
      ['no-response', 'timeout'],
      ['garbage-only', 'timeout'],
    ] as const) {
      sim.injectFault(fault);
      expect(await reader.readCard(), fault).toMatchObject({ ok: false, error });
      expect((await reader.readCard()).ok, `${fault} recovery`).toBe(true);
    }
    sim.injectStatus(0x66);
    expect(await reader.readCard()).toMatchObject({ ok: false, error: 'sam-error' });
    sim.injectFault('split-reply');
    sim.injectFault('garbage-before-frame');
    expect((await reader.readCard()).ok).toBe(true);
    sim.injectFault('remove-mid-read');
    expect(await reader.readCard()).toMatchObject({ ok: false, error: 'read-failed' });
    expect(await reader.readCard()).toMatchObject({ ok: false, error: 'no-card' });
    reader.dispose();
    await host.close();
    await deviceSide.close();
    await stopPty(proc);
  });

  it('unplug (kill the PTY) → disconnected; replug under the same name → card read again', async () => {
    let ctx = await plug('replug');
    let sim = new SimulatedSdtCardDevice(transportAsDeviceEnd(ctx.deviceSide));
    sim.placeCard(CARD_FIXTURES.elderly);
    const host = new SerialTransport({ path: ctx.hostPath, baudRate: BAUD });
    const reader = new SdtCardReader(host, { clock: systemClock, responseTimeoutMs: 300 });
    const watcher = new CardWatcher(reader, { clock: systemClock, pollIntervalMs: 100 });
    const events: string[] = [];
    const waitFor = (what: string) =>
      new Promise<void>((resolve) => {
        const check = setInterval(() => {
          if (events.includes(what)) {
            clearInterval(check);
            resolve();
          }
        }, 10);
      });
    watcher.on('card', (c) => events.push(`card:${c.identity.birthDate.slice(0, 4)}`));
    watcher.on('error', (e) => events.push(`error:${e.error}`));
    watcher.on('recovered', () => events.push('recovered'));
    watcher.start();
    await waitFor('card:1948');
    await stopPty(ctx.proc);
    await waitFor('error:disconnected');
    ctx = await plug('replug');
    sim = new SimulatedSdtCardDevice(transportAsDeviceEnd(ctx.deviceSide));
    const replugAt = Date.now();
    await waitFor('recovered');
    expect(Date.now() - replugAt).toBeLessThan(2000);
    watcher.stop();
    reader.dispose();
    await host.close();
    await ctx.deviceSide.close();
    void sim;
  });
});

describe('ESC/POS printer over a PTY: every status fault', () => {
  it('refuses typed, prints once after recovery, and survives an unplug', async () => {
    const ctx = await plug('printer');
    const sim = new SimulatedEscPosPrinter(transportAsDeviceEnd(ctx.deviceSide));
    const host = new SerialTransport({ path: ctx.hostPath, baudRate: BAUD });
    const printer = new EscPosPrinter(host, { clock: systemClock, paperWidthMm: 58, statusTimeoutMs: 300 });
    const job = { blocks: [{ kind: 'text' as const, text: '取号 A012' }, { kind: 'cut' as const }] };
    for (const state of ['paper-out', 'cover-open'] as const) {
      sim.setState(state);
      expect(await printer.print(job, { jobId: 'j1' })).toEqual({ ok: false, status: { state } });
    }
    sim.setState('offline');
    expect(await printer.print(job, { jobId: 'j1' })).toMatchObject({
      ok: false,
      status: { state: 'offline' },
    });
    sim.setState('paper-near-end');
    expect(await printer.status()).toEqual({ state: 'ready', paperNearEnd: true });
    expect(await printer.print(job, { jobId: 'j1' })).toMatchObject({ ok: true });
    expect(await printer.print(job, { jobId: 'j1' })).toEqual({ ok: true, alreadyPrinted: true });
    expect(sim.paperLines()).toEqual(['取号 A012', '[CUT]']);
    sim.injectFault('no-status-reply');
    expect(await printer.status()).toEqual({ state: 'ready', paperNearEnd: true });
    await stopPty(ctx.proc);
    expect(await printer.status()).toMatchObject({ state: 'disconnected' });
    printer.dispose();
    await host.close();
  });
});
