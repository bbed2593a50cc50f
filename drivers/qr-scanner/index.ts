export type { ScanEvent, ScanError, ScanDecodeResult } from './types';
export { ScanLineDecoder, MAX_SCAN_BYTES } from './scan-line-decoder';
export { HidPosScanAssembler, encodeHidPosReports, HIDPOS_LAYOUT, HIDPOS_USAGE_PAGE } from './hidpos-report';
export {
  BarcodeScanner,
  SerialBarcodeScanner,
  HidPosBarcodeScanner,
  SCAN_IDLE_TIMEOUT_MS,
} from './barcode-scanner';
export type { ScanErrorEvent } from './barcode-scanner';
export { SimulatedSerialScanner, SimulatedHidPosScanner } from './simulated-scanner';
