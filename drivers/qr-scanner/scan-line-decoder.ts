import { decodeScanText, hasForeignControlBytes } from './scan-text';
import type { ScanDecodeResult } from './types';

/** Largest QR symbol (version 40, byte mode) holds 2953 bytes; anything longer is noise. */
export const MAX_SCAN_BYTES = 2953;
const CR = 0x0d;
const LF = 0x0a;

/**
 * Serial-mode scans: each scan is its bytes followed by CR, LF or CR LF. Results are typed; an
 * overlong or noisy line is reported and dropped, and decoding goes on with the next line, so the
 * decoder resynchronises at every terminator.
 */
export class ScanLineDecoder {
  private line: number[] = [];
  private overlong = false;

  /** Bytes of a scan not yet terminated. */
  get pendingBytes(): number {
    return this.line.length;
  }

  push(chunk: Uint8Array): ScanDecodeResult[] {
    const results: ScanDecodeResult[] = [];
    for (const b of chunk) {
      if (b === CR || b === LF) {
        // CR LF and blank lines end nothing: an empty line is not a scan.
        if (this.line.length > 0 || this.overlong) results.push(this.finish());
        continue;
      }
      if (this.line.length >= MAX_SCAN_BYTES) {
        this.overlong = true;
        continue;
      }
      this.line.push(b);
    }
    return results;
  }

  /** Drops an unterminated scan (the scanner went quiet mid-line); returns it as a partial error. */
  flushPartial(): ScanDecodeResult | null {
    if (this.line.length === 0 && !this.overlong) return null;
    const n = this.line.length;
    this.reset();
    return { ok: false, error: 'partial', detail: `unterminated scan of ${n} bytes dropped` };
  }

  reset(): void {
    this.line = [];
    this.overlong = false;
  }

  private finish(): ScanDecodeResult {
    const bytes = Uint8Array.from(this.line);
    const overlong = this.overlong;
    this.reset();
    if (overlong)
      return { ok: false, error: 'overlong', detail: `scan longer than ${MAX_SCAN_BYTES} bytes dropped` };
    if (hasForeignControlBytes(bytes)) {
      return { ok: false, error: 'garbage', detail: `${bytes.length} bytes with control characters dropped` };
    }
    return { ok: true, scan: { text: decodeScanText(bytes) } };
  }
}
