import http from 'node:http';
import type { AddressInfo } from 'node:net';
import ipp from 'ipp';
import { documentOffset, type IppJobState } from './ipp-codec';
import type { IppTransport } from './ipp-transport';

/** Conditions the simulated printer can be put in, reported the way CUPS relays a real printer's. */
export type SimulatedA4Fault =
  'paper-out' | 'toner-out' | 'jam' | 'cover-open' | 'offline' | 'paper-near-end' | 'toner-low';

const REASONS: Record<SimulatedA4Fault, string> = {
  'paper-out': 'media-empty-error',
  'toner-out': 'toner-empty-error',
  jam: 'media-jam-error',
  'cover-open': 'door-open-error',
  // CUPS reports a disabled queue (cupsdisable) as stopped and paused.
  offline: 'paused',
  'paper-near-end': 'media-low-warning',
  'toner-low': 'toner-low-warning',
};
const STOPS = new Set<SimulatedA4Fault>(['paper-out', 'toner-out', 'jam', 'cover-open', 'offline']);

/** A document that came out of the simulated printer (the paper in its output tray). */
export interface SimulatedA4Output {
  jobId: number;
  jobName: string;
  pdf: Buffer;
}

interface SimJob {
  id: number;
  name: string;
  pdf: Buffer;
  state: IppJobState;
  /** Get-Job-Attributes answered while the job could progress: its progress is counted in polls. */
  steps: number;
  jamAtStep: number | undefined;
  abort: boolean;
}

export interface SimulatedIppPrinterOptions {
  /**
   * Polls a job takes: pending, then processing, then completed. Progress is counted in polls, not
   * in time, so a test drives a job with its clock and no test sleeps.
   */
  pollsToComplete?: number;
  /** How many finished documents the output tray holds before the oldest is dropped (memory bound). */
  trayCapacity?: number;
}

/**
 * An IPP printer in-process: IPP/2.0 requests decoded and answers encoded with the ipp package, so
 * the real driver's codec runs against it. Serves over node:http (`listen`) for unit tests, or as an
 * in-memory transport for the simulated kiosk. Faults are injected on request: a jam mid-job, an
 * empty tray, an offline queue, an aborted job, a printer that does not answer at all.
 */
export class SimulatedIppPrinter {
  private fault: SimulatedA4Fault | null = null;
  private jobs = new Map<number, SimJob>();
  private nextJobId = 1;
  private nextJobPlan: { jamAtStep?: number; abort?: boolean } = {};
  private readonly pollsToComplete: number;
  private readonly trayCapacity: number;
  private readonly tray: SimulatedA4Output[] = [];
  /** Counted Print-Job requests (tests assert no double printing). */
  printJobRequests = 0;
  /** True: every request fails as if the printer were unplugged from the network. */
  unreachable = false;

  constructor(opts: SimulatedIppPrinterOptions = {}) {
    this.pollsToComplete = Math.max(1, opts.pollsToComplete ?? 2);
    this.trayCapacity = opts.trayCapacity ?? 20;
  }

  setFault(fault: SimulatedA4Fault | null): void {
    this.fault = fault;
    if (fault === null || !STOPS.has(fault)) {
      for (const job of this.jobs.values()) if (job.state === 'processing-stopped') job.state = 'processing';
    }
  }

  get currentFault(): SimulatedA4Fault | null {
    return this.fault;
  }

  /** The next job jams once it has printed for `afterPolls` polls (a jam mid-job). */
  jamNextJob(afterPolls = 1): void {
    this.nextJobPlan = { jamAtStep: afterPolls };
  }

  /** The next job is aborted by the printer once it starts (a PDF it cannot render). */
  abortNextJob(): void {
    this.nextJobPlan = { abort: true };
  }

  /** What came out, oldest first. */
  output(): readonly SimulatedA4Output[] {
    return this.tray;
  }

  /** Takes the paper out of the tray. */
  takeOutput(): SimulatedA4Output[] {
    return this.tray.splice(0, this.tray.length);
  }

  jobState(jobId: number): IppJobState | undefined {
    return this.jobs.get(jobId)?.state;
  }

  /** The in-memory transport (the simulated kiosk's printer). */
  transport(): IppTransport {
    return async (request) => {
      await Promise.resolve();
      if (this.unreachable) throw new Error('connect ECONNREFUSED (simulated printer unreachable)');
      return this.handle(request);
    };
  }

