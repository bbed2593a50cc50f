import type { Clock } from '../../domain/clock';
import {
  decodeResponse,
  encodeRequest,
  JOB_ATTRIBUTES,
  PRINTER_ATTRIBUTES,
  statusOf,
  type IppOperation,
  type IppResponse,
  type RequestAttributes,
} from './ipp-codec';
import type { IppTransport } from './ipp-transport';
import {
  canPrint,
  type A4JobProgress,
  type A4Printer,
  type A4PrinterStatus,
  type A4PrintRequest,
  type A4PrintResult,
} from './types';

/**
 * How often a job is asked about. CUPS updates job-state as its backend reports; half a second
 * shows "printing" promptly without loading CUPS (two small requests per poll).
 */
export const JOB_POLL_INTERVAL_MS = 500;
/**
 * The longest a job may take from Print-Job to completed. A one- or two-page certificate leaves an
 * office A4 printer within seconds (first page ≤ 5 s is the kiosk's target); two minutes covers a
 * printer waking from sleep, and past that the citizen is not kept at the screen.
 */
export const JOB_TIMEOUT_MS = 120_000;
/** Job keys remembered against double printing (in memory: a retry within this process). */
export const REMEMBERED_JOBS = 500;
/** The user name jobs are submitted as: the kiosk, never the citizen. */
export const IPP_USER_NAME = 'kiosk';

/** Faults that stop a job at the printer until someone acts (not a transient "connecting"). */
const STOPPING = new Set<A4PrinterStatus['state']>(['jam', 'paper-out', 'toner-out', 'cover-open']);

interface KnownJob {
  jobId: number;
  done: boolean;
  pages: number;
}

export interface IppA4PrinterOptions {
  /** The printer-uri attribute, e.g. ipp://localhost:631/printers/kiosk-a4. */
  printerUri: string;
  clock: Clock;
  pollIntervalMs?: number;
  jobTimeoutMs?: number;
}

/**
 * An A4 printer behind CUPS (or any IPP Everywhere printer), over IPP/2.0: Print-Job with the PDF,
 * then Get-Job-Attributes until the job completes, with the printer's faults from its
 * printer-state-reasons. Jobs run one at a time, as a kiosk has one citizen at a time.
 */
export class IppA4Printer implements A4Printer {
  readonly description: string;
  private readonly clock: Clock;
  private readonly pollIntervalMs: number;
  private readonly jobTimeoutMs: number;
  private readonly jobs = new Map<string, KnownJob>();
  private queue: Promise<unknown> = Promise.resolve();
  private requestId = 1;

  constructor(
    private readonly transport: IppTransport,
    private readonly opts: IppA4PrinterOptions,
  ) {
    this.clock = opts.clock;
    this.pollIntervalMs = opts.pollIntervalMs ?? JOB_POLL_INTERVAL_MS;
    this.jobTimeoutMs = opts.jobTimeoutMs ?? JOB_TIMEOUT_MS;
    this.description = opts.printerUri;
  }

  status(): Promise<A4PrinterStatus> {
    return this.exclusive(() => this.readStatus());
  }

  print(request: A4PrintRequest): Promise<A4PrintResult> {
    return this.exclusive(() => this.runJob(request));
  }

  cancel(jobKey: string): Promise<boolean> {
    return this.exclusive(async () => {
      const job = this.jobs.get(jobKey);
      if (!job || job.done) return false;
      this.jobs.delete(jobKey);
      const r = await this.call('Cancel-Job', { jobId: job.jobId }).catch(() => undefined);
      return r?.ok ?? false;
    });
  }

  private async runJob(req: A4PrintRequest): Promise<A4PrintResult> {
    const known = this.jobs.get(req.jobKey);
    if (known?.done) return { ok: true, jobId: known.jobId, pages: known.pages, alreadyPrinted: true };
    if (known) return this.follow(req, known);

    const status = await this.readStatus();
    if (!canPrint(status)) return { ok: false, status, pending: false };
    let sent: IppResponse;
    try {
      sent = await this.call('Print-Job', { jobName: req.jobName }, req.pdf);
    } catch (err) {
      // Whether CUPS took the job is unknown; a retry sends it again, which is the lesser harm
      // than a citizen without the certificate (CUPS unreachable usually means nothing was taken).
      return { ok: false, status: disconnected(this.description, err), pending: false };
    }
    if (!sent.ok || !sent.job || sent.job.jobId < 0) {
      return {
        ok: false,
        status: { state: 'error', detail: `Print-Job refused: ${sent.statusCode}` },
        pending: false,
      };
    }
    const job: KnownJob = { jobId: sent.job.jobId, done: false, pages: 0 };
    this.remember(req.jobKey, job);
    req.onProgress?.({ phase: 'sent', jobId: job.jobId });
    return this.follow(req, job);
  }

