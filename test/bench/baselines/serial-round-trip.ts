import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { startLinkedPtyPair, stopPty } from '../../../drivers/test-support/socat-pty';
import { medianMs, quantile, type Baseline } from '../figure';

/**
 * Bare serialport over a socat PTY pair, the way the driver suites reach a device: the host end
 * writes a command's bytes, the device end reads them all and writes the answer's bytes, the host
 * end reads those. No framing, no checksums, no protocol: what the kernel, socat and serialport
 * cost for the same bytes.
 */
const BAUD = 115200;

/** An exchange: the host sends `out` bytes, the device answers with `back` bytes (none: a print job). */
export interface Exchange {
  out: number;
  back: number;
}

/** The SDT reader's find, select and read: 10-byte commands; 15-, 19- and 1295-byte answers. */
export const CARD_READ_EXCHANGES: readonly Exchange[] = [
  { out: 10, back: 15 },
  { out: 10, back: 19 },
  { out: 10, back: 1295 },
];

function openPort(path: string): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate: BAUD, autoOpen: false });
    port.open((err) => (err ? reject(err) : resolve(port)));
  });
}

function closePort(port: SerialPort): Promise<void> {
  return new Promise((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));
}

/** Resolves once `port` has received `bytes` more bytes. */
function receive(port: SerialPort, bytes: number): Promise<void> {
  return new Promise((resolve) => {
    if (bytes <= 0) return resolve();
    let got = 0;
    const onData = (chunk: Buffer) => {
      got += chunk.length;
      if (got >= bytes) {
        port.off('data', onData);
        resolve();
      }
    };
    port.on('data', onData);
  });
}

async function exchange(host: SerialPort, device: SerialPort, e: Exchange): Promise<void> {
  const atDevice = receive(device, e.out);
  host.write(Buffer.alloc(e.out, 0x5a));
  await atDevice;
  const atHost = receive(host, e.back);
  device.write(Buffer.alloc(e.back, 0xa5));
  await atHost;
}

async function withPair<T>(name: string, run: (host: SerialPort, device: SerialPort) => Promise<T>) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-bare-pty-'));
  const links: [string, string] = [join(dir, `${name}-host`), join(dir, `${name}-dev`)];
  const proc = await startLinkedPtyPair(links);
  const host = await openPort(links[0]);
  const device = await openPort(links[1]);
  try {
    return await run(host, device);
  } finally {
    await closePort(host);
    await closePort(device);
    await stopPty(proc);
  }
}

/** Median ms of `exchanges` one after the other over a fresh PTY pair. */
export function bareSerialRoundTrips(
  what: string,
  exchanges: readonly Exchange[],
  iterations = 200,
): Baseline {
  const bytes = exchanges.reduce((sum, e) => sum + e.out + e.back, 0);
  return {
    name: `bare serialport ${what} over a PTY (${bytes.toLocaleString('en')} bytes), median`,
    unit: 'ms',
    measure: () =>
      withPair('round-trip', (host, device) =>
        medianMs(async () => {
          for (const e of exchanges) await exchange(host, device, e);
        }, iterations),
      ),
  };
}

/**
 * ms from starting socat (the replug) to a first exchange done: both ends opened by path, one
 * 10-byte command and its 15-byte answer (median of five replugs), plus one `pollIntervalMs`: a
 * watcher that polls finds the device back only at its next poll, by design.
 */
export function bareSerialReplug(pollIntervalMs: number): Baseline {
  return {
    name: `bare socat start + serialport open + first round trip (median of 5) + one ${pollIntervalMs} ms poll`,
    unit: 'ms',
    async measure() {
      const samples: number[] = [];
      for (let i = 0; i < 5; i++) {
        const start = process.hrtime.bigint();
        await withPair('replug', async (host, device) => {
          await exchange(host, device, CARD_READ_EXCHANGES[0]!);
          samples.push(Number(process.hrtime.bigint() - start) / 1e6);
        });
      }
      return quantile(samples, 0.5) + pollIntervalMs;
    },
  };
}
