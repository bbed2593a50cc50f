import ipp from 'ipp';
import type { A4PrinterStatus } from './types';

// The codec is the ipp package's; it prints out-of-band values (no-value, unknown) to the console
// instead of returning them. An attribute without a value means "not known" here, so it is dropped.
ipp.parse.handleUnknownTag = () => undefined;

/** Operations the kiosk uses (RFC 8011 §4.2 / §4.3). */
export type IppOperation = 'Print-Job' | 'Get-Job-Attributes' | 'Get-Printer-Attributes' | 'Cancel-Job';

/** The printer's attributes the driver asks for: its state and why. */
export const PRINTER_ATTRIBUTES = [
  'printer-state',
  'printer-state-reasons',
  'printer-is-accepting-jobs',
  'printer-state-message',
] as const;
/** A job's attributes the driver follows it by. */
export const JOB_ATTRIBUTES = [
  'job-id',
  'job-state',
  'job-state-reasons',
  'job-impressions-completed',
] as const;

export type IppJobState =
  'pending' | 'pending-held' | 'processing' | 'processing-stopped' | 'canceled' | 'aborted' | 'completed';

export interface PrinterAttributes {
  printerState: 'idle' | 'processing' | 'stopped' | undefined;
  reasons: string[];
  acceptingJobs: boolean | undefined;
  message: string | undefined;
}

export interface JobAttributes {
  jobId: number;
  jobState: IppJobState | undefined;
  reasons: string[];
  impressionsCompleted: number;
}

export interface IppResponse {
  statusCode: string;
  ok: boolean;
  printer: PrinterAttributes | undefined;
  job: JobAttributes | undefined;
}

/** Thrown for an answer that is not IPP at all (a bug or a wrong URL, not a printer's state). */
export class IppProtocolError extends Error {
  override readonly name = 'IppProtocolError';
}

export interface RequestAttributes {
  printerUri: string;
  userName: string;
  jobId?: number;
  jobName?: string;
  requested?: readonly string[];
}

/** One IPP request as bytes; a Print-Job carries the PDF right after the attributes. */
export function encodeRequest(
  operation: IppOperation,
  id: number,
  attrs: RequestAttributes,
  document?: Uint8Array,
): Buffer {
  return ipp.serialize({
    version: '2.0',
    operation,
    id,
    'operation-attributes-tag': {
      'attributes-charset': 'utf-8',
      'attributes-natural-language': 'en',
      'printer-uri': attrs.printerUri,
      ...(attrs.jobId !== undefined ? { 'job-id': attrs.jobId } : {}),
      'requesting-user-name': attrs.userName,
      ...(attrs.jobName !== undefined ? { 'job-name': attrs.jobName } : {}),
      ...(document ? { 'document-format': 'application/pdf' } : {}),
      ...(attrs.requested ? { 'requested-attributes': [...attrs.requested] } : {}),
    },
    ...(document ? { data: Buffer.from(document) } : {}),
  });
}

const asArray = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const strings = (v: unknown): string[] => asArray(v).filter((s): s is string => typeof s === 'string');
const firstGroup = (g: unknown): Record<string, unknown> | undefined =>
  (Array.isArray(g) ? g[0] : g) as Record<string, unknown> | undefined;

const JOB_STATES = new Set<string>([
  'pending',
  'pending-held',
  'processing',
  'processing-stopped',
  'canceled',
  'aborted',
  'completed',
]);

