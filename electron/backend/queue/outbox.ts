import { issueTicketRequestSchema } from '../../../central/contract';
import { offlineTicketRequestSchema } from '../../../central/queue/contract';
import type { KioskLogger } from '../logging/logger';
import type { LocalTickets } from './store';
import { parseQueued } from '../store/outbox';
import type { CentralClient } from '../central-connection/connection';
import type { StreamHandler } from '../store/outbox-delivery';

/**
 * Delivers a queued ticket request: the central issues the number, and the local ticket learns it
 * in the same transaction as the acknowledgement.
 */
export function ticketHandler(deps: {
  central: CentralClient;
  tickets: LocalTickets;
  logger: KioskLogger;
}): StreamHandler {
  const { central, tickets, logger } = deps;
  return async (item) => {
    const request = parseQueued(issueTicketRequestSchema, tickets.assembled(item));
    if (!request.ok) {
      // Sending it again would not change it: a dead letter with the reason, for staff.
      return {
        kind: 'rejected',
        reason: request.reason,
        response: null,
        apply: (now) => tickets.markRejected(item.id, 'payload-invalid', now),
      };
    }
    const outcome = await central.issueTicket(request.value, item.idempotencyKey);
    switch (outcome.kind) {
      case 'ok': {
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
      }
      case 'rejected':
        return {
          kind: 'rejected',
          reason: `HTTP ${outcome.status} ${outcome.code}: ${outcome.message}`,
          response: outcome.body,
          apply: (now) => tickets.markRejected(item.id, outcome.code, now),
        };
      case 'unauthorized':
        // Re-enrolment comes with provisioning; until then the item waits, it is not lost.
        logger.error('central.unauthorized', { reason: outcome.reason });
        return { kind: 'retry', reason: `unauthorized: ${outcome.reason}` };
      case 'retry':
        return outcome;
    }
  };
}

/**
 * Reconciles a ticket issued offline: the central puts the leased number into its queue. A
 * conflict (the citizen got a ticket elsewhere meanwhile) is a dead letter for staff, with the
 * central's reason; the citizen's paper number stays valid at the hall's discretion.
 */
export function offlineTicketHandler(deps: {
  central: CentralClient;
  tickets: LocalTickets;
  logger: KioskLogger;
}): StreamHandler {
  const { central, tickets, logger } = deps;
  return async (item) => {
    const request = parseQueued(offlineTicketRequestSchema, tickets.assembled(item));
    if (!request.ok) return { kind: 'rejected', reason: request.reason, response: null };
    const outcome = await central.reconcileOfflineTicket(request.value, item.idempotencyKey);
    switch (outcome.kind) {
      case 'ok':
        return {
          kind: 'ok',
          response: outcome.body,
          apply: (now) => tickets.markReconciled(item.id, outcome.body.ticket.ticketId, now),
        };
      case 'rejected':
        return {
          kind: 'rejected',
          reason: `HTTP ${outcome.status} ${outcome.code}: ${outcome.message}`,
          response: outcome.body,
        };
      case 'unauthorized':
        logger.error('central.unauthorized', { reason: outcome.reason });
        return { kind: 'retry', reason: `unauthorized: ${outcome.reason}` };
      case 'retry':
        return outcome;
    }
  };
}
