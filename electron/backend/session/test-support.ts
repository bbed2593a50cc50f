import type { Clock } from '../../../domain/clock';
import type { CardRead } from '../../../drivers/id-card-reader/types';
import type { KioskDevices } from '../devices/kiosk-devices';
import { CitizenSession } from './citizen-session';

/**
 * A session whose reader still holds the card it was last started with, as when the citizen leaves
 * the card in place: every confirmation finds it. For tests of citizen actions that are not about the
 * reader (those use the real watcher and reader).
 */
export function sessionWithCardLeftOn(deps: { clock: Clock; citizenRefKey: string }): CitizenSession {
  let onReader: CardRead | undefined;
  const session = new CitizenSession({
    ...deps,
    readCardOnReader: async () =>
      onReader ? { ok: true, card: onReader } : { ok: false, error: 'no-card', detail: 'find card: no card' },
  });
  const start = session.start.bind(session);
  session.start = (card) => {
    onReader = structuredClone(card);
    start(card);
  };
  return session;
}

/**
 * Lays the card on the simulated reader and has the kiosk read it at once (no poll to wait for),
 * as a citizen placing their card: the session that starts is bound to the card on the reader.
 */
export async function placeCardOnReader(
  kiosk: { devices: Pick<KioskDevices, 'simulatedCard' | 'confirmCard'>; session: CitizenSession },
  card: CardRead,
): Promise<void> {
  const reader = kiosk.devices.simulatedCard;
  if (!reader) throw new Error('placeCardOnReader needs the simulated card reader');
  reader.placeCard(card.identity);
  const read = await kiosk.devices.confirmCard();
  if (!read.ok || !kiosk.session.isCard(card)) {
    throw new Error(`the placed card did not start its session: ${read.ok ? 'another card' : read.error}`);
  }
}
