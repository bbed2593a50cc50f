import type { FastifyInstance } from 'fastify';
import { idCheckCharacter } from '../../../domain/id-number';
import type { CardIdentity } from '../../../drivers/id-card-reader/types';
import type { Kiosk } from '../kiosk';
import { registerMaintenanceRoutes } from '../maintenance/routes';
import { registerApplyRoutes } from '../apply/routes';
import { registerJourneyRoutes } from './journey-routes';
import { registerProgressRoutes } from '../progress/routes';
import { parseOrRefuse, sendError } from './replies';
import { devPlaceCardRequestSchema, devPrinterStateRequestSchema, takeTicketRequestSchema } from './contract';

/** How often the event stream sends a comment, so proxies and the shell's forwarder keep it open. */
const EVENT_STREAM_HEARTBEAT_MS = 25_000;

/** A valid 18-character number for a simulated card: region, birth date, sequence, check character. */
function simulatedIdNumber(birthDate: string, gender: 'male' | 'female'): string {
  const first17 = `330106${birthDate.replaceAll('-', '')}12${gender === 'male' ? 3 : 4}`;
  return first17 + idCheckCharacter(first17);
}

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

  app.get('/api/state', async () => ({ ok: true, state: kiosk.state() }));

  app.get('/api/queue/categories', async () => ({ ok: true, categories: await kiosk.categories() }));

  app.post('/api/queue/tickets', async (request, reply) => {
    const body = parseOrRefuse(takeTicketRequestSchema, request.body, reply);
    if (!body) return reply;
    const result = await kiosk.takeTicket(body.category);
    if (result.ok) return { ok: true, ticket: result.ticket };
    return sendError(reply, result.code, {
      ...(result.detail ? { detail: result.detail } : {}),
      ...(result.ticket ? { ticket: result.ticket } : {}),
    });
  });

  app.post('/api/session/end', async () => {
    kiosk.endSession();
    return { ok: true };
  });

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
  registerJourneyRoutes(app, kiosk);
  for (const module of kiosk.modules) module.routes?.(app);
  registerApplyRoutes(app, kiosk);
  registerProgressRoutes(app, kiosk);
  if (kiosk.simulated) registerDeveloperRoutes(app, kiosk);
}

/**
 * Developer control of the simulated devices. Registered only while every device is simulated,
 * so a terminal with real hardware has no such routes at all.
 */
function registerDeveloperRoutes(app: FastifyInstance, kiosk: Kiosk): void {
  const card = kiosk.devices.simulatedCard!;
  const printer = kiosk.devices.simulatedPrinter!;

  app.post('/api/dev/card', async (request, reply) => {
    const body = parseOrRefuse(devPlaceCardRequestSchema, request.body, reply);
    if (!body) return reply;
    const identity: CardIdentity = {
      cardType: body.cardType,
      name: body.name,
      gender: body.gender,
      nationCode: '01',
      birthDate: body.birthDate,
      address: body.address,
      idNumber: body.idNumber ?? simulatedIdNumber(body.birthDate, body.gender),
      issuingAuthority: '杭州市公安局上城分局',
      validFrom: '2020-01-01',
      validTo: '2040-01-01',
    };
    card.placeCard(identity);
    return { ok: true };
  });

  app.delete('/api/dev/card', async () => {
    card.removeCard();
    return { ok: true };
  });

  app.post('/api/dev/printer/state', async (request, reply) => {
    const body = parseOrRefuse(devPrinterStateRequestSchema, request.body, reply);
    if (!body) return reply;
    printer.setState(body.state);
    await kiosk.devices.refreshPrinterStatus();
    return { ok: true };
  });

  app.get('/api/dev/printer/paper', async () => ({ ok: true, lines: printer.paperLines() }));

  app.get('/api/dev/printer/preview', async () => ({
    ok: true,
    image: kiosk.devices.paperPreview() ?? null,
  }));

  app.delete('/api/dev/printer/paper', async () => {
    printer.clearPaper();
    return { ok: true };
  });
}
