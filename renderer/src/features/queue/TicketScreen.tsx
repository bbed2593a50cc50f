import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssuedTicket } from '../../../../electron/backend/api/contract';
import type { ApiError } from '../../api/client';
import { endSession } from '../../state/actions';
import { useKioskStore } from '../../state/kioskStore';
import { errorMessage } from '../../components/errorMessage';
import { hallClockLocalized } from '../../../../domain/hall-time';
import { Prompt, useSpoken } from '../../components/Prompt';

/** The QR drawing loads only when a slip did not print (it is shared with the journeys' screens). */
const QrImage = lazy(() => import('../../components/QrImage').then((m) => ({ default: m.QrImage })));

/**
 * The ticket, large. Also shown for an error that carries a ticket (printed failed, or the citizen
 * already had one): then the error's message comes first and the number stays on screen so it can
 * be photographed.
 */
export function TicketScreen({ ticket, error }: { ticket: IssuedTicket; error?: ApiError | null }) {
  const { t } = useTranslation();
  const language = useKioskStore((s) => s.language);
  const printed = ticket.printed && (error === null || error === undefined);
  const byCard = useKioskStore((s) => (s.kiosk?.citizen?.source ?? 'card') === 'card');
  // An error carrying a ticket (not printed, or already taken) is the message to hear.
  useSpoken(error ? errorMessage(t, error) : null);

  return (
    <section className="screen ticket" data-testid="ticket-screen">
      {error ? (
        <p className="alert alert-large" role="alert" data-testid="error-message">
          {errorMessage(t, error)}
        </p>
      ) : (
        <Prompt
          text={t('ticket.title')}
          spoken={`${t('ticket.title')} ${t('ticket.number')} ${ticket.number}`}
        />
      )}
      <div className="ticket-card">
        <p className="ticket-label">{t('ticket.number')}</p>
        <p className="ticket-number" data-testid="ticket-number">
          {ticket.number}
        </p>
        <p className="ticket-line">
          {t('ticket.category', {
            name: language === 'en' ? ticket.categoryName.en : ticket.categoryName.zh,
          })}
        </p>
        {ticket.priority !== 'normal' && (
          <p className="green-channel" data-testid="ticket-priority">
            {t(`ticket.priority.${ticket.priority}`)}
          </p>
        )}
        {ticket.offline ? (
          <p className="ticket-line" data-testid="ticket-offline">
            {t('ticket.offline')}
          </p>
        ) : (
          <>
            <p className="ticket-line" data-testid="ticket-ahead">
              {t('ticket.ahead', { count: ticket.waitingAhead })}
            </p>
            <p className="ticket-line">{t('ticket.estimate', { count: ticket.estimatedWaitMinutes })}</p>
          </>
        )}
        <p className="ticket-line ticket-small">
          {t('ticket.issuedAt', { time: hallClockLocalized(ticket.issuedAt, language) })}
        </p>
        <p className="ticket-void">{t('ticket.void')}</p>
      </div>
      {!ticket.printed && !error && (
        <p className="alert" role="alert" data-testid="ticket-not-printed">
          {t('ticket.notPrinted')}
        </p>
      )}
      {!ticket.printed && ticket.followUrl && (
        // No slip: the slip's QR code on screen, to scan or photograph with the number.
        <div className="ticket-qr" data-testid="ticket-qr-block">
          <p className="ticket-line">{t('ticket.qrHint')}</p>
          <Suspense fallback={null}>
            <QrImage data={ticket.followUrl} label={t('ticket.qrHint')} testId="ticket-qr" />
          </Suspense>
        </div>
      )}
      {(printed || byCard) && (
        // Only a card that was read is asked back; a typed number or the app's code left none.
        <p className="take-away" data-testid="take-away">
          {printed ? (byCard ? t('ticket.takeAway') : t('identity.ticket.takeTicket')) : t('ticket.takeCard')}
        </p>
      )}
      <button
        type="button"
        className="btn btn-primary"
        data-testid="ticket-done"
        onClick={() => void endSession()}
      >
        {t('ticket.done')}
      </button>
    </section>
  );
}
