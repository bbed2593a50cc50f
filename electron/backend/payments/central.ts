import type { z } from 'zod';
import {
  IDEMPOTENCY_HEADER,
  paymentResponseSchema,
  type createPaymentRequestSchema,
  type simulatedPayRequestSchema,
} from '../../../central/contract';
import { CentralProgressClient } from '../progress/central';

/**
 * The central's payment routes and the citizen's cases (whose fees are due), through the kiosk's
 * one connection (token, renewal, outcome).
 */
export class CentralPaymentsClient extends CentralProgressClient {
  createPayment(body: z.infer<typeof createPaymentRequestSchema>, idempotencyKey: string) {
    return this.request('POST', '/v1/payments', paymentResponseSchema, body, {
      [IDEMPOTENCY_HEADER]: idempotencyKey,
    });
  }

  payment(paymentId: string) {
    return this.request('GET', `/v1/payments/${encodeURIComponent(paymentId)}`, paymentResponseSchema);
  }

  /** The platform's simulated payer (trusted devices only): for tests and the developer panel. */
  simulatePay(body: z.infer<typeof simulatedPayRequestSchema>) {
    return this.request('POST', '/v1/payments/simulated-payer', paymentResponseSchema, body);
  }
}
