import type { FastifyInstance } from 'fastify';
import { registerEndpoints, type RegisterOptions } from '../api/endpoint-routes';
import { queueEndpoints } from './contract';
import type { QueueService } from './service';

/**
 * The queue's routes, from its endpoint table. A refusal of 取号 may still carry the ticket (issued
 * but not printed, or the one the citizen already holds): the error body takes it to the screen.
 */
export function registerQueueRoutes(
  app: FastifyInstance,
  queue: QueueService,
  options: RegisterOptions,
): void {
  registerEndpoints(
    app,
    queueEndpoints,
    {
      categories: async () => ({ ok: true, value: { categories: await queue.categories() } }),
      takeTicket: async ({ body }) => {
        const result = await queue.takeTicket(body.category);
        return result.ok ? { ok: true, value: { ticket: result.value } } : result;
      },
    },
    options,
  );
}
