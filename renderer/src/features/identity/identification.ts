import type { CitizenView } from '../../../../electron/backend/api/contract';

/** How the citizen identified: the card (the view's `source` may be absent on an older backend), a typed number or the app's QR code. */
export type IdentifiedBy = 'card' | 'typed' | 'qr';

export const identifiedBy = (citizen: CitizenView): IdentifiedBy => citizen.source ?? 'card';

/** The journeys a citizen can start from the identified home screen. */
export type HomeJourney = 'take-number' | 'appointments' | 'apply' | 'progress' | 'pay' | 'rate' | 'guide';

/**
 * Journeys that act in the card's name, which the backend refuses to a typed number or the app's
 * code (needs-card): an application is made in the card's name, and cases and unpaid fees reveal a
 * citizen's affairs to whoever typed a number. They are not offered without a card, as paying never
 * was, and the home screen says in one line what needs the card — a tile that only refuses when
 * tapped is a promise the kiosk does not keep.
 */
export const CARD_ONLY_JOURNEYS: readonly HomeJourney[] = ['apply', 'progress', 'pay'];

/** Whether the home screen offers `journey` to this citizen. */
export function offered(citizen: CitizenView, journey: HomeJourney): boolean {
  return identifiedBy(citizen) === 'card' || !CARD_ONLY_JOURNEYS.includes(journey);
}
