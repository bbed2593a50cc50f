import { submitCaseRequestSchema } from '../../../central/cases/contract';
import type { KioskLogger } from '../logging/logger';
import type { Outbox, OutboxItem } from '../store/outbox';
import { centralRefusal } from '../store/central-outcome';
import { outboxKind } from '../store/outbox-kind';
import { CASE_SUBMIT_KIND } from './case-payload';
import type { LocalApplications } from './store';
import type { CentralApplyClient } from './central';

export interface CaseSubmitKindDeps {
  central: Pick<CentralApplyClient, 'submitCase'>;
  applications: LocalApplications;
  outbox: Outbox;
  logger: KioskLogger;
  /** A case of this application was settled (number or refusal); screens refetch its receipt. */
  settled(localRef: string): void;
}

/**
 * One case submission: the clear payload joined with the sealed applicant and citizen digest (an
 * item queued before the digest was sealed has it in its payload), parsed as the whole request,
 * posted with the row's idempotency key. The case number (ack) or the central's reason (dead
 * letter) is recorded in the same transaction as the outbox row's settlement.
 */
export function caseSubmitKind(deps: CaseSubmitKindDeps) {
  const { central, applications, outbox, logger } = deps;
  const notify = (item: OutboxItem) => {
    const ref = applications.refOfOutbox(item.id);
    // After the settling transaction has committed.
    if (ref) queueMicrotask(() => deps.settled(ref));
  };
  return outboxKind({
    kind: CASE_SUBMIT_KIND,
    payloadSchema: submitCaseRequestSchema,
    assemble: (item) => outbox.assemble(item),
    // Sending it again would not change it: a dead letter for staff, and the application says why.
    rejectInvalid: (item, now) => {
      // Purged or never sealed: the central cannot take a case without its applicant.
      const applicantGone = outbox.assemble(item)?.applicant === undefined;
      applications.markRejected(item.id, applicantGone ? 'applicant-missing' : 'payload-invalid', now);
      notify(item);
    },
    handler: async (request, item) => {
      const outcome = await central.submitCase(request, item.idempotencyKey);
      switch (outcome.kind) {
        case 'ok': {
          const c = outcome.body.case;
          return {
            kind: 'ok',
            response: outcome.body,
            apply: (now) => {
              applications.markSubmitted(item.id, { caseId: c.caseId, caseNumber: c.caseNumber }, now);
              logger.info('apply.case-submitted', { outboxId: item.id, caseNumber: c.caseNumber });
              notify(item);
            },
          };
        }
        case 'rejected':
          return {
            ...centralRefusal(outcome),
            apply: (now) => {
              applications.markRejected(item.id, outcome.code, now);
              logger.warn('apply.case-rejected', { outboxId: item.id, code: outcome.code });
              notify(item);
            },
          };
        case 'unauthorized':
          logger.error('central.unauthorized', { reason: outcome.reason });
          return { kind: 'retry', reason: `unauthorized: ${outcome.reason}` };
        case 'retry':
          return outcome;
      }
    },
  });
}
