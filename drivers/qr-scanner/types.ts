export interface ScanEvent {
  /** The decoded symbol text. Treat as untrusted input (validate before use; never log it). */
  text: string;
  /** AIM symbology identifier (e.g. "]Q1" for QR) when the scanner reports one. */
  symbology?: string;
}

export type ScanError =
  /** Bytes that cannot be a scan (control bytes, report of unknown shape). */
  | 'garbage'
  /** A scan that started and never finished (cut cable, power dip). */
  | 'partial'
  /** Longer than any symbol can be. */
  | 'overlong';

export type ScanDecodeResult =
  { ok: true; scan: ScanEvent } | { ok: false; error: ScanError; detail: string };
