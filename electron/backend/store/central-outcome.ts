import { centralErrorCodes } from '../../../central/contract';
import { httpErrorCodes } from '../../../central/http/contract';
import type { CentralOutcome } from '../central-connection/connection';
import type { KioskLogger } from '../logging/logger';
import type { DeliveryOutcome } from './outbox-delivery';

/** What a slice's row records when a queued item of its kind does not parse. */
export const PAYLOAD_INVALID = 'payload-invalid';

/**
 * Codes that say the request itself is wrong, not that the central weighed it and said no: the
 * protocol's own (a malformed body, a key reused), an answer without a code the API knows, and
 * the terminal disagreeing with the central about what exists (its hall, category, item, ...:
 * `unknown-*`), which is a configuration or catalogue fault for staff. These stay dead letters.
 */
const NOT_A_DECISION = new Set<string>([
  'bad-request',
  'unauthorized',
  'forbidden',
  'not-found',
  'missing-idempotency-key',
  'idempotency-key-reused',
  'payload-too-large',
  'unsupported-media-type',
  ...httpErrorCodes,
]);
const KNOWN_CODES = new Set<string>(centralErrorCodes);

/**
 * True when the central understood the request and deliberately refused it (the hall is closed
 * for the day, a ticket is already held, the slot is full, the case is refused): the citizen's
 * outcome, recorded on the slice's row. Sending it again would only be refused again, and nothing
 * is wrong with the terminal, so it is not a dead letter and offers no Retry.
 */
export function isDeliberateRefusal(status: number, code: string): boolean {
  return (
    status >= 400 &&
    status < 500 &&
    KNOWN_CODES.has(code) &&
    !NOT_A_DECISION.has(code) &&
    !code.startsWith('unknown-')
  );
}

/** A rejected central answer as the delivery settles it: a deliberate refusal, or a dead letter. */
export function centralRefusal(outcome: Extract<CentralOutcome<unknown>, { kind: 'rejected' }>): {
  kind: 'rejected';
  reason: string;
  response: unknown;
  refused: boolean;
} {
  return {
    kind: 'rejected',
    reason: `HTTP ${outcome.status} ${outcome.code}: ${outcome.message}`,
    response: outcome.body,
    refused: isDeliberateRefusal(outcome.status, outcome.code),
  };
}

/**
 * A central answer to a queued action as the delivery settles it: an acknowledgement or a refusal
 * records its consequence on the slice's row in the settling transaction; a refused token and a
 * failed attempt are tried again (field staff see the token refusal in the log).
 */
export function settleCentralOutcome<T>(
  outcome: CentralOutcome<T>,
  logger: Pick<KioskLogger, 'error'>,
  onOk: (body: T) => (now: number) => void,
  onRejected: (code: string) => (now: number) => void,
): DeliveryOutcome {
  switch (outcome.kind) {
    case 'ok':
      return { kind: 'ok', response: outcome.body, apply: onOk(outcome.body) };
    case 'rejected':
      return { ...centralRefusal(outcome), apply: onRejected(outcome.code) };
    case 'unauthorized':
      logger.error('central.unauthorized', { reason: outcome.reason });
      return { kind: 'retry', reason: `unauthorized: ${outcome.reason}` };
    case 'retry':
      return outcome;
  }
}
