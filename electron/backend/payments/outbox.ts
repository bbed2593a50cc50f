import { createPaymentRequestSchema } from '../../../central/payments/contract';
import type { KioskLogger } from '../logging/logger';
import { PAYLOAD_INVALID, settleCentralOutcome } from '../store/central-outcome';
import { outboxKind, type OutboxKind } from '../store/outbox-kind';
import type { CentralPaymentsClient } from './central';
import { PAYMENT_KIND, type PaymentStore } from './store';

export interface PaymentOutboxDeps {
  central: Pick<CentralPaymentsClient, 'createPayment'>;
  store: PaymentStore;
  logger: KioskLogger;
}

/**
 * Asks the central for the payment order of a case. The idempotency key makes a replay (after a
 * crash or a lost answer) answer the same order instead of creating a second one.
 */
export function paymentOutboxKinds({ central, store, logger }: PaymentOutboxDeps): OutboxKind[] {
  return [
    outboxKind({
      kind: PAYMENT_KIND,
      payloadSchema: createPaymentRequestSchema,
      rejectInvalid: (item, now) => store.markPaymentRejected(item.id, PAYLOAD_INVALID, now),
      handler: async (request, item) =>
        settleCentralOutcome(
          await central.createPayment(request, item.idempotencyKey),
          logger,
          ({ payment }) =>
            (now) =>
              store.markPaymentCreated(item.id, payment, now),
          (code) => (now) => store.markPaymentRejected(item.id, code, now),
        ),
    }),
  ];
}
