import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../domain/clock';
import { parseConfig } from '../../../kiosk-config/load-config';
import { startKiosk, type Kiosk } from '../kiosk';
import { createTestLogger } from '../logging/logger';
import { MAINTENANCE_TOKEN_HEADER } from './contract';
import { hashPin } from './pin-hash';
import { registerMaintenanceRoutes } from './routes';

const PIN = '135790';
const pinHash = await hashPin(PIN, { N: 2 ** 14, r: 8, p: 1 });

let kiosk: Kiosk | undefined;
let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  await kiosk?.close();
  app = kiosk = undefined;
});

async function start(devices: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-maint-a4-'));
  const file = {
    dataDir: join(dir, 'data'),
    store: { keyFile: join(dir, 'keys', 'store.key') },
    maintenance: { pinHash, idleExitSeconds: 60 },
    devices,
  };
  const configPath = join(dir, 'kiosk.json');
  writeFileSync(configPath, JSON.stringify(file));
  kiosk = await startKiosk(parseConfig(file), { clock: systemClock, logger: createTestLogger() });
  app = Fastify();
  registerMaintenanceRoutes(app, kiosk, {
    configPath,
    logFile: join(dir, 'kiosk.log'),
    exit: () => undefined,
  });
  await app.ready();
  const a = app;
  const token = (
    await a.inject({ method: 'POST', url: '/api/maintenance/login', payload: { pin: PIN } })
  ).json().token as string;
  const call = (method: 'GET' | 'POST', url: string) =>
    a.inject({ method, url, headers: { [MAINTENANCE_TOKEN_HEADER]: token } });
  return { kiosk, call };
}

describe('the A4 printer in maintenance', () => {
  it('is in the device list and the self-test, and prints its A4 test page', async () => {
    const { kiosk, call } = await start({ a4Printer: {} });
    const overview = (await call('GET', '/api/maintenance/overview')).json();
    expect(overview.devices.map((d: { name: string }) => d.name)).toContain('a4Printer');
    const selfTest = (await call('POST', '/api/maintenance/devices/self-test')).json();
    expect(selfTest.results).toContainEqual({ device: 'a4Printer', ok: true, detail: 'status ready' });

    const printed = await call('POST', '/api/maintenance/devices/test-print-a4');
    expect(printed.json()).toEqual({ ok: true, printed: true, detail: 'A4 test page printed' });
    const [page] = kiosk.devices.simulatedA4Printer!.output();
    const text = execFileSync('pdftotext', ['-', '-'], { input: page!.pdf, encoding: 'utf8' });
    expect(text).toContain('A4 printer test page');
    expect(text).toContain(kiosk.config.terminalId);
  }, 30_000);

  it('a jammed printer fails the test page plainly; a terminal without one answers not-found', async () => {
    const { kiosk, call } = await start({ a4Printer: {} });
    kiosk.devices.simulatedA4Printer!.setFault('jam');
    expect((await call('POST', '/api/maintenance/devices/test-print-a4')).json()).toEqual({
      ok: true,
      printed: false,
      detail: 'not printed: A4 printer jam',
    });
    expect(kiosk.devices.simulatedA4Printer!.printJobRequests).toBe(0);
    await app?.close();
    await kiosk.close();
    const none = await start({});
    const r = await none.call('POST', '/api/maintenance/devices/test-print-a4');
    expect(r.statusCode).toBe(404);
  }, 30_000);
});
