import { MAX_SCAN_BYTES } from './scan-line-decoder';
import { decodeScanText, hasForeignControlBytes } from './scan-text';
import type { ScanDecodeResult } from './types';

/**
 * HID POS barcode scanner (usage page 0x8C) "scanned data" input report, declared once.
 * ASSUMED layout, the one common scanner families use in HID POS mode (check each model's
 * descriptor): report id 0x02, then the count of data bytes in this report, a 3-byte AIM symbology
 * identifier, 56 data bytes, 2 reserved bytes and a flags byte whose bit 0 says "more reports of
 * this scan follow".
 */
export const HIDPOS_USAGE_PAGE = 0x8c;
export const HIDPOS_LAYOUT = {
  reportId: 0x02,
  reportLength: 64,
  lengthOffset: 1,
  symbologyOffset: 2,
  symbologyLength: 3,
  dataOffset: 5,
  dataCapacity: 56,
  flagsOffset: 63,
  moreDataFlag: 0x01,
} as const;

/** Builds the reports of one scan (for the simulator and tests). */
export function encodeHidPosReports(data: Uint8Array, symbology = ']Q1'): Uint8Array[] {
  const L = HIDPOS_LAYOUT;
  const reports: Uint8Array[] = [];
  const sym = new TextEncoder().encode(symbology.padEnd(L.symbologyLength, '\0').slice(0, L.symbologyLength));
  for (let start = 0; start < Math.max(1, data.length); start += L.dataCapacity) {
    const piece = data.subarray(start, start + L.dataCapacity);
    const report = new Uint8Array(L.reportLength);
    report[0] = L.reportId;
    report[L.lengthOffset] = piece.length;
    report.set(sym, L.symbologyOffset);
    report.set(piece, L.dataOffset);
    if (start + L.dataCapacity < data.length) report[L.flagsOffset] = L.moreDataFlag;
    reports.push(report);
  }
  return reports;
}

/**
 * Reassembles scans from input reports. A report of the wrong shape is reported as garbage and
 * drops any scan in progress, so the next clean report starts afresh (resynchronisation).
 */
export class HidPosScanAssembler {
  private data: number[] = [];
  private symbology = '';

  get inProgress(): boolean {
    return this.data.length > 0;
  }

  push(report: Uint8Array): ScanDecodeResult | null {
    const L = HIDPOS_LAYOUT;
    if (report.length !== L.reportLength || report[0] !== L.reportId) {
      const dropped = this.data.length;
      this.reset();
      return {
        ok: false,
        error: 'garbage',
        detail: `report of ${report.length} bytes, id ${report[0] ?? 'none'} ignored${dropped ? `; ${dropped} buffered bytes dropped` : ''}`,
      };
    }
    const n = report[L.lengthOffset]!;
    if (n > L.dataCapacity) {
      this.reset();
      return { ok: false, error: 'garbage', detail: `report data length ${n} exceeds ${L.dataCapacity}` };
    }
    if (this.data.length === 0) {
      this.symbology = decodeScanText(
        report.subarray(L.symbologyOffset, L.symbologyOffset + L.symbologyLength),
      ).replace(/\0+$/, '');
    }
    for (const b of report.subarray(L.dataOffset, L.dataOffset + n)) this.data.push(b);
    if (this.data.length > MAX_SCAN_BYTES) {
      this.reset();
      return { ok: false, error: 'overlong', detail: `scan longer than ${MAX_SCAN_BYTES} bytes dropped` };
    }
    if (report[L.flagsOffset]! & L.moreDataFlag) return null;
    const bytes = Uint8Array.from(this.data);
    const symbology = this.symbology;
    this.reset();
    if (bytes.length === 0) return null;
    if (hasForeignControlBytes(bytes)) {
      return { ok: false, error: 'garbage', detail: `${bytes.length} bytes with control characters dropped` };
    }
    return { ok: true, scan: { text: decodeScanText(bytes), ...(symbology ? { symbology } : {}) } };
  }

  /** Drops a scan whose remaining reports never came; returns it as a partial error. */
  flushPartial(): ScanDecodeResult | null {
    if (this.data.length === 0) return null;
    const n = this.data.length;
    this.reset();
    return { ok: false, error: 'partial', detail: `unfinished scan of ${n} bytes dropped` };
  }

  reset(): void {
    this.data = [];
    this.symbology = '';
  }
}
