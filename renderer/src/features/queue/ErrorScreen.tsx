import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../../../electron/backend/api/contract';
import { goHome, useKioskStore } from '../../state/kioskStore';
import { errorMessage } from '../../components/errorMessage';
import { openTakeNumber, retryLastTicket } from './queueActions';
import { TicketScreen } from './TicketScreen';

/** Failures where the same request may well succeed a moment later (no ticket was issued). */
const RETRYABLE: ReadonlySet<ErrorCode> = new Set([
  'central-unreachable',
  'internal',
  'printer-paper-out',
  'printer-cover-open',
  'printer-offline',
  'printer-error',
]);

/** A ticket that could not be taken: the plain message, and the way on: back home, or try again. */
export function ErrorScreen() {
  const { t } = useTranslation();
  const error = useKioskStore((s) => s.error);
  const lastCategory = useKioskStore((s) => s.lastCategory);
  if (error === null) return null;
  if (error.ticket !== undefined) return <TicketScreen ticket={error.ticket} error={error} />;

  const canRetry = RETRYABLE.has(error.code) && lastCategory !== null;
  return (
    <section className="screen error">
      <h1>{t('error.title')}</h1>
      <p className="alert alert-large" role="alert" data-testid="error-message">
        {errorMessage(t, error)}
      </p>
      <div className="button-row">
        {canRetry && (
          <button
            type="button"
            className="btn btn-primary"
            data-testid="error-retry"
            onClick={() => void retryLastTicket()}
          >
            {t('error.retry')}
          </button>
        )}
        {error.code === 'unknown-category' && (
          <button
            type="button"
            className="btn btn-primary"
            data-testid="error-choose"
            onClick={openTakeNumber}
          >
            {t('queue.title')}
          </button>
        )}
        <button type="button" className="btn btn-secondary" data-testid="error-back" onClick={goHome}>
          {t('error.back')}
        </button>
      </div>
    </section>
  );
}
