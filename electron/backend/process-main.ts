import Fastify from 'fastify';
import { rmSync } from 'node:fs';
import { ConfigError, configPathFrom, loadConfig } from '../../kiosk-config/load-config';
import { registerApiRoutes } from './api/routes';
import { hasSecret } from './api/secret-auth';
import { startKiosk } from './kiosk';
import { createLogger } from './logging/logger';

/**
 * The kiosk backend as its own process under the Electron shell (utilityProcess). It serves /api on
 * a Unix socket or named pipe given by the shell, never on a TCP port, and every request must carry
 * the secret the shell made for this start.
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
    kiosk = await startKiosk(loadConfig(configPathFrom(process.argv.slice(2), process.env)), { logger });
  } catch (err) {
    if (err instanceof ConfigError) {
      logger.error('config.invalid', { detail: err.message });
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const app = Fastify({ logger: false });
  app.addHook('onRequest', async (request, reply) => {
    if (!hasSecret(request, secret)) {
      logger.warn('api.unauthorized', { path: request.url });
      return reply.code(401).send({ ok: false, error: { code: 'unauthorized' } });
    }
  });
  registerApiRoutes(app, kiosk);
  if (process.platform !== 'win32') rmSync(socketPath, { force: true });
  await app.listen({ path: socketPath });
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
