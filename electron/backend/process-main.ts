import { ConfigError, configPathFrom } from '../../kiosk-config/load-config';
import { startKiosk } from './kiosk';
import { startWithLastGoodConfig } from './maintenance/config-rollback';
import { createLogger } from './logging/logger';
import { startSocketServer } from './socket-server';

/**
 * The kiosk backend as its own process under the Electron shell (utilityProcess). It serves /api on
 * a Unix socket or named pipe given by the shell, never on a TCP port, and every request must carry
 * the secret the shell made for this start in its header (socket-server.ts).
 */
interface ParentPort {
  postMessage(message: unknown): void;
}

async function main(): Promise<void> {
  const socketPath = process.env.KIOSK_API_SOCKET;
  const secret = process.env.KIOSK_API_SECRET;
  if (!socketPath || !secret) {
    console.error(
      'The kiosk backend is started by the shell: KIOSK_API_SOCKET and KIOSK_API_SECRET are required.',
    );
    process.exit(2);
  }
  const logger = createLogger();
  let kiosk;
  try {
    kiosk = await startWithLastGoodConfig(
      configPathFrom(process.argv.slice(2), process.env),
      (config) => startKiosk(config, { logger }),
      { logger },
    );
  } catch (err) {
    if (err instanceof ConfigError) {
      logger.error('config.invalid', { detail: err.message });
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const app = await startSocketServer(kiosk, { socketPath, secret, logger });
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  parentPort?.postMessage({ type: 'ready' });
  process.stdout.write('KIOSK_BACKEND_READY\n');
  const stop = () =>
    void app
      .close()
      .then(() => kiosk.close())
      .then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

await main();
