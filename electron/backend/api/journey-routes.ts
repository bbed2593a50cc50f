import type { FastifyInstance } from 'fastify';
import type { Kiosk } from '../kiosk';
import { answer, parseOrRefuse as parse, sendError } from './replies';
import {
  bookRequestSchema,
  checkInRequestSchema,
  createPaymentBodySchema,
  declareIdentityRequestSchema,
  devPayRequestSchema,
  devScanRequestSchema,
  slotsQuerySchema,
  submitRatingRequestSchema,
} from './contract';

/** /api routes of the citizen journeys: identify, appointments, pay, rate. */
export function registerJourneyRoutes(app: FastifyInstance, kiosk: Kiosk): void {
  const j = kiosk.journeys;

  app.post('/api/identity/declared', async (request, reply) => {
    const body = parse(declareIdentityRequestSchema, request.body, reply);
    if (!body) return reply;
    return answer(reply, j.declare(body.idNumber, 'typed'), () => ({}));
  });

  app.get('/api/appointments/slots', async (request, reply) => {
    const q = parse(slotsQuerySchema, request.query, reply);
    if (!q) return reply;
    return answer(reply, await j.slots(q.category, q.date), (v) => v);
  });

  app.post('/api/appointments', async (request, reply) => {
    const body = parse(bookRequestSchema, request.body, reply);
    if (!body) return reply;
    return answer(reply, await j.book(body.slotId), (appointment) => ({ appointment }));
  });

  app.get('/api/appointments/today', async (_request, reply) =>
    answer(reply, await j.today(), (appointments) => ({ appointments })),
  );

  app.post('/api/appointments/check-in', async (request, reply) => {
    const body = parse(checkInRequestSchema, request.body, reply);
    if (!body) return reply;
    return answer(reply, await j.checkIn(body.code), (ticket) => ({ ticket }));
  });

  app.get('/api/payments/orders', async (_request, reply) =>
    answer(reply, await j.orders(), (orders) => ({ orders })),
  );

  app.post('/api/payments', async (request, reply) => {
    const body = parse(createPaymentBodySchema, request.body, reply);
    if (!body) return reply;
    return answer(reply, await j.createPayment(body.caseId), (payment) => ({ payment }));
  });

  // The citizen left the payment screens: stop polling, withdraw an order request not yet sent.
  app.post('/api/payments/leave', async () => {
    j.leavePayment();
    return { ok: true };
  });

  app.get('/api/evaluations/indicators', async (_request, reply) =>
    answer(reply, await j.indicators(), ({ ok: _ok, ...rest }) => rest),
  );

  app.get('/api/evaluations/subjects', async (_request, reply) =>
    answer(reply, await j.rateableCases(), (cases) => ({ cases })),
  );

  app.post('/api/evaluations', async (request, reply) => {
    const body = parse(submitRatingRequestSchema, request.body, reply);
    if (!body) return reply;
    return answer(reply, await j.rate(body), (result) => ({ result }));
  });

  if (!kiosk.simulated) return;

  // Developer: the simulated scanner reads a code; the central's simulated payer pays.
  app.post('/api/dev/scan', async (request, reply) => {
    const body = parse(devScanRequestSchema, request.body, reply);
    if (!body) return reply;
    const scanner = kiosk.devices.simulatedScanner;
    if (!scanner) return sendError(reply, 'not-found', { detail: 'no simulated scanner configured' });
    scanner.scan(body.text);
    return { ok: true };
  });

  app.post('/api/dev/pay', async (request, reply) => {
    const body = parse(devPayRequestSchema, request.body, reply);
    if (!body) return reply;
    return answer(reply, await j.simulatePay(body.channel), () => ({}));
  });
}
