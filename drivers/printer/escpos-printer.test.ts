import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/clock';
import { advanceSettled, settle } from '../test-support/settle';
import { createSimulatedLink } from '../transports/simulated-link';
import type { PrintDocument } from './document';
import {
  DEFAULT_STATUS_TIMEOUT_MS,
  EscPosPrinter,
  STATUS_ATTEMPTS,
  type PrintResult,
} from './escpos-printer';
import { SimulatedEscPosPrinter } from './simulated-escpos-printer';
import { statusBytesFor } from './escpos-status';

const doc: PrintDocument = {
  blocks: [
    { kind: 'text', text: '排队号 A012', align: 'center', size: { width: 2, height: 2 } },
    { kind: 'qr', data: 'A012' },
    { kind: 'cut' },
  ],
};
const PRINTED = ['排队号 A012', '[QR] A012', '[CUT]'];

function setup(maxChunkSize?: number) {
  const clock = new ManualClock();
  const link = createSimulatedLink('simulated printer', { maxChunkSize });
  const sim = new SimulatedEscPosPrinter(link.device);
  const printer = new EscPosPrinter(link.host, { clock, paperWidthMm: 80 });
  return { clock, link, sim, printer };
}

describe('EscPosPrinter with the simulated printer', () => {
  it('reads the status of every simulator state', async () => {
    const { sim, printer } = setup();
    expect(await printer.status()).toEqual({ state: 'ready', paperNearEnd: false });
    sim.setState('paper-near-end');
    expect(await printer.status()).toEqual({ state: 'ready', paperNearEnd: true });
    sim.setState('paper-out');
    expect(await printer.status()).toEqual({ state: 'paper-out' });
    sim.setState('cover-open');
    expect(await printer.status()).toEqual({ state: 'cover-open' });
    sim.setState('offline');
    expect(await printer.status()).toEqual({ state: 'offline', detail: 'offline' });
  });

  it('prints a job onto the simulated paper', async () => {
    const { sim, printer } = setup(16);
    const result = await printer.print(doc, { jobId: 'job-1' });
    expect(result).toMatchObject({ ok: true, bytes: expect.any(Number) });
    expect(sim.paperLines()).toEqual(PRINTED);
  });

  it('refuses on paper out, cover open and offline, sending no print data', async () => {
    const { sim, printer } = setup();
    for (const state of ['paper-out', 'cover-open', 'offline'] as const) {
      sim.setState(state);
      const result = await printer.print(doc, { jobId: `job-${state}` });
      expect(result).toMatchObject({ ok: false, status: { state } });
    }
    sim.setState('ready');
    expect(sim.paperLines()).toEqual([]);
    // A refused job is not remembered as printed.
    expect(await printer.print(doc, { jobId: 'job-paper-out' })).toMatchObject({
      ok: true,
      bytes: expect.any(Number),
    });
  });

  it('does not print a jobId twice unless asked to reprint', async () => {
    const { sim, printer } = setup();
    expect((await printer.print(doc, { jobId: 'job-7' })).ok).toBe(true);
    expect(await printer.print(doc, { jobId: 'job-7' })).toEqual({ ok: true, alreadyPrinted: true });
    expect(sim.paperLines()).toEqual(PRINTED);
    const again = await printer.print(doc, { jobId: 'job-7', reprint: true });
    expect(again).toMatchObject({ ok: true, bytes: expect.any(Number) });
    expect(sim.paperLines()).toEqual([...PRINTED, ...PRINTED]);
  });

  it('does not double-print when the same job is submitted twice concurrently', async () => {
    const { sim, printer } = setup();
    const [a, b] = await Promise.all([
      printer.print(doc, { jobId: 'j' }),
      printer.print(doc, { jobId: 'j' }),
    ]);
    expect(a.ok && 'bytes' in a).toBe(true);
    expect(b).toEqual({ ok: true, alreadyPrinted: true });
    expect(sim.paperLines()).toEqual(PRINTED);
  });

  it('reports disconnected when unplugged mid-job and lets the job be retried', async () => {
    const { sim, printer, link } = setup();
    sim.injectFault('unplug-mid-job');
    const result = await printer.print(doc, { jobId: 'job-u' });
    expect(result).toMatchObject({ ok: false, status: { state: 'disconnected' } });
    expect(sim.paperLines()).toEqual([]);
    link.replug();
    expect(await printer.print(doc, { jobId: 'job-u' })).toMatchObject({ ok: true });
    expect(sim.paperLines()).toEqual(PRINTED);
  });

  it('recovers from one missing status reply by unsticking with NULs and asking again', async () => {
    const { clock, sim, printer } = setup();
    sim.injectFault('no-status-reply');
    let status: unknown;
    void printer.status().then((s) => (status = s));
    await advanceSettled(clock, DEFAULT_STATUS_TIMEOUT_MS - 50);
    expect(status).toBeUndefined();
    await advanceSettled(clock, 100);
    expect(status).toEqual({ state: 'ready', paperNearEnd: false });
    expect(sim.paperLines()).toEqual([]); // the NUL run prints nothing
  });

  it('calls a printer that never answers offline after the retries', async () => {
    const clock = new ManualClock();
    const link = createSimulatedLink('mute printer');
    const printer = new EscPosPrinter(link.host, { clock, paperWidthMm: 58 });
    let result: PrintResult | undefined;
    void printer.print(doc, { jobId: 'x' }).then((r) => (result = r));
    await advanceSettled(clock, DEFAULT_STATUS_TIMEOUT_MS * STATUS_ATTEMPTS);
    await settle();
    expect(result).toEqual({
      ok: false,
      status: { state: 'offline', detail: 'no reply to DLE EOT 1 in 2 attempts of 2000 ms' },
    });
  });

  it('discards data sent while not ready, as real hardware does not print it', async () => {
    const { sim, link } = setup();
    await link.host.open();
    sim.setState('cover-open');
    await link.host.write(Uint8Array.from([...Buffer.from('lost'), 0x0a]));
    await settle();
    sim.setState('ready');
    await link.host.write(Uint8Array.from([...Buffer.from('kept'), 0x0a]));
    await settle();
    expect(sim.paperLines()).toEqual(['kept']);
  });

  it('answers a DLE EOT split across chunks and embedded in print data', async () => {
    const { sim, link } = setup(1);
    const replies: number[] = [];
    link.host.onData((c) => replies.push(...c));
    await link.host.open();
    await link.host.write(Uint8Array.from([0x41, 0x10, 0x04, 0x04, 0x42, 0x0a]));
    await settle();
    expect(replies).toEqual([statusBytesFor('ready').paper]);
    expect(sim.paperLines()).toEqual(['AB']);
  });
});
