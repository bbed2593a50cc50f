import type { FastifyInstance } from 'fastify';
import { rmSync } from 'node:fs';
import { createApiServer, type ServerDeadlines } from './api/api-server';
import { registerApiRoutes } from './api/routes';
import { hasSecretHeader } from './api/secret-auth';
import type { Kiosk } from './kiosk';
import type { KioskLogger } from './logging/logger';

export interface SocketServerOptions {
  /** Unix socket path or Windows named pipe, given by the shell. */
  socketPath: string;
  /** The secret the shell made for this start; its forwarder sends it as x-kiosk-secret. */
  secret: string;
  logger: KioskLogger;
  /** Shorter in tests of the deadlines themselves. */
  deadlines?: ServerDeadlines;
}

/**
 * The backend's /api on the shell's socket: never a TCP port, so no other page or machine can
 * reach it, and every request must carry the secret in its header. The same deadlines and strict
 * JSON as the browser host.
 */
export async function startSocketServer(
  kiosk: Kiosk,
  options: SocketServerOptions,
): Promise<FastifyInstance> {
  const app = createApiServer(options.deadlines);
  app.addHook('onRequest', async (request, reply) => {
    if (!hasSecretHeader(request, options.secret)) {
      options.logger.warn('api.unauthorized', { path: request.url });
      return reply.code(401).send({ ok: false, error: { code: 'unauthorized' } });
    }
  });
  registerApiRoutes(app, kiosk);
  if (process.platform !== 'win32') rmSync(options.socketPath, { force: true });
  await app.listen({ path: options.socketPath });
  return app;
}
