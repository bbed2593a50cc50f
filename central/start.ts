import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../domain/clock';
import { buildCentralApp, type CentralAppOptions } from './app';
import { citizenRefKeyAt } from './db/settings';

export interface StartCentralOptions {
  dbPath: string;
  /** 0 picks any free port. */
  port: number;
  host?: string;
  deviceTokens: string[];
  clock?: Clock;
  logger?: boolean | object;
  rateLimit?: CentralAppOptions['rateLimit'];
  /** Handed to every enrolled kiosk; takes precedence over `storedCitizenRefKey`. */
  citizenRefKey?: string;
  /**
   * Without `citizenRefKey`: hand out the key kept in the database, generated there on first start
   * (CENTRAL_CITIZEN_REF_KEY in `env` overrides it), as a standalone central does.
   */
  storedCitizenRefKey?: boolean;
  env?: NodeJS.ProcessEnv;
  httpTimeouts?: CentralAppOptions['httpTimeouts'];
  staffCallEscalateAfterMs?: CentralAppOptions['staffCallEscalateAfterMs'];
}

export interface RunningCentral {
  baseUrl: string;
  close(): Promise<void>;
}

/** Runs the central API on a port; the kiosk uses this to embed it on loopback. */
export async function startCentral(opts: StartCentralOptions): Promise<RunningCentral> {
  const citizenRefKey =
    opts.citizenRefKey ??
    (opts.storedCitizenRefKey === true
      ? citizenRefKeyAt(opts.dbPath, opts.env ?? process.env, (opts.clock ?? systemClock).now()).key
      : undefined);
  const app = await buildCentralApp({ ...opts, citizenRefKey });
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
