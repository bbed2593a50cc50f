import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Kiosk } from '../kiosk';
import { applyDraftRequestSchema, applySubmitRequestSchema } from './contract';
import { answer, parseOrRefuse as parse } from '../api/replies';

const receiptParams = z.object({ localRef: z.string().regex(/^[A-Za-z0-9-]{8,64}$/) });

/** /api routes of the apply journey; the contract is apply-contract.ts. */
export function registerApplyRoutes(app: FastifyInstance, kiosk: Kiosk): void {
  const apply = kiosk.apply;
  /** Nothing cached yet (a first start, the guide's fetch still under way or failed): try once now. */
  const catalogueReady = async () => {
    if (!kiosk.guide.current()) await kiosk.guide.refresh();
  };

  app.get('/api/apply/offer', async (_request, reply) => {
    await catalogueReady();
    return answer(reply, apply.offer(), (value) => value);
  });

  app.post('/api/apply/draft', async (request, reply) => {
    const body = parse(applyDraftRequestSchema, request.body, reply);
    if (!body) return reply;
    await catalogueReady();
    return answer(reply, await apply.draft(body.selection), (draft) => ({ draft }));
  });

  app.post('/api/apply/submit', async (request, reply) => {
    const body = parse(applySubmitRequestSchema, request.body, reply);
    if (!body) return reply;
    await catalogueReady();
    return answer(reply, await apply.submit(body), (receipt) => ({ receipt }));
  });

  app.get('/api/apply/receipts/:localRef', async (request, reply) => {
    const p = parse(receiptParams, request.params, reply);
    if (!p) return reply;
    return answer(reply, apply.receipt(p.localRef), (receipt) => ({ receipt }));
  });
}
