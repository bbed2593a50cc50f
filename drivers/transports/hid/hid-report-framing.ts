/**
 * How a HID device tunnels a byte stream (e.g. SDT frames) through fixed-size reports. Vendors
 * differ, so this is per-model configuration. ASSUMED default (to check against each reader model):
 * every report is `reportId | n | n payload bytes | zero padding` to `reportLength` bytes, in both
 * directions, where reportLength counts the report id byte.
 */
export interface HidReportFraming {
  /** Report id of the data reports; 0 = the device has no numbered reports. */
  reportId: number;
  /** Whole report size including the id byte (64 for most full-speed devices). */
  reportLength: number;
  /**
   * true: the byte after the id is the count of payload bytes that follow. false: every byte after
   * the id is payload (the stream's own framing must then tolerate trailing zero padding).
   */
  lengthPrefixed: boolean;
}

export const DEFAULT_HID_REPORT_FRAMING: HidReportFraming = {
  reportId: 0,
  reportLength: 64,
  lengthPrefixed: true,
};

function headerLength(framing: HidReportFraming): number {
  return 1 + (framing.lengthPrefixed ? 1 : 0);
}

export function payloadPerReport(framing: HidReportFraming): number {
  return framing.reportLength - headerLength(framing);
}

/** Splits a byte stream into output reports. An empty stream makes no report. */
export function encodeHidReports(data: Uint8Array, framing: HidReportFraming): Uint8Array[] {
  const size = payloadPerReport(framing);
  if (size < 1) throw new RangeError(`HID report length ${framing.reportLength} leaves no room for data`);
  const reports: Uint8Array[] = [];
  for (let start = 0; start < data.length; start += size) {
    const piece = data.subarray(start, start + size);
    const report = new Uint8Array(framing.reportLength);
    report[0] = framing.reportId;
    if (framing.lengthPrefixed) report[1] = piece.length;
    report.set(piece, headerLength(framing));
    reports.push(report);
  }
  return reports;
}

export type HidReportDecodeResult =
  { ok: true; payload: Uint8Array } | { ok: false; error: 'other-report' | 'bad-length'; detail: string };

/**
 * The payload of one input report. The OS strips report id 0 on some platforms and not on others,
 * so with reportId 0 a report of reportLength - 1 bytes is taken as id-less.
 */
export function decodeHidReport(report: Uint8Array, framing: HidReportFraming): HidReportDecodeResult {
  let body = report;
  if (framing.reportId !== 0 || report.length >= framing.reportLength) {
    if (report.length === 0 || report[0] !== framing.reportId) {
      return { ok: false, error: 'other-report', detail: `report id ${report[0] ?? 'none'} ignored` };
    }
    body = report.subarray(1);
  }
  if (!framing.lengthPrefixed) return { ok: true, payload: Uint8Array.from(body) };
  const n = body[0];
  if (n === undefined || n > body.length - 1) {
    return {
      ok: false,
      error: 'bad-length',
      detail: `report length byte ${n ?? 'missing'} exceeds the report`,
    };
  }
  return { ok: true, payload: Uint8Array.from(body.subarray(1, 1 + n)) };
}
