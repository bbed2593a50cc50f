import type { z } from 'zod';
import {
  appointmentResponseSchema,
  IDEMPOTENCY_HEADER,
  issueTicketResponseSchema,
  listAppointmentSlotsResponseSchema,
  paymentResponseSchema,
  type bookAppointmentRequestSchema,
  type checkInRequestSchema,
  type createPaymentRequestSchema,
  type simulatedPayRequestSchema,
} from '../../../central/contract';
import {
  evaluationIndicatorsResponseSchema,
  evaluationResponseSchema,
  type EvaluationChannel,
  type submitEvaluationRequestSchema,
} from '../../../central/evaluations/contract';
import { lookupCasesResponseSchema } from '../../../central/cases/contract';
import { CentralClient } from '../central-connection/connection';

/**
 * The central routes of the citizen journeys (appointments, payments, evaluations, the citizen's
 * cases), on top of the lead's client: same transport, token and outcome type.
 */
export class CentralJourneysClient extends CentralClient {
  listAppointmentSlots(hallId: string, category: string, date: string) {
    const q = new URLSearchParams({ hallId, category, date });
    return this.request('GET', `/v1/appointment-slots?${q}`, listAppointmentSlotsResponseSchema);
  }

  bookAppointment(body: z.infer<typeof bookAppointmentRequestSchema>, idempotencyKey: string) {
    return this.request('POST', '/v1/appointments', appointmentResponseSchema, body, {
      [IDEMPOTENCY_HEADER]: idempotencyKey,
    });
  }

  checkIn(code: string, body: z.infer<typeof checkInRequestSchema>, idempotencyKey: string) {
    return this.request(
      'POST',
      `/v1/appointments/${encodeURIComponent(code)}/check-in`,
      issueTicketResponseSchema,
      body,
      { [IDEMPOTENCY_HEADER]: idempotencyKey },
    );
  }

  lookupCases(citizenRef: string) {
    return this.request('POST', '/v1/cases/lookup', lookupCasesResponseSchema, { citizenRef });
  }

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

  evaluationIndicators(channel: EvaluationChannel) {
    return this.request(
      'GET',
      `/v1/evaluations/indicators?channel=${channel}`,
      evaluationIndicatorsResponseSchema,
    );
  }

  submitEvaluation(body: z.infer<typeof submitEvaluationRequestSchema>, idempotencyKey: string) {
    return this.request('POST', '/v1/evaluations', evaluationResponseSchema, body, {
      [IDEMPOTENCY_HEADER]: idempotencyKey,
    });
  }
}
