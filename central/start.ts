import type { AddressInfo } from 'node:net';
import type { Clock } from '../domain/clock';
import { buildCentralApp, type CentralAppOptions } from './app';

export interface StartCentralOptions {
  dbPath: string;
  /** 0 picks any free port. */
  port: number;
  host?: string;
  deviceTokens: string[];
  clock?: Clock;
  logger?: boolean | object;
  rateLimit?: CentralAppOptions['rateLimit'];
  citizenRefKey?: string;
  httpTimeouts?: CentralAppOptions['httpTimeouts'];
}

export interface RunningCentral {
  baseUrl: string;
  close(): Promise<void>;
}

/** Runs the central API on a port; the kiosk uses this to embed it on loopback. */
export async function startCentral(opts: StartCentralOptions): Promise<RunningCentral> {
  const app = await buildCentralApp(opts);
  const host = opts.host ?? '127.0.0.1';
  try {
    await app.listen({ port: opts.port, host });
  } catch (err) {
    await app.close();
    throw err;
  }
  const { port } = app.server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return { baseUrl: `http://${urlHost}:${port}`, close: () => app.close() };
}