  /** Follows a job to completed, aborted or a fault that stops it; never longer than the job timeout. */
  private async follow(req: A4PrintRequest, job: KnownJob): Promise<A4PrintResult> {
    const startedAt = this.clock.now();
    let last: A4JobProgress | undefined;
    const report = (p: A4JobProgress): void => {
      if (last && JSON.stringify(last) === JSON.stringify(p)) return;
      last = p;
      req.onProgress?.(p);
    };
    for (;;) {
      let jobR: IppResponse;
      let printerR: IppResponse;
      try {
        jobR = await this.call('Get-Job-Attributes', { jobId: job.jobId, requested: JOB_ATTRIBUTES });
        printerR = await this.call('Get-Printer-Attributes', { requested: PRINTER_ATTRIBUTES });
      } catch (err) {
        // The job may still come out; a retry with the same key asks about it again.
        return { ok: false, status: disconnected(this.description, err), jobId: job.jobId, pending: true };
      }
      const printer: A4PrinterStatus = printerR.printer
        ? statusOf(printerR.printer)
        : { state: 'error', detail: `Get-Printer-Attributes: ${printerR.statusCode}` };
      const state = jobR.ok ? jobR.job?.jobState : undefined;
      const pages = jobR.job?.impressionsCompleted ?? 0;
      if (state === 'completed') {
        job.done = true;
        job.pages = Math.max(pages, 1);
        return { ok: true, jobId: job.jobId, pages: job.pages, alreadyPrinted: false };
      }
      if (state === 'aborted' || state === 'canceled' || state === undefined) {
        this.forget(req.jobKey);
        const why = state ?? `unknown to the printer (${jobR.statusCode})`;
        return {
          ok: false,
          status: canPrint(printer)
            ? {
                state: 'error',
                detail: `job ${why}${jobR.job?.reasons.length ? `: ${jobR.job.reasons.join(', ')}` : ''}`,
              }
            : printer,
          jobId: job.jobId,
          pending: false,
        };
      }
      if (state === 'processing-stopped' || STOPPING.has(printer.state)) {
        const status: A4PrinterStatus = canPrint(printer)
          ? { state: 'error', detail: `job stopped: ${jobR.job?.reasons.join(', ') ?? 'no reason given'}` }
          : printer;
        report({ phase: 'stopped', jobId: job.jobId, status });
        return { ok: false, status, jobId: job.jobId, pending: true };
      }
      if (state === 'processing') report({ phase: 'printing', jobId: job.jobId, pagesDone: pages });
      if (this.clock.now() - startedAt >= this.jobTimeoutMs) {
        // Cancelled so it cannot come out later for nobody; the citizen is told plainly.
        this.forget(req.jobKey);
        await this.call('Cancel-Job', { jobId: job.jobId }).catch(() => undefined);
        return {
          ok: false,
          status: canPrint(printer)
            ? { state: 'error', detail: `job not finished within ${this.jobTimeoutMs / 1000} s` }
            : printer,
          jobId: job.jobId,
          pending: false,
        };
      }
      await this.wait(this.pollIntervalMs);
    }
  }

  private async readStatus(): Promise<A4PrinterStatus> {
    try {
      const r = await this.call('Get-Printer-Attributes', { requested: PRINTER_ATTRIBUTES });
      if (!r.ok || !r.printer) {
        // CUPS answers client-error-not-found for a queue that does not exist (yet).
        return { state: 'offline', detail: `printer answered ${r.statusCode}` };
      }
      return statusOf(r.printer);
    } catch (err) {
      return disconnected(this.description, err);
    }
  }

  private async call(
    operation: IppOperation,
    attrs: Omit<RequestAttributes, 'printerUri' | 'userName'>,
    document?: Uint8Array,
  ): Promise<IppResponse> {
    const id = this.requestId++;
    const body = encodeRequest(
      operation,
      id,
      { printerUri: this.opts.printerUri, userName: IPP_USER_NAME, ...attrs },
      document,
    );
    return decodeResponse(await this.transport(body));
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => this.clock.setTimeout(resolve, ms));
  }

  private remember(key: string, job: KnownJob): void {
    this.jobs.set(key, job);
    while (this.jobs.size > REMEMBERED_JOBS) {
      const oldest = this.jobs.keys().next().value;
      if (oldest === undefined) break;
      this.jobs.delete(oldest);
    }
  }

  private forget(key: string): void {
    this.jobs.delete(key);
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function disconnected(where: string, err: unknown): A4PrinterStatus {
  return { state: 'disconnected', detail: `${where}: ${err instanceof Error ? err.message : String(err)}` };
}
