export type { PrintBlock, PrintDocument } from './document';
export {
  encodeEscPos,
  wrapText,
  charColumns,
  textColumns,
  PAPER_COLUMNS,
  CMD,
  CUT_EXTRA_FEED,
  DEFAULT_QR_MODULE_SIZE,
  DEFAULT_QR_ERROR_CORRECTION,
  QR_MAX_DATA_BYTES,
} from './escpos-encoder';
export type { PaperWidthMm } from './escpos-encoder';
export {
  parsePrinterStatus,
  isWellFormedStatusByte,
  statusBytesFor,
  STATUS_BITS,
  STATUS_FIXED_MASK,
  STATUS_FIXED_VALUE,
} from './escpos-status';
export type { PrinterStatus, RealtimeStatusBytes } from './escpos-status';
export {
  EscPosPrinter,
  DEFAULT_STATUS_TIMEOUT_MS,
  UNSTICK_NUL_BYTES,
  STATUS_ATTEMPTS,
  REMEMBERED_JOB_IDS,
} from './escpos-printer';
export type { PrintResult, EscPosPrinterOptions } from './escpos-printer';
export { EscPosPaperDecoder } from './escpos-paper-decoder';
export { SimulatedEscPosPrinter } from './simulated-escpos-printer';
export type { SimulatedPrinterState, SimulatedPrinterFault } from './simulated-escpos-printer';
export { renderPaperPreview } from './paper-preview';
export { SequenceMatcher } from './sequence-matcher';
export type { PresenterState, SimulatedEscPosPrinterOptions } from './simulated-escpos-printer';
