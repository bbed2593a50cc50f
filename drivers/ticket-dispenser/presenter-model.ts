/**
 * What a kiosk printer's presenter understands. Vendors differ, so every byte here is per-model
 * configuration, written as hex strings in the kiosk configuration ("1D 65 05").
 */
export interface PresenterModel {
  /** Pushes the cut ticket out to the citizen. */
  ejectCommand: Uint8Array;
  /** Pulls an untaken ticket back in (to the retract bin). */
  retractCommand: Uint8Array;
  /** Seconds to wait for the citizen before retracting; 0 = never retract. */
  retractAfterMs: number;
  /** How the kiosk learns the ticket was taken; absent = the model cannot tell. */
  takenDetection?: {
    /** A query whose one-byte reply carries the presenter's paper sensor. */
    query: Uint8Array;
    /** Bit(s) set in the reply while a ticket is still in the presenter. */
    ticketPresentMask: number;
  };
}

/**
 * The model the simulator implements and the configuration defaults to. ASSUMPTION for the
 * sensor: `GS r 1` answered with bit 2 (0x04) set while a ticket sits in the presenter; eject is the
 * reference's `GS e 05`, retract `GS e 02`. Check each real model's manual.
 */
export const GENERIC_PRESENTER: PresenterModel = {
  ejectCommand: Uint8Array.of(0x1d, 0x65, 0x05),
  retractCommand: Uint8Array.of(0x1d, 0x65, 0x02),
  retractAfterMs: 30_000,
  takenDetection: { query: Uint8Array.of(0x1d, 0x72, 0x01), ticketPresentMask: 0x04 },
};

/** Parses "1D 65 05" / "1d6505"; null if it is not whole hex bytes. */
export function parseHexBytes(text: string): Uint8Array | null {
  const compact = text.replace(/[\s,:]/g, '');
  if (compact.length === 0 || compact.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(compact)) return null;
  return Uint8Array.from(compact.match(/../g)!.map((h) => parseInt(h, 16)));
}
