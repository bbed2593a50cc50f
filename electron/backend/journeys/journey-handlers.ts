import {
  appointmentCodeSchema,
  bookAppointmentRequestSchema,
  checkInRequestSchema,
} from '../../../central/appointments/contract';
import { submitEvaluationRequestSchema } from '../../../central/evaluations/contract';
import { createPaymentRequestSchema } from '../../../central/payments/contract';
import type { KioskLogger } from '../logging/logger';
import type { CentralJourneysClient } from './central';
import { parseQueued, type Outbox } from '../store/outbox';
import type { DeliveryOutcome, StreamHandler } from '../store/outbox-delivery';
import type { CentralOutcome } from '../central-connection/connection';
import type { JourneyStore } from './journey-store';

interface Deps {
  central: CentralJourneysClient;
  store: JourneyStore;
  outbox: Outbox;
  logger: KioskLogger;
}

/** The check-in's code travels in the payload too: it names the appointment in the URL. */
const queuedCheckInSchema = checkInRequestSchema.extend({ code: appointmentCodeSchema });

/** An item that does not parse would not parse on a retry either: a dead letter, with the reason. */
function unreadable(reason: string, apply: (now: number) => void): DeliveryOutcome {
  return { kind: 'rejected', reason, response: null, apply };
}

const PAYLOAD_INVALID = 'payload-invalid';

/** The common mapping of a central outcome onto a delivery outcome. */
function settle<T>(
  outcome: CentralOutcome<T>,
  logger: KioskLogger,
  onOk: (body: T) => (now: number) => void,
  onRejected: (code: string) => (now: number) => void,
): DeliveryOutcome {
  switch (outcome.kind) {
    case 'ok':
      return { kind: 'ok', response: outcome.body, apply: onOk(outcome.body) };
    case 'rejected':
      return {
        kind: 'rejected',
        reason: `HTTP ${outcome.status} ${outcome.code}: ${outcome.message}`,
        response: outcome.body,
        apply: onRejected(outcome.code),
      };
    case 'unauthorized':
      logger.error('central.unauthorized', { reason: outcome.reason });
      return { kind: 'retry', reason: `unauthorized: ${outcome.reason}` };
    case 'retry':
      return outcome;
  }
}

export function bookingHandler({ central, store, outbox, logger }: Deps): StreamHandler {
  return async (item) => {
    // The citizen's digest comes back from the sealed fields (or, queued before that, the payload).
    const request = parseQueued(bookAppointmentRequestSchema, outbox.assemble(item));
    if (!request.ok)
      return unreadable(request.reason, (now) =>
        store.markAppointmentRejected(item.id, PAYLOAD_INVALID, now),
      );
    return settle(
      await central.bookAppointment(request.value, item.idempotencyKey),
      logger,
      ({ appointment: a }) =>
        (now) =>
          store.markBooked(item.id, a, now),
      (code) => (now) => store.markAppointmentRejected(item.id, code, now),
    );
  };
}

export function checkInHandler({ central, store, outbox, logger }: Deps): StreamHandler {
  return async (item) => {
    const request = parseQueued(queuedCheckInSchema, outbox.assemble(item));
    if (!request.ok)
      return unreadable(request.reason, (now) =>
        store.markAppointmentRejected(item.id, PAYLOAD_INVALID, now),
      );
    const { code, ...body } = request.value;
    return settle(
      await central.checkIn(code, body, item.idempotencyKey),
      logger,
      ({ ticket }) =>
        (now) =>
          store.markCheckedIn(item.id, ticket.number, now),
      (reject) => (now) => store.markAppointmentRejected(item.id, reject, now),
    );
  };
}

export function evaluationHandler({ central, store, outbox, logger }: Deps): StreamHandler {
  return async (item) => {
    // The free-text comment comes back from the sealed fields.
    const request = parseQueued(submitEvaluationRequestSchema, outbox.assemble(item));
    if (!request.ok)
      return unreadable(request.reason, (now) => store.markEvaluationRejected(item.id, PAYLOAD_INVALID, now));
    const { comment, ...rating } = request.value;
    const body = { ...rating, ...(comment ? { comment } : {}) };
    return settle(
      await central.submitEvaluation(body, item.idempotencyKey),
      logger,
      ({ evaluation }) =>
        (now) =>
          store.markEvaluated(item.id, evaluation.followUp?.deadline ?? null, now),
      (code) => (now) => store.markEvaluationRejected(item.id, code, now),
    );
  };
}

/**
 * Asks the central for the payment order of a case. The idempotency key makes a replay (after a
 * crash or a lost answer) answer the same order instead of creating a second one.
 */
export function paymentHandler({ central, store, outbox, logger }: Deps): StreamHandler {
  return async (item) => {
    const request = parseQueued(createPaymentRequestSchema, outbox.assemble(item));
    if (!request.ok)
      return unreadable(request.reason, (now) => store.markPaymentRejected(item.id, PAYLOAD_INVALID, now));
    return settle(
      await central.createPayment(request.value, item.idempotencyKey),
      logger,
      ({ payment }) =>
        (now) =>
          store.markPaymentCreated(item.id, payment, now),
      (code) => (now) => store.markPaymentRejected(item.id, code, now),
    );
  };
}
