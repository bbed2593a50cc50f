import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../domain/clock';
import { EscPosPrinter } from '../printer/escpos-printer';
import { SimulatedEscPosPrinter } from '../printer/simulated-escpos-printer';
import type { SimulatedDeviceEnd } from './simulated-link';
import { TcpTransport } from './tcp-transport';

// A network printer on 127.0.0.1: each connection gets a simulated printer speaking ESC/POS.
let server: Server | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

async function startPrinterServer(): Promise<{ port: number; printers: SimulatedEscPosPrinter[] }> {
  const printers: SimulatedEscPosPrinter[] = [];
  server = createServer((socket) => {
    sockets.push(socket);
    const end: SimulatedDeviceEnd = {
      onHostData: (l) => {
        socket.on('data', (b: Buffer) => l(new Uint8Array(b)));
        return () => undefined;
      },
      sendToHost: (d) => void socket.write(d),
      unplug: () => socket.destroy(),
    };
    printers.push(new SimulatedEscPosPrinter(end));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return { port: (server!.address() as { port: number }).port, printers };
}

describe('TcpTransport (raw port 9100 printers)', () => {
  it('prints and reads status, then reconnects after the printer drops the connection', async () => {
    const { port, printers } = await startPrinterServer();
    const transport = new TcpTransport({ host: '127.0.0.1', port });
    const printer = new EscPosPrinter(transport, { clock: systemClock, paperWidthMm: 58 });
    const job = { blocks: [{ kind: 'text' as const, text: '网络打印机' }, { kind: 'cut' as const }] };
    expect(await printer.print(job, { jobId: 'n1' })).toMatchObject({ ok: true });
    expect(printers[0]!.paperLines()).toEqual(['网络打印机', '[CUT]']);
    sockets[0]!.destroy();
    // Wait for the close to arrive, not for a guessed time.
    await vi.waitFor(() => expect(transport.isOpen).toBe(false));
    expect(await printer.status()).toEqual({ state: 'ready', paperNearEnd: false });
    expect(printers).toHaveLength(2);
    printer.dispose();
    await transport.close();
  });

  it('reports a refused connection as an error, not a crash', async () => {
    const transport = new TcpTransport({ host: '127.0.0.1', port: 1, connectTimeoutMs: 500 });
    const printer = new EscPosPrinter(transport, { clock: systemClock, paperWidthMm: 80 });
    expect(await printer.status()).toMatchObject({ state: 'disconnected' });
  });
});
