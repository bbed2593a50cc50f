import { issueTicketRequestSchema } from '../../../central/contract';
import { offlineTicketRequestSchema } from '../../../central/queue/contract';
import type { CentralOutcome } from '../central-connection/connection';
import type { KioskLogger } from '../logging/logger';
import { centralRefusal } from '../store/central-outcome';
import { outboxKind, type OutboxKind } from '../store/outbox-kind';
import type { DeliveryOutcome } from '../store/outbox-delivery';
import type { CentralQueueClient } from './central';
import { OFFLINE_TICKET_KIND, TICKET_KIND, type LocalTickets } from './store';

export interface QueueOutboxDeps {
  central: Pick<CentralQueueClient, 'issueTicket' | 'reconcileOfflineTicket'>;
  tickets: LocalTickets;
  logger: KioskLogger;
}

/** The central understood and refused: sending it again would not change it. */
const refused = centralRefusal;

/** Not applied, but worth sending again later. */
function waits(
  outcome: Extract<CentralOutcome<unknown>, { kind: 'unauthorized' | 'retry' }>,
  logger: KioskLogger,
): DeliveryOutcome {
  if (outcome.kind === 'retry') return outcome;
  // The connection already asked for a renewed token; until there is one the item waits.
  logger.error('central.unauthorized', { reason: outcome.reason });
  return { kind: 'retry', reason: `unauthorized: ${outcome.reason}` };
}

/**
 * A queued ticket request: the central issues the number, and the local ticket learns it in the
 * same transaction as the acknowledgement. The request is assembled from the clear payload and the
 * sealed citizen digest; one that does not parse is a dead letter and its ticket is rejected.
 */
export function ticketKind(deps: QueueOutboxDeps): OutboxKind<typeof issueTicketRequestSchema> {
  const { central, tickets, logger } = deps;
  return outboxKind({
    kind: TICKET_KIND,
    payloadSchema: issueTicketRequestSchema,
    assemble: (item) => tickets.assembled(item),
    rejectInvalid: (item, now) => tickets.markRejected(item.id, 'payload-invalid', now),
    handler: async (request, item): Promise<DeliveryOutcome> => {
      const outcome = await central.issueTicket(request, item.idempotencyKey);
      if (outcome.kind === 'rejected') {
        return { ...refused(outcome), apply: (now) => tickets.markRejected(item.id, outcome.code, now) };
      }
      if (outcome.kind !== 'ok') return waits(outcome, logger);
      const t = outcome.body.ticket;
      return {
        kind: 'ok',
        response: outcome.body,
        apply: (now) =>
          tickets.markIssued(
            item.id,
            {
              number: t.number,
              centralTicketId: t.ticketId,
              waitingAhead: t.waitingAhead,
              estimatedWaitMinutes: t.estimatedWaitMinutes,
              issuedAt: t.issuedAt,
              categoryName: t.categoryName,
            },
            now,
          ),
      };
    },
  });
}

/**
 * A ticket issued offline, reconciled: the central puts the leased number into its queue. A
 * conflict (the citizen got a ticket elsewhere meanwhile) is a dead letter for staff, with the
 * central's reason; the citizen's paper number stays valid at the hall's discretion.
 */
export function offlineTicketKind(deps: QueueOutboxDeps): OutboxKind<typeof offlineTicketRequestSchema> {
  const { central, tickets, logger } = deps;
  return outboxKind({
    kind: OFFLINE_TICKET_KIND,
    payloadSchema: offlineTicketRequestSchema,
    assemble: (item) => tickets.assembled(item),
    handler: async (request, item): Promise<DeliveryOutcome> => {
      const outcome = await central.reconcileOfflineTicket(request, item.idempotencyKey);
      if (outcome.kind === 'rejected') return refused(outcome);
      if (outcome.kind !== 'ok') return waits(outcome, logger);
      return {
        kind: 'ok',
        response: outcome.body,
        apply: (now) => tickets.markReconciled(item.id, outcome.body.ticket.ticketId, now),
      };
    },
  });
}

/** The queue's queued actions: ticket requests, and tickets issued offline to reconcile. */
export function queueOutboxKinds(deps: QueueOutboxDeps): OutboxKind[] {
  return [ticketKind(deps), offlineTicketKind(deps)];
}
