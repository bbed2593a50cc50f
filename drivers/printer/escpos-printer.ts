import type { Clock } from '../../domain/clock';
import type { ByteTransport } from '../transports/byte-transport';
import type { PrintDocument } from './document';
import { CMD, encodeEscPos, type PaperWidthMm } from './escpos-encoder';
import { parsePrinterStatus, type PrinterStatus, type RealtimeStatusBytes } from './escpos-status';

/** A printer silent for about 2 s may be stuck mid-command (kiosk printer notes). */
export const DEFAULT_STATUS_TIMEOUT_MS = 2000;
/**
 * A printer stuck inside a command waits for that command's parameter bytes; a run of NULs (a few KB)
 * completes it harmlessly, after which it answers again.
 */
export const UNSTICK_NUL_BYTES = 4096;
/**
 * Ask, unstick, ask again, then call it offline. The notes mention 10 s of silence; two attempts
 * (about 4 s) keep a citizen from waiting that long at the screen while still trying the recovery.
 */
export const STATUS_ATTEMPTS = 2;
/**
 * Job ids remembered against double printing. In memory only: it protects against a retried call
 * within this process; surviving a restart is the job of the backend's store.
 */
export const REMEMBERED_JOB_IDS = 1000;

export type PrintResult =
  { ok: true; bytes: number } | { ok: false; status: PrinterStatus } | { ok: true; alreadyPrinted: true };

export interface EscPosPrinterOptions {
  clock: Clock;
  paperWidthMm: PaperWidthMm;
  statusTimeoutMs?: number;
}

type QueryOutcome = { byte: number } | { timeout: true } | { disconnected: string };

const STATUS_QUERIES: readonly (readonly [1 | 2 | 3 | 4, keyof RealtimeStatusBytes])[] = [
  [1, 'printer'],
  [2, 'offline'],
  [3, 'error'],
  [4, 'paper'],
];

/**
 * An ESC/POS receipt / ticket printer. Operations are serialised (a status query must not interleave
 * with a job's bytes), and every device condition comes back as a PrinterStatus value.
 */
export class EscPosPrinter {
  private readonly clock: Clock;
  private readonly paperWidthMm: PaperWidthMm;
  private readonly statusTimeoutMs: number;
  private queue: Promise<unknown> = Promise.resolve();
  private waiting: ((outcome: QueryOutcome) => void) | undefined;
  private readonly printedJobs = new Set<string>();
  private readonly unsubscribe: (() => void)[];

  constructor(
    private readonly transport: ByteTransport,
    opts: EscPosPrinterOptions,
  ) {
    this.clock = opts.clock;
    this.paperWidthMm = opts.paperWidthMm;
    this.statusTimeoutMs = opts.statusTimeoutMs ?? DEFAULT_STATUS_TIMEOUT_MS;
    this.unsubscribe = [
      transport.onData((chunk) => {
        // Only the first byte answers the query; anything else is unsolicited and dropped.
        if (chunk.length > 0) this.waiting?.({ byte: chunk[0]! });
      }),
      transport.onError((err) =>
        this.waiting?.({ disconnected: `${transport.description}: ${err.message}` }),
      ),
    ];
  }

  /** Stops listening to the transport (does not close it). */
  dispose(): void {
    for (const u of this.unsubscribe) u();
  }

  status(): Promise<PrinterStatus> {
    return this.exclusive(() => this.readStatus());
  }

  /**
   * Sends vendor bytes (e.g. a presenter's eject or retract) in the job queue, so they never land
   * inside another job's bytes.
   */
  sendCommand(bytes: Uint8Array): Promise<{ ok: true } | { ok: false; detail: string }> {
    return this.exclusive(async () => {
      try {
        await this.transport.write(bytes);
        return { ok: true as const };
      } catch (err) {
        return { ok: false as const, detail: (err as Error).message };
      }
    });
  }

