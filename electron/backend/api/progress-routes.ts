import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { Kiosk } from '../kiosk';
import type { ProgressResult } from '../progress/case-progress';
import { noticeParamsSchema, progressListQuerySchema } from './progress-contract';
import { sendError } from './routes';

function parse<S extends z.ZodType>(schema: S, value: unknown, reply: FastifyReply): z.infer<S> | undefined {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  void sendError(reply, 'bad-request', { detail: `${issue?.path.join('.') || 'input'}: ${issue?.message}` });
  return undefined;
}

function answer<T>(reply: FastifyReply, result: ProgressResult<T>, wrap: (value: T) => object) {
  if (result.ok) return { ok: true, ...wrap(result.value) };
  return sendError(reply, result.code, {
    ...(result.detail ? { detail: result.detail } : {}),
    ...(result.reason ? { reason: result.reason } : {}),
  });
}

/** /api routes of journey 7, progress (办件进度): the citizen's cases and the result notice. */
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
