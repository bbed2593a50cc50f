import { submitCaseRequestSchema } from '../../../central/cases/contract';
import type { KioskLogger } from '../logging/logger';
import { parseQueued, type Outbox } from '../store/outbox';
import type { DeliveryOutcome, StreamHandler } from '../store/outbox-delivery';
import type { LocalApplications } from './store';
import type { CentralApplyClient } from './central';

export interface CaseSubmitHandlerDeps {
  central: Pick<CentralApplyClient, 'submitCase'>;
  applications: LocalApplications;
  outbox: Outbox;
  logger: KioskLogger;
  /** A case of this application was settled (number or refusal); screens refetch its receipt. */
  settled(localRef: string): void;
}

/**
 * Delivers one case submission: opens the sealed applicant and citizen digest (an item queued
 * before the digest was sealed has it in its payload), parses the whole request, posts it with the row's idempotency
 * key, and records the case number (ack) or the central's reason (dead letter) in the same
 * transaction as the outbox row's settlement.
 */
export function caseSubmitHandler(deps: CaseSubmitHandlerDeps): StreamHandler {
  const { central, applications, outbox, logger } = deps;
  return async (item): Promise<DeliveryOutcome> => {
    const notify = () => {
      const ref = applications.refOfOutbox(item.id);
      // After the settling transaction has committed.
      if (ref) queueMicrotask(() => deps.settled(ref));
    };
    const assembled = outbox.assemble(item);
    if (assembled?.applicant === undefined) {
      // Purged or never sealed: the central cannot take a case without its applicant.
      return {
        kind: 'rejected',
        reason: 'applicant missing: sealed fields purged or absent',
        response: null,
        apply: (now) => {
          applications.markRejected(item.id, 'applicant-missing', now);
          notify();
        },
      };
    }
    const request = parseQueued(submitCaseRequestSchema, assembled);
    if (!request.ok) {
      // Sending it again would not change it: a dead letter with the reason, for staff.
      return {
        kind: 'rejected',
        reason: request.reason,
        response: null,
        apply: (now) => {
          applications.markRejected(item.id, 'payload-invalid', now);
          notify();
        },
      };
    }
    const outcome = await central.submitCase(request.value, item.idempotencyKey);
    switch (outcome.kind) {
      case 'ok': {
        const c = outcome.body.case;
        return {
          kind: 'ok',
          response: outcome.body,
          apply: (now) => {
            applications.markSubmitted(item.id, { caseId: c.caseId, caseNumber: c.caseNumber }, now);
            logger.info('apply.case-submitted', { outboxId: item.id, caseNumber: c.caseNumber });
            notify();
          },
        };
      }
      case 'rejected':
        return {
          kind: 'rejected',
          reason: `HTTP ${outcome.status} ${outcome.code}: ${outcome.message}`,
          response: outcome.body,
          apply: (now) => {
            applications.markRejected(item.id, outcome.code, now);
            logger.warn('apply.case-rejected', { outboxId: item.id, code: outcome.code });
            notify();
          },
        };
      case 'unauthorized':
        logger.error('central.unauthorized', { reason: outcome.reason });
        return { kind: 'retry', reason: `unauthorized: ${outcome.reason}` };
      case 'retry':
        return outcome;
    }
  };
}
