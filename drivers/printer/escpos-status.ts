export type PrinterStatus =
  | { state: 'ready'; paperNearEnd: boolean }
  | { state: 'paper-out' }
  | { state: 'cover-open' }
  | { state: 'offline'; detail: string }
  | { state: 'error'; detail: string }
  | { state: 'disconnected'; detail: string };

/** The four real-time status bytes, answers to DLE EOT 1, 2, 3, 4. */
export interface RealtimeStatusBytes {
  printer: number;
  offline: number;
  error: number;
  paper: number;
}

/**
 * Fixed bits of every DLE EOT reply: bit 4 set, bits 0 and 7 clear. Bit 1 is not checked: our
 * reference calls it fixed 0, but Epson's manual (and printers in the field, which answer 0x12 or
 * 0x16 when ready) have it fixed 1. Accepting either keeps both families working, and bits 0, 4
 * and 7 still tell a status byte from line noise.
 */
export const STATUS_FIXED_MASK = 0x91;
export const STATUS_FIXED_VALUE = 0x10;
/** What Epson-compatible printers answer in bit 1; the simulator answers like them. */
const EPSON_FIXED_BIT_1 = 0x02;

export const STATUS_BITS = {
  printer: { offline: 0x08 },
  offline: { coverOpen: 0x04, feedButton: 0x08, paperEndStop: 0x20, error: 0x40 },
  error: { recoverable: 0x04, autoCutter: 0x08, unrecoverable: 0x20, autoRecoverable: 0x40 },
  paper: { nearEnd: 0x0c, end: 0x60 },
} as const;

export function isWellFormedStatusByte(b: number): boolean {
  return Number.isInteger(b) && b >= 0 && b <= 0xff && (b & STATUS_FIXED_MASK) === STATUS_FIXED_VALUE;
}

/**
 * One status from the four replies. The most actionable condition wins: a malformed reply, then
 * cover open, paper out, an error, offline, and finally ready (with the near-end warning).
 */
export function parsePrinterStatus(bytes: RealtimeStatusBytes): PrinterStatus {
  for (const [n, key] of [
    [1, 'printer'],
    [2, 'offline'],
    [3, 'error'],
    [4, 'paper'],
  ] as const) {
    const b = bytes[key];
    if (!isWellFormedStatusByte(b)) {
      return { state: 'error', detail: `malformed reply to DLE EOT ${n}: 0x${hex(b)}` };
    }
  }
  const { printer, offline, error, paper } = bytes;
  if (offline & STATUS_BITS.offline.coverOpen) return { state: 'cover-open' };
  if (paper & STATUS_BITS.paper.end || offline & STATUS_BITS.offline.paperEndStop)
    return { state: 'paper-out' };

  const errors: string[] = [];
  if (error & STATUS_BITS.error.recoverable) errors.push('recoverable error (e.g. cutter)');
  if (error & STATUS_BITS.error.autoCutter) errors.push('auto-cutter error');
  if (error & STATUS_BITS.error.unrecoverable) errors.push('unrecoverable error');
  if (error & STATUS_BITS.error.autoRecoverable)
    errors.push('auto-recoverable error (e.g. head temperature)');
  if (errors.length > 0) return { state: 'error', detail: errors.join(', ') };
  if (offline & STATUS_BITS.offline.error)
    return { state: 'error', detail: 'error reported in offline cause' };

  if (printer & STATUS_BITS.printer.offline) {
    const cause = offline & STATUS_BITS.offline.feedButton ? 'paper being fed by the feed button' : 'offline';
    return { state: 'offline', detail: cause };
  }
  return { state: 'ready', paperNearEnd: (paper & STATUS_BITS.paper.nearEnd) !== 0 };
}

/** The bytes a printer in a given condition answers; used by the simulator and tests. */
export function statusBytesFor(
  condition: 'ready' | 'paper-near-end' | 'paper-out' | 'cover-open' | 'offline',
): RealtimeStatusBytes {
  const base = STATUS_FIXED_VALUE | EPSON_FIXED_BIT_1;
  const offlineBit =
    condition === 'ready' || condition === 'paper-near-end' ? 0 : STATUS_BITS.printer.offline;
  return {
    printer: base | offlineBit,
    offline:
      base |
      (condition === 'cover-open' ? STATUS_BITS.offline.coverOpen : 0) |
      (condition === 'paper-out' ? STATUS_BITS.offline.paperEndStop : 0),
    error: base,
    paper:
      base |
      (condition === 'paper-near-end' || condition === 'paper-out' ? STATUS_BITS.paper.nearEnd : 0) |
      (condition === 'paper-out' ? STATUS_BITS.paper.end : 0),
  };
}

function hex(n: number): string {
  return (n & 0xff).toString(16).padStart(2, '0').toUpperCase();
}
