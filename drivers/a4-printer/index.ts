export type {
  A4Printer,
  A4PrinterStatus,
  A4PrinterState,
  A4JobProgress,
  A4PrintRequest,
  A4PrintResult,
} from './types';
export { canPrint } from './types';
export { IppA4Printer, JOB_POLL_INTERVAL_MS, JOB_TIMEOUT_MS, IPP_USER_NAME } from './ipp-a4-printer';
export type { IppA4PrinterOptions } from './ipp-a4-printer';
export { httpIppTransport, httpUrlOf, IPP_REQUEST_TIMEOUT_MS } from './ipp-transport';
export type { IppTransport } from './ipp-transport';
export { statusOf, decodeResponse, encodeRequest, documentOffset, IppProtocolError } from './ipp-codec';
export { SimulatedIppPrinter } from './simulated-ipp-printer';
export type {
  SimulatedA4Fault,
  SimulatedA4Output,
  SimulatedIppPrinterOptions,
} from './simulated-ipp-printer';
