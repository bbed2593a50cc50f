import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../domain/clock';
import { CARD_FIXTURES } from '../../../drivers/id-card-reader/card-fixtures';
import { advanceSettled } from '../../../drivers/test-support/settle';
import { kioskConfigSchema } from '../../../kiosk-config/schema';
import { createTestLogger } from '../logging/logger';
import { discoverDevices } from './device-discovery';
import { DeviceConflictError, KioskDevices } from './kiosk-devices';

function devices(devicesConfig: object = {}) {
  const clock = new ManualClock();
  const logger = createTestLogger();
  const config = kioskConfigSchema.parse({ devices: devicesConfig });
  const d = new KioskDevices(config, { clock, logger });
  const events: string[] = [];
  d.start({
    onCard: (c) => events.push(`card:${c.identity.cardType}`),
    onRemoved: () => events.push('removed'),
    onReadError: (e) => events.push(`error:${e}`),
  });
  return { clock, logger, d, events };
}

describe('KioskDevices as device manager', () => {
  it('defaults: reader and shared printer ready; no scanner, no own ticket printer', async () => {
    const { clock, d } = devices();
    await advanceSettled(clock, 100);
    expect(d.status()).toEqual({ idCardReader: { state: 'ready' }, receiptPrinter: { state: 'ready' } });
    d.stop();
  });

  it('logs a status on change only, counts, and shows the printer back within one poll', async () => {
    const { clock, logger, d } = devices();
    await advanceSettled(clock, 100);
    d.simulatedPrinter!.setState('paper-near-end');
    await advanceSettled(clock, 5000, 100);
    d.simulatedPrinter!.setState('ready');
    await advanceSettled(clock, 1000, 100);
    const printerLines = logger.lines.filter((l) => l.includes('"receiptPrinter"'));
    expect(printerLines.map((l) => JSON.parse(l).state)).toEqual(['ready', 'paper-near-end', 'ready']);
    d.stop();
  });

  it('reader replug: disconnected, then ready and reading within 2 s', async () => {
    const { clock, d, events } = devices();
    await advanceSettled(clock, 100);
    d.simulatedReaderLink!.unplug();
    await advanceSettled(clock, 700);
    expect(d.status().idCardReader.state).toBe('disconnected');
    d.simulatedReaderLink!.replug();
    d.simulatedCard!.placeCard(CARD_FIXTURES['hmt-permit']);
    const replugAt = clock.now();
    while (d.status().idCardReader.state !== 'ready' && clock.now() - replugAt < 2000)
      await advanceSettled(clock, 50);
    expect(clock.now() - replugAt).toBeLessThanOrEqual(2000);
    await advanceSettled(clock, 400);
    expect(events).toEqual(['error:disconnected', 'card:hmt-residence-permit']);
    expect(d.counters().idCardReader).toMatchObject({ reads: 1, reconnects: 1 });
    d.stop();
  });

  it('wires a simulated scanner, an own presenter printer and a button panel; self-test passes', async () => {
    const { clock, d } = devices({
      qrScanner: { mode: 'hid-pos' },
      ticketDispenser: {
        printer: 'own',
        presenter: { takenDetection: {} },
        buttonPanel: { transport: { kind: 'simulated' } },
      },
    });
    const scans: string[] = [];
    d.onScan((s) => scans.push(s.text));
    await advanceSettled(clock, 1100, 100);
    expect(d.status()).toMatchObject({
      qrScanner: { state: 'ready' },
      ticketPrinter: { state: 'ready' },
      buttonPanel: { state: 'ready' },
    });
    (d.simulatedScanner as { scan(t: string): void }).scan('A012');
    await advanceSettled(clock, 50);
    expect(scans).toEqual(['A012']);
    const results = await d.selfTest();
    expect(results.map((r) => [r.device, r.ok])).toEqual([
      ['idCardReader', true],
      ['receiptPrinter', true],
      ['ticketPrinter', true],
      ['buttonPanel', true],
      ['qrScanner', true],
    ]);
    d.simulatedCard!.placeCard(CARD_FIXTURES.elderly);
    await advanceSettled(clock, 400);
    expect(d.counters().idCardReader?.reads).toBe(1);
    expect(d.counters().qrScanner?.scans).toBe(1);
    expect(d.paperPreview()).toMatch(/^data:image\/svg\+xml;base64,/);
    d.stop();
  });

  it('refuses two devices on one port, naming both', () => {
    const config = kioskConfigSchema.parse({
      devices: {
        receiptPrinter: { transport: { kind: 'serial', path: '/dev/serial/by-id/p' } },
        ticketDispenser: { printer: 'own', transport: { kind: 'serial', path: '/dev/serial/by-id/p' } },
      },
    });
    expect(() => new KioskDevices(config, { clock: new ManualClock(), logger: createTestLogger() })).toThrow(
      DeviceConflictError,
    );
  });

  it('a HID device without node-hid reports disconnected with the reason, not a crash', async () => {
    const config = kioskConfigSchema.parse({
      devices: { idCardReader: { transport: { kind: 'hid', vendorId: 1, productId: 2 } } },
    });
    const clock = new ManualClock();
    const d = new KioskDevices(config, {
      clock,
      logger: createTestLogger(),
      hidBackend: () => ({ ok: false, detail: 'node-hid unavailable: libusb missing' }),
    });
    expect(await d.reader.findCard()).toMatchObject({ ok: false, error: 'disconnected' });
  });
});

describe('discovery', () => {
  it('lists serial ports with their by-id names and HID devices by VID/PID', async () => {
    const result = await discoverDevices({
      listSerial: async () => [{ path: '/dev/ttyUSB0', vendorId: '1a86', productId: '7523' }],
      serialByIdDir: '/nonexistent',
      hidBackend: () => ({
        ok: true,
        backend: {
          devices: () => [{ path: '/dev/hidraw3', vendorId: 0x0c2e, productId: 0x0b61, usagePage: 0x8c }],
          open: () => {
            throw new Error('no');
          },
        },
      }),
    });
    expect(result).toEqual({
      serial: [
        {
          path: '/dev/ttyUSB0',
          vendorId: '1a86',
          productId: '7523',
          serialNumber: undefined,
          manufacturer: undefined,
        },
      ],
      hid: [
        { vendorId: 0x0c2e, productId: 0x0b61, usagePage: 0x8c, serialNumber: undefined, product: undefined },
      ],
    });
  });
});
