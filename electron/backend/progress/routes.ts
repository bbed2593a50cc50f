import type { FastifyInstance } from 'fastify';
import type { Kiosk } from '../kiosk';
import { noticeParamsSchema, progressListQuerySchema } from './contract';
import { answer, parseOrRefuse as parse } from '../api/replies';

/** /api routes of progress (办件进度): the citizen's cases and the result notice. */
export function registerProgressRoutes(app: FastifyInstance, kiosk: Kiosk): void {
  app.get('/api/progress/cases', async (request, reply) => {
    const q = parse(progressListQuerySchema, request.query, reply);
    if (!q) return reply;
    return answer(reply, await kiosk.progress.list(q.refresh), (list) => ({ list }));
  });

  app.post('/api/progress/cases/:caseId/notice', async (request, reply) => {
    const p = parse(noticeParamsSchema, request.params, reply);
    if (!p) return reply;
    return answer(reply, await kiosk.progress.printNotice(p.caseId), (v) => v);
  });
}