  /** Sends a query (e.g. a presenter's paper sensor request) and waits for its one-byte reply. */
  queryByte(
    bytes: Uint8Array,
  ): Promise<{ ok: true; byte: number } | { ok: false; error: 'timeout' | 'disconnected'; detail: string }> {
    return this.exclusive(async () => {
      if (!this.transport.isOpen) {
        try {
          await this.transport.open();
        } catch (err) {
          return { ok: false as const, error: 'disconnected' as const, detail: (err as Error).message };
        }
      }
      const outcome = await this.query(bytes);
      if ('byte' in outcome) return { ok: true as const, byte: outcome.byte };
      if ('disconnected' in outcome) {
        return { ok: false as const, error: 'disconnected' as const, detail: outcome.disconnected };
      }
      return {
        ok: false as const,
        error: 'timeout' as const,
        detail: `no reply within ${this.statusTimeoutMs} ms`,
      };
    });
  }

  /**
   * Prints a document unless this jobId was already printed successfully (then reprint: true is
   * needed). Status is checked before the job, so nothing is sent to a printer that cannot print,
   * and after it, so a job that ran out of paper half-way is not reported as printed.
   */
  print(doc: PrintDocument, opts: { jobId: string; reprint?: boolean }): Promise<PrintResult> {
    return this.exclusive(async (): Promise<PrintResult> => {
      if (this.printedJobs.has(opts.jobId) && !opts.reprint) return { ok: true, alreadyPrinted: true };
      const bytes = encodeEscPos(doc, { paperWidthMm: this.paperWidthMm });
      const before = await this.readStatus();
      if (before.state !== 'ready') return { ok: false, status: before };
      try {
        await this.transport.write(bytes);
      } catch (err) {
        return { ok: false, status: { state: 'disconnected', detail: (err as Error).message } };
      }
      const after = await this.readStatus();
      if (after.state !== 'ready') return { ok: false, status: after };
      this.remember(opts.jobId);
      return { ok: true, bytes: bytes.length };
    });
  }

  private remember(jobId: string): void {
    this.printedJobs.delete(jobId);
    this.printedJobs.add(jobId);
    if (this.printedJobs.size > REMEMBERED_JOB_IDS) {
      const oldest = this.printedJobs.values().next().value;
      if (oldest !== undefined) this.printedJobs.delete(oldest);
    }
  }

  private exclusive<T>(job: () => Promise<T>): Promise<T> {
    const result = this.queue.then(job, job);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async readStatus(): Promise<PrinterStatus> {
    if (!this.transport.isOpen) {
      try {
        await this.transport.open();
      } catch (err) {
        return { state: 'disconnected', detail: (err as Error).message };
      }
    }
    const bytes: Partial<RealtimeStatusBytes> = {};
    for (const [n, key] of STATUS_QUERIES) {
      let outcome: QueryOutcome = { timeout: true };
      for (let attempt = 1; attempt <= STATUS_ATTEMPTS; attempt++) {
        outcome = await this.query(Uint8Array.from(CMD.realtimeStatus(n)));
        if (!('timeout' in outcome) || attempt === STATUS_ATTEMPTS) break;
        try {
          await this.transport.write(new Uint8Array(UNSTICK_NUL_BYTES));
        } catch (err) {
          outcome = { disconnected: (err as Error).message };
          break;
        }
      }
      if ('disconnected' in outcome) return { state: 'disconnected', detail: outcome.disconnected };
      if ('timeout' in outcome) {
        return {
          state: 'offline',
          detail: `no reply to DLE EOT ${n} in ${STATUS_ATTEMPTS} attempts of ${this.statusTimeoutMs} ms`,
        };
      }
      bytes[key] = outcome.byte;
    }
    return parsePrinterStatus(bytes as RealtimeStatusBytes);
  }

  private query(command: Uint8Array): Promise<QueryOutcome> {
    return new Promise<QueryOutcome>((resolve) => {
      const finish = (outcome: QueryOutcome): void => {
        if (this.waiting !== finish) return;
        this.waiting = undefined;
        this.clock.clearTimeout(timer);
        resolve(outcome);
      };
      this.waiting = finish;
      const timer = this.clock.setTimeout(() => finish({ timeout: true }), this.statusTimeoutMs);
      this.transport.write(command).catch((err: Error) => finish({ disconnected: err.message }));
    });
  }
}
