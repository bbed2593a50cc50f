import type { CentralOutcome } from '../central-connection/connection';
import type { KioskLogger } from '../logging/logger';
import type { DeliveryOutcome } from './outbox-delivery';

/** What a slice's row records when a queued item of its kind does not parse. */
export const PAYLOAD_INVALID = 'payload-invalid';

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
