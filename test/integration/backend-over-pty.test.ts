import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sampleIdentity, SimulatedSdtCardDevice } from '../../drivers/id-card-reader/simulated-sdt-device';
import { SimulatedEscPosPrinter } from '../../drivers/printer/simulated-escpos-printer';
import { SimulatedSerialScanner } from '../../drivers/qr-scanner/simulated-scanner';
import { startLinkedPtyPair, stopPty } from '../../drivers/test-support/socat-pty';
import { SerialTransport } from '../../drivers/transports/serial-transport';
import { transportAsDeviceEnd } from '../../drivers/transports/simulated-link';
import { registerApiRoutes } from '../../electron/backend/api/routes';
import { startKiosk, type Kiosk } from '../../electron/backend/kiosk';
import { createTestLogger } from '../../electron/backend/logging/logger';
import { parseConfig } from '../../kiosk-config/load-config';

// The whole backend configured for real serial devices: the reader and the printer are serial
// ports (PTYs through the real serialport binding), with the simulators on the far ends.
const dir = mkdtempSync(join(tmpdir(), 'kiosk-backend-pty-'));
const procs: ChildProcess[] = [];
const deviceSides: SerialTransport[] = [];

async function serialDevice(name: string) {
  const links: [string, string] = [join(dir, `${name}-host`), join(dir, `${name}-dev`)];
  procs.push(await startLinkedPtyPair(links));
  const deviceSide = new SerialTransport({ path: links[1], baudRate: 115200 });
  await deviceSide.open();
  deviceSides.push(deviceSide);
  return { hostPath: links[0], end: transportAsDeviceEnd(deviceSide) };
}

describe('the kiosk backend with serial devices over PTYs (reader, printer, scanner)', () => {
  let kiosk: Kiosk;
  let app: FastifyInstance;
  let card: SimulatedSdtCardDevice;
  let printer: SimulatedEscPosPrinter;
  let scanner: SimulatedSerialScanner;
  const logger = createTestLogger();

  beforeAll(async () => {
    const reader = await serialDevice('reader');
    const paper = await serialDevice('printer');
    const scans = await serialDevice('scanner');
    scanner = new SimulatedSerialScanner(scans.end);
    card = new SimulatedSdtCardDevice(reader.end);
    printer = new SimulatedEscPosPrinter(paper.end);
    kiosk = await startKiosk(
      parseConfig({
        dataDir: join(dir, 'data'),
        devices: {
          idCardReader: { transport: { kind: 'serial', path: reader.hostPath }, pollIntervalMs: 100 },
          receiptPrinter: { transport: { kind: 'serial', path: paper.hostPath } },
          qrScanner: { mode: 'serial', transport: { kind: 'serial', path: scans.hostPath } },
        },
      }),
      { logger },
    );
    app = Fastify();
    registerApiRoutes(app, kiosk);
  });

  afterAll(async () => {
    await app?.close();
    await kiosk?.close();
    for (const side of deviceSides) await side.close();
    for (const proc of procs) await stopPty(proc);
  });

  const state = async () => (await app.inject({ url: '/api/state' })).json().state;

  it('reads a placed card into a masked session and prints the ticket on the serial printer', async () => {
    expect((await state()).simulated).toBe(false);
    card.placeCard(sampleIdentity({ name: '赵六', idNumber: '11010519491231002X', birthDate: '1990-05-01' }));
    await vi.waitFor(async () => expect((await state()).citizen?.maskedName).toBe('赵*'), { timeout: 5_000 });

    const res = await app.inject({ method: 'POST', url: '/api/queue/tickets', payload: { category: 'A' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().ticket).toMatchObject({ number: 'A001', printed: true });
    await vi.waitFor(() => expect(printer.paperLines().at(-1)).toBe('[CUT]'));
    expect(printer.paperLines().join('\n')).toContain('A001');

    card.removeCard();
    await vi.waitFor(async () => expect((await state()).citizen).toBeNull(), { timeout: 5_000 });
  });

  it('refuses to print with the paper out, keeping the number, and prints again after recovery', async () => {
    printer.setState('paper-out');
    card.placeCard(sampleIdentity({ name: '钱七', idNumber: '110105194912310038', birthDate: '1985-02-03' }));
    await vi.waitFor(async () => expect((await state()).citizen?.maskedName).toBe('钱*'), { timeout: 5_000 });
    const refused = await app.inject({
      method: 'POST',
      url: '/api/queue/tickets',
      payload: { category: 'B' },
    });
    expect(refused.statusCode).toBe(503);
    expect(refused.json().error).toMatchObject({ code: 'printer-paper-out', ticket: { number: 'B001' } });
    expect((await state()).devices.receiptPrinter.state).toBe('paper-out');

    printer.setState('ready');
    const next = await app.inject({ method: 'POST', url: '/api/queue/tickets', payload: { category: 'C' } });
    expect(next.json().ticket).toMatchObject({ number: 'C001', printed: true });
    expect(logger.lines.join('\n')).not.toContain('钱七');
  });

  it('delivers scans from the serial scanner as events, and skips a garbled one', async () => {
    const seen: string[] = [];
    kiosk.devices.onScan((scan) => seen.push(scan.text));
    scanner.sendGarbage();
    scanner.scan('appt:K7Q2M9');
    await vi.waitFor(() => expect(seen).toEqual(['appt:K7Q2M9']), { timeout: 5_000 });
  });
});
