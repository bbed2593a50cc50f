import type { ErrorCode } from '../api/contract';

/** The errors a citizen's paper can fail with; the screen says which fault to tell staff about. */
export type PrinterErrorCode = Extract<ErrorCode, `printer-${string}`>;

/**
 * The error code of each printer state that leaves a citizen without their paper (ticket, receipt,
 * notice). A printer that is unplugged is as offline to the citizen as one that reports offline.
 */
export const PRINTER_ERROR: Readonly<Record<string, PrinterErrorCode>> = {
  'paper-out': 'printer-paper-out',
  'cover-open': 'printer-cover-open',
  offline: 'printer-offline',
  disconnected: 'printer-offline',
};

/** The error of a print that failed in `state`; a state without its own code is `printer-error`. */
export function printerErrorCode(state: string): PrinterErrorCode {
  return PRINTER_ERROR[state] ?? 'printer-error';
}