  /** Serves IPP on 127.0.0.1 at a free port; `uri` is its printer-uri. */
  async listen(): Promise<{ uri: string; close: () => Promise<void> }> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (this.unreachable) {
          res.socket?.destroy();
          return;
        }
        let answer: Buffer;
        try {
          answer = this.handle(Buffer.concat(chunks));
        } catch {
          res.writeHead(400).end();
          return;
        }
        res.writeHead(200, { 'Content-Type': 'application/ipp' }).end(answer);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      uri: `ipp://127.0.0.1:${port}/printers/simulated-a4`,
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  }

  /** One IPP request in, one response out. */
  handle(request: Buffer): Buffer {
    const msg = ipp.parse(request);
    const op = msg['operation-attributes-tag'] ?? {};
    const reply = (statusCode: string, groups: Record<string, unknown> = {}): Buffer =>
      ipp.serialize({
        version: '2.0',
        statusCode,
        id: msg.id,
        'operation-attributes-tag': { 'attributes-charset': 'utf-8', 'attributes-natural-language': 'en' },
        ...groups,
      });
    const jobOf = (): SimJob | undefined =>
      typeof op['job-id'] === 'number' ? this.jobs.get(op['job-id']) : undefined;

    switch (msg.operation) {
      case 'Get-Printer-Attributes':
        return reply('successful-ok', { 'printer-attributes-tag': this.printerAttributes() });
      case 'Print-Job': {
        this.printJobRequests++;
        if (op['document-format'] !== 'application/pdf')
          return reply('client-error-document-format-not-supported');
        const job: SimJob = {
          id: this.nextJobId++,
          name: typeof op['job-name'] === 'string' ? op['job-name'] : 'untitled',
          pdf: request.subarray(documentOffset(request)),
          state: 'pending',
          steps: 0,
          jamAtStep: this.nextJobPlan.jamAtStep,
          abort: this.nextJobPlan.abort ?? false,
        };
        this.nextJobPlan = {};
        this.jobs.set(job.id, job);
        return reply('successful-ok', { 'job-attributes-tag': this.jobAttributes(job) });
      }
      case 'Get-Job-Attributes': {
        const job = jobOf();
        if (!job) return reply('client-error-not-found');
        this.step(job);
        return reply('successful-ok', { 'job-attributes-tag': this.jobAttributes(job) });
      }
      case 'Cancel-Job': {
        const job = jobOf();
        if (!job) return reply('client-error-not-found');
        if (job.state === 'completed' || job.state === 'aborted' || job.state === 'canceled')
          return reply('client-error-not-possible');
        job.state = 'canceled';
        return reply('successful-ok');
      }
      default:
        return reply('server-error-operation-not-supported');
    }
  }

  private step(job: SimJob): void {
    if (job.state !== 'pending' && job.state !== 'processing') return;
    if (this.fault && STOPS.has(this.fault)) {
      if (job.state === 'processing' && this.fault !== 'offline') job.state = 'processing-stopped';
      return;
    }
    job.steps++;
    if (job.abort) {
      job.state = 'aborted';
      return;
    }
    if (job.jamAtStep !== undefined && job.steps > job.jamAtStep) {
      job.jamAtStep = undefined;
      job.state = 'processing-stopped';
      this.fault = 'jam';
      return;
    }
    if (job.steps >= this.pollsToComplete) {
      job.state = 'completed';
      this.tray.push({ jobId: job.id, jobName: job.name, pdf: job.pdf });
      while (this.tray.length > this.trayCapacity) this.tray.shift();
      return;
    }
    job.state = 'processing';
  }

  private jobAttributes(job: SimJob): Record<string, unknown> {
    const reasons: Record<IppJobState, string> = {
      pending: 'none',
      'pending-held': 'job-hold-until-specified',
      processing: 'job-printing',
      'processing-stopped': 'printer-stopped',
      canceled: 'job-canceled-by-user',
      aborted: 'document-format-error',
      completed: 'job-completed-successfully',
    };
    return {
      'job-id': job.id,
      'job-state': job.state,
      'job-state-reasons': [reasons[job.state]],
      'job-impressions-completed': job.state === 'completed' ? 1 : 0,
    };
  }

  private printerAttributes(): Record<string, unknown> {
    const busy = [...this.jobs.values()].some((j) => j.state === 'processing');
    const stopped = this.fault !== null && STOPS.has(this.fault);
    return {
      'printer-state': stopped ? 'stopped' : busy ? 'processing' : 'idle',
      'printer-state-reasons': [this.fault ? REASONS[this.fault] : 'none'],
      'printer-is-accepting-jobs': true,
      'printer-state-message': this.fault ?? '',
    };
  }
}
