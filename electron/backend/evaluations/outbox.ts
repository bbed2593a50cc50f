import { submitEvaluationRequestSchema } from '../../../central/evaluations/contract';
import type { KioskLogger } from '../logging/logger';
import { PAYLOAD_INVALID, settleCentralOutcome } from '../store/central-outcome';
import type { Outbox } from '../store/outbox';
import { outboxKind, type OutboxKind } from '../store/outbox-kind';
import type { CentralEvaluationsClient } from './central';
import { EVALUATION_KIND, type EvaluationStore } from './store';

export interface EvaluationOutboxDeps {
  central: Pick<CentralEvaluationsClient, 'submitEvaluation'>;
  store: EvaluationStore;
  outbox: Pick<Outbox, 'assemble'>;
  logger: KioskLogger;
}

/** A rating, with its free-text comment back from the sealed fields. */
export function evaluationOutboxKinds({
  central,
  store,
  outbox,
  logger,
}: EvaluationOutboxDeps): OutboxKind[] {
  return [
    outboxKind({
      kind: EVALUATION_KIND,
      payloadSchema: submitEvaluationRequestSchema,
      assemble: (item) => outbox.assemble(item),
      rejectInvalid: (item, now) => store.markEvaluationRejected(item.id, PAYLOAD_INVALID, now),
      handler: async ({ comment, ...rating }, item) =>
        settleCentralOutcome(
          await central.submitEvaluation({ ...rating, ...(comment ? { comment } : {}) }, item.idempotencyKey),
          logger,
          ({ evaluation }) =>
            (now) =>
              store.markEvaluated(item.id, evaluation.followUp?.deadline ?? null, now),
          (code) => (now) => store.markEvaluationRejected(item.id, code, now),
        ),
    }),
  ];
}
