import type { ServerResponse } from 'node:http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TimerHandle } from '../../domain/clock';
import { errorResponseSchema } from '../contract';
import type { CentralContext } from '../context';
import { ApiError } from '../http/errors';
import { deviceSecurity, identify, requireDevice } from '../staff/auth';
import type { Subscriber } from './bus';
import { kioskEventStreamParamsSchema, kioskEventStreamQuerySchema, type LiveEvent } from './contract';
import { openEventStream } from './event-stream';

/** A comment line this often keeps proxies and NAT tables from dropping an idle stream. */
export const HEARTBEAT_INTERVAL_MS = 15_000;
/** Client reconnect delay announced to EventSource clients. */
export const RETRY_MS = 3_000;
/**
 * A stream whose unsent output grows beyond this belongs to a client that stopped reading: it is
 * closed, and the client resumes from its Last-Event-ID when it comes back.
 */
export const MAX_BUFFERED_BYTES = 256 * 1024;

export function formatEvent(event: LiveEvent): string {
  return `id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** Parses Last-Event-ID: digits only; anything else is a client bug worth a 400. */
function lastEventId(header: string | string[] | undefined, query: string | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value !== undefined && value.trim() !== '') {
    if (!/^\d{1,15}$/.test(value.trim())) {
      throw new ApiError(400, 'bad-request', 'Last-Event-ID must be the decimal sequence number of an event');
    }
    return Number(value.trim());
  }
  return query === undefined ? undefined : Number(query);
}

/** The server-sent event stream of one kiosk: hall events (ticket called, case status) and broadcasts. */
export const eventRoutes: FastifyPluginAsyncZod<{ ctx: CentralContext }> = async (app, { ctx }) => {
  const open = new Set<ServerResponse>();
  app.addHook('onRequest', identify(ctx));
  // Streams never go idle, so the server could not close while one is open: end them first.
  app.addHook('preClose', async () => {
    for (const raw of open) raw.end();
    open.clear();
  });

  app.get(
    '/v1/kiosks/:terminalId/events',
    {
      schema: {
        summary: 'Live events of a kiosk (server-sent events; resume with Last-Event-ID)',
        description:
          'Each event is `id: <sequence number>`, `event: <type>`, `data: <JSON LiveEvent>`. Types: ticket.called, ' +
          'case.status-changed, catalogue.changed, config.changed, and stream.reset when the stream cannot resume ' +
          'from the given id (reload cached data, then follow). A comment line is sent every 15 s.',
        tags: ['events'],
        security: deviceSecurity,
        params: kioskEventStreamParamsSchema,
        querystring: kioskEventStreamQuerySchema,
        headers: z.looseObject({ 'last-event-id': z.string().optional() }),
        produces: ['text/event-stream'],
        response: {
          200: z.string().describe('text/event-stream'),
          400: errorResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
          404: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const { terminalId } = request.params;
      const { hallId } = request.query;
      requireDevice(request, { terminalId, hallId });
      if (!ctx.queue.hall(hallId)) throw new ApiError(404, 'unknown-hall', `No hall ${hallId}`);
      const from = lastEventId(request.headers['last-event-id'], request.query.lastEventId);

      const raw = openEventStream(reply);
      raw.write(`retry: ${RETRY_MS}\n\n`);
      open.add(raw);

      const send = (chunk: string) => {
        if (raw.writableEnded || raw.destroyed) return;
        raw.write(chunk);
        if (raw.writableLength > MAX_BUFFERED_BYTES) raw.destroy();
      };
      const sub: Subscriber = { hallId, terminalId, lastSent: 0, deliver: (e) => send(formatEvent(e)) };
      const { replay, unsubscribe } = ctx.events.subscribe(sub, from);
      for (const event of replay) send(formatEvent(event));

      let heartbeat: TimerHandle | undefined;
      const beat = () => {
        send(': keep-alive\n\n');
        heartbeat = ctx.clock.setTimeout(beat, HEARTBEAT_INTERVAL_MS);
      };
      heartbeat = ctx.clock.setTimeout(beat, HEARTBEAT_INTERVAL_MS);
      raw.on('close', () => {
        unsubscribe();
        open.delete(raw);
        if (heartbeat) ctx.clock.clearTimeout(heartbeat);
      });
      return reply;
    },
  );
};
