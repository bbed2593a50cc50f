export type {
  CardType,
  CardIdentity,
  CardRead,
  PhotoDecoder,
  CardReadError,
  CardReadFailure,
  CardReadResult,
} from './types';
export {
  SDT_PREAMBLE,
  SDT_COMMANDS,
  MAX_FRAME_LEN,
  xorChecksum,
  encodeFrame,
  encodeCommand,
  encodeResponse,
  decodeResponse,
  FrameParser,
} from './sdt-frame';
export type { SdtCommandName, SdtResponse, FrameParseResult } from './sdt-frame';
export { SW3_TABLE, sdtStatus, sdtReadError, describeSw3 } from './sdt-status';
export type { SdtStatus } from './sdt-status';
export {
  TEXT_BLOCK_LENGTH,
  CARD_TYPE_MARKER_OFFSET,
  TEXT_LAYOUTS,
  CARD_TYPE_MARKERS,
  encodeCardText,
  decodeCardText,
} from './card-text';
export type { TextFieldSpec, CardTextDecodeResult } from './card-text';
export { SdtCardReader, DEFAULT_RESPONSE_TIMEOUT_MS } from './sdt-reader';
export type { SdtResult, SdtCardReaderOptions } from './sdt-reader';
export {
  CardWatcher,
  DEFAULT_CARD_POLL_INTERVAL_MS,
  FAULTY_AFTER_FAILED_READS,
  cardKey,
} from './card-watcher';
export type { CardWatcherEvents, CardWatcherOptions, PollableCardReader } from './card-watcher';
export { SimulatedSdtCardDevice, sampleIdentity, samplePhoto } from './simulated-sdt-device';
export type { SdtFault } from './simulated-sdt-device';
export { sampleFingerprint } from './simulated-sdt-device';
export { MAX_FINGERPRINT_LENGTH } from './sdt-reader';
export {
  CARD_FIXTURES,
  residentCard,
  elderlyCitizenCard,
  hmtPermitCard,
  foreignerCard,
  foreigner2023Card,
} from './card-fixtures';
export type { CardFixtureName } from './card-fixtures';
