import type { z } from 'zod';
import {
  IDEMPOTENCY_HEADER,
  issueTicketResponseSchema,
  listQueueCategoriesResponseSchema,
  numberBlockSchema,
  type issueTicketRequestSchema,
  type numberBlockRequestSchema,
  type offlineTicketRequestSchema,
} from '../../../central/contract';
import { CentralSliceClient } from '../central-connection/connection';

/**
 * The central's queue: the hall's categories, a number issued, numbers leased for an outage and a
 * number issued offline put back into the queue, through the kiosk's one connection. Issuing and
 * reconciling carry the outbox item's idempotency key, so a resend is applied once (and may share
 * a batch with other deliveries).
 */
export class CentralQueueClient extends CentralSliceClient {
  listQueueCategories(hallId: string) {
    return this.request(
      'GET',
      `/v1/halls/${encodeURIComponent(hallId)}/queue-categories`,
      listQueueCategoriesResponseSchema,
    );
  }

  issueTicket(payload: z.infer<typeof issueTicketRequestSchema>, idempotencyKey: string) {
    return this.request('POST', '/v1/queue/tickets', issueTicketResponseSchema, payload, {
      [IDEMPOTENCY_HEADER]: idempotencyKey,
    });
  }

  leaseNumberBlock(request: z.infer<typeof numberBlockRequestSchema>) {
    return this.request('POST', '/v1/queue/number-blocks', numberBlockSchema, request);
  }

  reconcileOfflineTicket(payload: z.infer<typeof offlineTicketRequestSchema>, idempotencyKey: string) {
    return this.request('POST', '/v1/queue/offline-tickets', issueTicketResponseSchema, payload, {
      [IDEMPOTENCY_HEADER]: idempotencyKey,
    });
  }
}
