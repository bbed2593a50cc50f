/**
 * The A4 printer as data. Faults come from the printer's own printer-state and printer-state-reasons
 * (RFC 8011, PWG 5100.x) as CUPS relays them; `detail` is for staff and logs and never holds
 * personal data (job names are the kiosk's own ids).
 */
export type A4PrinterStatus =
  | { state: 'ready' }
  /** Still printing, but the tray or the toner will run out soon: staff should refill. */
  | { state: 'paper-near-end' }
  | { state: 'toner-low' }
  | { state: 'paper-out' }
  | { state: 'toner-out' }
  | { state: 'jam' }
  | { state: 'cover-open' }
  /** The printer (or its CUPS queue) is stopped, paused, not accepting jobs or not connected. */
  | { state: 'offline'; detail: string }
  /** CUPS itself cannot be reached or answers nonsense. */
  | { state: 'disconnected'; detail: string }
  | { state: 'error'; detail: string };

export type A4PrinterState = A4PrinterStatus['state'];

/** States in which a job can be sent: warnings still print. */
export function canPrint(status: A4PrinterStatus): boolean {
  return status.state === 'ready' || status.state === 'paper-near-end' || status.state === 'toner-low';
}

/** Where a job is, as the citizen's screen follows it. */
export type A4JobProgress =
  | { phase: 'sent'; jobId: number }
  | { phase: 'printing'; jobId: number; pagesDone: number }
  /** The printer stopped mid-job with this fault; the job waits in the queue. */
  | { phase: 'stopped'; jobId: number; status: A4PrinterStatus };

export interface A4PrintRequest {
  pdf: Uint8Array;
  /**
   * The caller's key of this document: a second request with the same key never prints a second
   * copy while the first job is alive or done (a retry after a jam follows the first job).
   */
  jobKey: string;
  /** The job's name at the printer and in CUPS's logs: the kiosk's own id, never a citizen's name. */
  jobName: string;
  onProgress?: (progress: A4JobProgress) => void;
}

export type A4PrintResult =
  | { ok: true; jobId: number; pages: number; alreadyPrinted: boolean }
  /**
   * Not printed (yet). `jobId` when a job exists: `pending` says it still waits at the printer (a
   * jam or an empty tray stopped it) and a retry with the same key follows it; otherwise the job
   * was aborted or cancelled and a retry prints anew.
   */
  | { ok: false; status: A4PrinterStatus; jobId?: number; pending: boolean };

/** An A4 printer: its real driver speaks IPP to CUPS; its simulator is an IPP printer in-process. */
export interface A4Printer {
  readonly description: string;
  status(): Promise<A4PrinterStatus>;
  print(request: A4PrintRequest): Promise<A4PrintResult>;
  /** Cancels the job of this key if it has not come out yet (the citizen left): true if one was. */
  cancel(jobKey: string): Promise<boolean>;
}
