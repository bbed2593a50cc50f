import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../domain/clock';
import { SdtCardReader } from '../../drivers/id-card-reader/sdt-reader';
import {
  sampleIdentity,
  samplePhoto,
  SimulatedSdtCardDevice,
} from '../../drivers/id-card-reader/simulated-sdt-device';
import { EscPosPrinter } from '../../drivers/printer/escpos-printer';
import { SimulatedEscPosPrinter } from '../../drivers/printer/simulated-escpos-printer';
import { startLinkedPtyPair } from '../../drivers/test-support/socat-pty';
import { SerialTransport } from '../../drivers/transports/serial-transport';
import { transportAsDeviceEnd } from '../../drivers/transports/simulated-link';

// Real serial ports: the drivers run over SerialTransport on one end of a socat PTY pair and the
// simulators sit on the other end, so termios, chunking and timing are the kernel's, not ours.
const BAUD = 115200;

const dir = mkdtempSync(join(tmpdir(), 'kiosk-serial-'));
let pairs = 0;

async function pair() {
  const n = ++pairs;
  const links: [string, string] = [join(dir, `host-${n}`), join(dir, `dev-${n}`)];
  const proc = await startLinkedPtyPair(links);
  const host = new SerialTransport({ path: links[0], baudRate: BAUD });
  const deviceSide = new SerialTransport({ path: links[1], baudRate: BAUD });
  await deviceSide.open();
  return { proc, host, deviceSide };
}

describe('SDT reader over a real serial PTY pair', () => {
  let ctx: Awaited<ReturnType<typeof pair>>;
  let device: SimulatedSdtCardDevice;
  let reader: SdtCardReader;

  beforeAll(async () => {
    ctx = await pair();
    device = new SimulatedSdtCardDevice(transportAsDeviceEnd(ctx.deviceSide));
    reader = new SdtCardReader(ctx.host, { clock: systemClock });
  });

  afterAll(async () => {
    reader?.dispose();
    await ctx?.host.close();
    await ctx?.deviceSide.close();
    ctx?.proc.kill();
  });

  it('reads a card through SerialTransport, opening the port lazily', async () => {
    expect(ctx.host.isOpen).toBe(false);
    const identity = sampleIdentity({ validTo: 'long-term' });
    device.placeCard(identity);
    expect(await reader.readCard()).toEqual({ ok: true, card: { identity, photo: samplePhoto() } });
    expect(ctx.host.isOpen).toBe(true);
  });

  it('reports no card, a checksum fault, and survives garbage', async () => {
    device.removeCard();
    expect(await reader.readCard()).toMatchObject({ ok: false, error: 'no-card' });
    device.placeCard(sampleIdentity());
    device.injectFault('checksum-error');
    expect(await reader.readCard()).toMatchObject({ ok: false, error: 'checksum' });
    device.injectFault('garbage-before-frame');
    expect((await reader.readCard()).ok).toBe(true);
  });

  it('times out on real time when the device stays silent', async () => {
    const quick = new SdtCardReader(ctx.host, { clock: systemClock, responseTimeoutMs: 200 });
    device.injectFault('no-response');
    expect(await quick.findCard()).toMatchObject({ ok: false, error: 'timeout' });
    quick.dispose();
  });
});

describe('ESC/POS printer over a real serial PTY pair', () => {
  let ctx: Awaited<ReturnType<typeof pair>>;

  beforeAll(async () => {
    ctx = await pair();
  });

  afterAll(async () => {
    await ctx?.host.close();
    await ctx?.deviceSide.close();
    ctx?.proc.kill();
  });

  it('prints a Chinese ticket with a QR code and reads status', async () => {
    const sim = new SimulatedEscPosPrinter(transportAsDeviceEnd(ctx.deviceSide));
    const printer = new EscPosPrinter(ctx.host, { clock: systemClock, paperWidthMm: 80 });
    const result = await printer.print(
      {
        blocks: [
          { kind: 'text', text: '请到 3 号窗口', align: 'center' },
          { kind: 'qr', data: 'https://gov.example/q/A012' },
          { kind: 'cut', partial: true },
        ],
      },
      { jobId: 'pty-1' },
    );
    expect(result).toMatchObject({ ok: true });
    expect(sim.paperLines()).toEqual(['请到 3 号窗口', '[QR] https://gov.example/q/A012', '[CUT]']);
    sim.setState('paper-out');
    expect(await printer.status()).toEqual({ state: 'paper-out' });
    printer.dispose();
  });
});
