import type { KioskEvent } from '../api/contract';
import type { KioskDevices } from '../devices/kiosk-devices';
import type { KioskLogger } from '../logging/logger';
import type { StaffAlerts } from '../staff-call/alerts';
import type { CitizenSession } from './citizen-session';

/**
 * Binds the card session to the card on the reader: a card starts a session, another card replaces
 * it, taking the card away ends its session (and no other), and a reader that cannot say what lies on it (any error: silence, unplug, checksum, bad
 * status) ends it at once, with the reason on screen. A reader failing poll after poll alerts staff.
 */
export function bindCardSession(deps: {
  devices: KioskDevices;
  session: CitizenSession;
  logger: KioskLogger;
  alerts: StaffAlerts;
  emit: (event: KioskEvent) => void;
}): { cardOnReader(): boolean } {
  const { devices, session, logger, alerts, emit } = deps;
  // A card read and still on the reader: after a session ends by "finish" or idle, the screen
  // asks the citizen to take it (nothing else would tell them, and the next one needs the reader).
  let cardOnReader = false;
  devices.start({
    onCard: (card) => {
      cardOnReader = true;
      if (session.source === 'card' && !session.isCard(card)) {
        logger.warn('card.session-ended', { reason: 'card-changed' });
      }
      session.start(card);
      logger.info('card.read', { cardType: card.identity.cardType });
    },
    onRemoved: () => {
      cardOnReader = false;
      // Only the card's own session ends with it. A card left behind after its session ended may be
      // taken back while someone else, who typed their number or scanned the app, is being served.
      if (session.source === 'card' && session.end()) logger.info('card.removed');
      else emit({ type: 'state-changed' });
    },
    onReadError: (error, detail) => {
      logger.warn('card.read-failed', { error, detail });
      // Whatever lies on the reader now is read afresh once it answers again.
      cardOnReader = false;
      if (session.source === 'card') {
        session.end();
        logger.warn('card.session-ended', { reason: error });
        emit({ type: 'card-error', code: 'card-session-ended' });
      } else {
        emit({ type: 'card-error', code: 'card-read-failed' });
      }
    },
    onReaderFaulty: (error) =>
      alerts.raise({
        what: 'card-reader-faulty',
        device: 'idCardReader',
        state: error === 'disconnected' ? 'disconnected' : 'faulty',
      }),
  });
  return { cardOnReader: () => cardOnReader };
}