export function decodeResponse(bytes: Buffer): IppResponse {
  if (bytes.length < 9 || bytes[0] === undefined || bytes[0] < 1 || bytes[0] > 2)
    throw new IppProtocolError(`not an IPP response (${bytes.length} bytes)`);
  const parsed = ipp.parse(bytes);
  // Status codes 0x0000-0x00FF are successes (RFC 8011 §4.1.6.1): the package names them successful-*.
  const statusCode = parsed.statusCode ?? `status-0x${bytes.readUInt16BE(2).toString(16)}`;
  const p = firstGroup(parsed['printer-attributes-tag']);
  const j = firstGroup(parsed['job-attributes-tag']);
  const state = p?.['printer-state'];
  const jobState = j?.['job-state'];
  return {
    statusCode,
    ok: statusCode.startsWith('successful-ok'),
    printer: p && {
      printerState: state === 'idle' || state === 'processing' || state === 'stopped' ? state : undefined,
      reasons: strings(p['printer-state-reasons']),
      acceptingJobs:
        typeof p['printer-is-accepting-jobs'] === 'boolean' ? p['printer-is-accepting-jobs'] : undefined,
      message: typeof p['printer-state-message'] === 'string' ? p['printer-state-message'] : undefined,
    },
    job: j && {
      jobId: typeof j['job-id'] === 'number' ? j['job-id'] : -1,
      jobState:
        typeof jobState === 'string' && JOB_STATES.has(jobState) ? (jobState as IppJobState) : undefined,
      reasons: strings(j['job-state-reasons']),
      impressionsCompleted:
        typeof j['job-impressions-completed'] === 'number' ? j['job-impressions-completed'] : 0,
    },
  };
}

/**
 * Where the document begins in a request: right after the end-of-attributes tag. The ipp package's
 * parser returns the document as a UTF-8 string, which mangles a PDF's binary bytes, so the
 * simulated printer finds the offset itself by walking the attribute encoding (RFC 8010 §3.1).
 */
export function documentOffset(bytes: Buffer): number {
  let at = 8; // version (2), operation-id (2), request-id (4)
  while (at < bytes.length) {
    const tag = bytes[at]!;
    if (tag === 0x03) return at + 1; // end-of-attributes-tag
    if (tag < 0x10) {
      at += 1; // a group delimiter
      continue;
    }
    if (at + 3 > bytes.length) break;
    const nameLength = bytes.readUInt16BE(at + 1);
    const valueAt = at + 3 + nameLength;
    if (valueAt + 2 > bytes.length) break;
    at = valueAt + 2 + bytes.readUInt16BE(valueAt);
  }
  throw new IppProtocolError('IPP request without an end-of-attributes tag');
}

/**
 * A reason's keyword without its severity suffix, and whether it counts: "-report" is information
 * only (RFC 8011 §5.4.12); a bare keyword, "-warning" and "-error" describe the printer as it is.
 */
function reasonKeywords(reasons: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const r of reasons) {
    if (r === 'none' || r.endsWith('-report')) continue;
    out.add(r.replace(/-(warning|error)$/, ''));
  }
  return out;
}

/** Which reason means which fault, most urgent first: the screen shows the one staff fix first. */
const FAULTS: readonly (readonly [A4PrinterStatus['state'], readonly string[]])[] = [
  ['jam', ['media-jam', 'input-tray-missing', 'output-area-full']],
  ['cover-open', ['door-open', 'cover-open', 'interlock-open']],
  ['paper-out', ['media-empty', 'media-needed']],
  ['toner-out', ['toner-empty', 'marker-supply-empty', 'marker-waste-full']],
];
const OFFLINE = ['offline', 'connecting-to-device', 'shutdown', 'paused', 'moving-to-paused', 'timed-out'];
const WARNINGS: readonly (readonly ['paper-near-end' | 'toner-low', readonly string[]])[] = [
  ['paper-near-end', ['media-low']],
  ['toner-low', ['toner-low', 'marker-supply-low', 'marker-waste-almost-full']],
];

/** The printer's status from its attributes. */
export function statusOf(printer: PrinterAttributes): A4PrinterStatus {
  const reasons = reasonKeywords(printer.reasons);
  for (const [state, keywords] of FAULTS) {
    if (keywords.some((k) => reasons.has(k))) return { state } as A4PrinterStatus;
  }
  const offline = OFFLINE.filter((k) => reasons.has(k));
  if (offline.length > 0) return { state: 'offline', detail: `printer ${offline.join(', ')}` };
  if (printer.printerState === 'stopped')
    return {
      state: 'offline',
      detail: `printer stopped${reasons.size ? `: ${[...reasons].join(', ')}` : ''}`,
    };
  if (printer.acceptingJobs === false) return { state: 'offline', detail: 'printer not accepting jobs' };
  if (printer.printerState === undefined) return { state: 'error', detail: 'printer-state missing' };
  for (const [state, keywords] of WARNINGS) {
    if (keywords.some((k) => reasons.has(k))) return { state };
  }
  return { state: 'ready' };
}
