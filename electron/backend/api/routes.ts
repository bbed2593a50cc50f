import type { FastifyInstance } from 'fastify';
import type { Kiosk } from '../kiosk';
import { registerDeveloperDeviceRoutes } from '../devices/routes';
import { registerMaintenanceRoutes } from '../maintenance/routes';
import { sendError } from './replies';
import { kioskEndpoints } from './contract';
import { registerEndpoints } from './endpoint-routes';

/** How often the event stream sends a comment, so proxies and the shell's forwarder keep it open. */
const EVENT_STREAM_HEARTBEAT_MS = 25_000;

/** The /api routes the renderer uses, the same in every host. Authentication is the host's job. */
export function registerApiRoutes(app: FastifyInstance, kiosk: Kiosk): void {
  app.setErrorHandler((err: Error & { statusCode?: number }, request, reply) => {
    if (err.statusCode && err.statusCode < 500) {
      kiosk.logger.warn('api.bad-request', { url: request.url, detail: err.message });
      return sendError(reply, 'bad-request', { detail: err.message });
    }
    kiosk.logger.error('api.internal-error', {
      url: request.url,
      err: { message: err.message, stack: err.stack },
    });
    return sendError(reply, 'internal');
  });
  app.setNotFoundHandler((_request, reply) => sendError(reply, 'not-found'));

  const options = { logger: kiosk.logger, simulated: kiosk.simulated };
  registerEndpoints(
    app,
    kioskEndpoints,
    {
      state: () => ({ ok: true, value: { state: kiosk.state() } }),
      endSession: () => {
        kiosk.endSession();
        return { ok: true, value: {} };
      },
    },
    options,
  );

  app.get('/api/events', (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write('retry: 2000\n\n');
    const unsubscribe = kiosk.onEvent((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), EVENT_STREAM_HEARTBEAT_MS);
    request.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });

  registerMaintenanceRoutes(app, kiosk);
  for (const module of kiosk.modules) module.routes?.(app);
  registerDeveloperDeviceRoutes(app, kiosk.devices, options);
}
