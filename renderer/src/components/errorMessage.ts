import type { TFunction } from 'i18next';
import type { ApiError } from '../api/client';

/**
 * The citizen's message for an error: `errors.<code>`, or its `_ticket` variant with the number
 * when the error carries a ticket (issued but not printed, or already taken).
 */
export function errorMessage(t: TFunction, error: ApiError): string {
  if (error.ticket !== undefined) {
    return t(`errors.${error.code}`, { context: 'ticket', number: error.ticket.number });
  }
  return t(`errors.${error.code}`);
}
