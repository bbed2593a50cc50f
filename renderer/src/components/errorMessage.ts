import type { TFunction } from 'i18next';
import type { ApiError } from '../api/client';

/**
 * The citizen's message for an error: `errors.<code>`, or its `_ticket` variant with the number
 * when the error carries a ticket (issued but not printed, or already taken). A journey's precise
 * reason comes first when it has words of its own (a booking already checked in says so, not
 * only that the central refused), as in the journeys' footer.
 */
export function errorMessage(t: TFunction, error: ApiError): string {
  if (error.ticket !== undefined) {
    return t(`errors.${error.code}`, { context: 'ticket', number: error.ticket.number });
  }
  if (error.reason !== undefined) {
    return t(`journeyErrors.${error.reason}`, { defaultValue: t(`errors.${error.code}`) });
  }
  return t(`errors.${error.code}`);
}
