import type { KioskLogger } from '../logging/logger';
import type { CentralJourneysClient } from '../sync/central-journeys-client';
import type { Outbox } from '../store/outbox';
import type { DeliveryOutcome, StreamHandler } from '../sync/outbox-delivery';
import type { CentralOutcome } from '../sync/central-client';
import type {
  BookPayload,
  CheckInPayload,
  EvaluationPayload,
  JourneyStore,
  PaymentPayload,
} from './journey-store';

interface Deps {
  central: CentralJourneysClient;
  store: JourneyStore;
  outbox: Outbox;
  logger: KioskLogger;
}

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

export function bookingHandler({ central, store, logger }: Deps): StreamHandler {
  return async (item) =>
    settle(
      await central.bookAppointment(item.payload as BookPayload, item.idempotencyKey),
      logger,
      ({ appointment: a }) =>
        (now) =>
          store.markBooked(item.id, a, now),
      (code) => (now) => store.markAppointmentRejected(item.id, code, now),
    );
}

export function checkInHandler({ central, store, logger }: Deps): StreamHandler {
  return async (item) => {
    const { code, ...body } = item.payload as CheckInPayload;
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
    const personal = item.hasPersonal ? outbox.openPersonal(item.id) : undefined;
    const comment = typeof personal?.comment === 'string' ? personal.comment : undefined;
    const body = { ...(item.payload as EvaluationPayload), ...(comment ? { comment } : {}) };
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
export function paymentHandler({ central, store, logger }: Deps): StreamHandler {
  return async (item) =>
    settle(
      await central.createPayment(item.payload as PaymentPayload, item.idempotencyKey),
      logger,
      ({ payment }) =>
        (now) =>
          store.markPaymentCreated(item.id, payment, now),
      (code) => (now) => store.markPaymentRejected(item.id, code, now),
    );
}
