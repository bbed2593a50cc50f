import type { KioskState } from '../../../../electron/backend/api/contract';

/**
 * Reader states in which no card can be read: unplugged or silent, failing read after read (a
 * broken SAM module answers every read with its status), or reporting an error. 'starting' is not
 * among them: the first poll follows at once, and a citizen is not told the reader is broken for it.
 */
const OUT_OF_ORDER: ReadonlySet<string> = new Set(['disconnected', 'faulty', 'error', 'offline']);

/** Whether the card reader cannot read a card now, so the screen must not ask for one. */
export function cardReadingOutOfOrder(kiosk: Pick<KioskState, 'devices'> | null): boolean {
  return kiosk !== null && OUT_OF_ORDER.has(kiosk.devices.idCardReader.state);
}
