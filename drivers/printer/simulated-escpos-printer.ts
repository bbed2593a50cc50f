import type { Clock } from '../../domain/clock';
import type { PresenterModel } from '../ticket-dispenser/presenter-model';
import type { SimulatedDeviceEnd } from '../transports/simulated-link';
import { DLE, EOT } from './escpos-encoder';
import { EscPosPaperDecoder } from './escpos-paper-decoder';
import { statusBytesFor, type RealtimeStatusBytes } from './escpos-status';
import { SequenceMatcher } from './sequence-matcher';

export type SimulatedPrinterState = 'ready' | 'paper-near-end' | 'paper-out' | 'cover-open' | 'offline';
export type SimulatedPrinterFault = 'no-status-reply' | 'unplug-mid-job';
/** Where the last cut ticket is: nowhere, held in the presenter, or pushed out to the citizen. */
export type PresenterState = 'empty' | 'holding' | 'presented';

export interface SimulatedEscPosPrinterOptions {
  /** Makes the printer a kiosk printer with this presenter. */
  presenter?: PresenterModel;
  /** Needed for setReplyDelay (a slow link). */
  clock?: Clock;
}

const CUT_MARK = '[CUT]';

const STATUS_KEYS: Readonly<Record<number, keyof RealtimeStatusBytes>> = {
  1: 'printer',
  2: 'offline',
  3: 'error',
  4: 'paper',
};

/**
 * A thermal printer on the far end of a link. Answers DLE EOT n with the real status bytes for its
 * state, even in the middle of print data as real-time commands are; prints (decodes onto its paper)
 * only while ready, discarding data otherwise, as real hardware does not print then.
 */
export class SimulatedEscPosPrinter {
  private current: SimulatedPrinterState = 'ready';
  private readonly paper = new EscPosPaperDecoder();
  private faults: SimulatedPrinterFault[] = [];
  /** Progress through a DLE EOT n that may be split across chunks. */
  private realtime: 'idle' | 'dle' | 'dle-eot' = 'idle';
  private readonly presenterMatcher: SequenceMatcher | undefined;
  private presenterState: PresenterState = 'empty';
  private replyDelayMs = 0;
  /** Tickets pulled back into the retract bin. */
  retractedTickets = 0;

  constructor(
    private readonly device: SimulatedDeviceEnd,
    private readonly options: SimulatedEscPosPrinterOptions = {},
  ) {
    const p = options.presenter;
    this.presenterMatcher =
      p &&
      new SequenceMatcher([p.ejectCommand, p.retractCommand, p.takenDetection?.query ?? new Uint8Array(0)]);
    device.onHostData((chunk) => this.onHostData(chunk));
  }

  get presenter(): PresenterState {
    return this.presenterState;
  }

  /** The citizen takes the ticket out of the presenter. */
  takeTicket(): void {
    if (this.presenterState === 'presented') this.presenterState = 'empty';
  }

  /** A slow link: every reply leaves the printer this long after the request (needs options.clock). */
  setReplyDelay(ms: number): void {
    if (ms > 0 && !this.options.clock) throw new Error('setReplyDelay needs a clock in the options');
    this.replyDelayMs = ms;
  }

  get state(): SimulatedPrinterState {
    return this.current;
  }

  setState(state: SimulatedPrinterState): void {
    // Opening the cover or reloading paper leaves no half-received command behind.
    if (state !== this.current) this.paper.reset();
    this.current = state;
  }

  paperLines(): string[] {
    return this.paper.lines();
  }

  clearPaper(): void {
    this.paper.clear();
  }

  /** One-shot: 'no-status-reply' swallows the next DLE EOT; 'unplug-mid-job' pulls the cable when print data arrives. */
  injectFault(fault: SimulatedPrinterFault): void {
    this.faults.push(fault);
  }

  private takeFault(fault: SimulatedPrinterFault): boolean {
    const i = this.faults.indexOf(fault);
    if (i < 0) return false;
    this.faults.splice(i, 1);
    return true;
  }

  private onHostData(chunk: Uint8Array): void {
    const printData: number[] = [];
    for (const b of chunk) {
      if (this.realtime === 'idle') {
        if (b === DLE) this.realtime = 'dle';
        else printData.push(b);
      } else if (this.realtime === 'dle') {
        if (b === EOT) {
          this.realtime = 'dle-eot';
        } else {
          // Not a real-time command after all: the held DLE was ordinary data.
          printData.push(DLE);
          if (b !== DLE) {
            printData.push(b);
            this.realtime = 'idle';
          }
        }
      } else {
        this.realtime = 'idle';
        this.answerStatus(b);
      }
    }
    if (printData.length === 0) return;
    if (this.takeFault('unplug-mid-job')) {
      this.device.unplug();
      return;
    }
    const data = Uint8Array.from(printData);
    if (!this.presenterMatcher) return this.printBytes(data);
    for (const segment of this.presenterMatcher.push(data)) {
      if ('bytes' in segment) this.printBytes(segment.bytes);
      else this.presenterCommand(segment.command);
    }
  }

  private printBytes(data: Uint8Array): void {
    if (this.current !== 'ready' && this.current !== 'paper-near-end') return;
    const lines = this.paper.push(data);
    if (this.presenterMatcher && lines.includes(CUT_MARK)) {
      // A new ticket pushes any untaken one into the retract bin, as presenters do.
      if (this.presenterState !== 'empty') this.retractedTickets++;
      this.presenterState = 'holding';
    }
  }

  private presenterCommand(index: number): void {
    const model = this.options.presenter!;
    if (index === 0) {
      if (this.presenterState === 'holding') this.presenterState = 'presented';
    } else if (index === 1) {
      if (this.presenterState !== 'empty') this.retractedTickets++;
      this.presenterState = 'empty';
    } else if (model.takenDetection) {
      const present = this.presenterState !== 'empty' ? model.takenDetection.ticketPresentMask : 0;
      this.send(Uint8Array.of(0x10 | present));
    }
  }

  private answerStatus(n: number): void {
    const key = STATUS_KEYS[n];
    if (!key) return; // real printers ignore an undefined n
    if (this.takeFault('no-status-reply')) return;
    this.send(Uint8Array.of(statusBytesFor(this.current)[key]));
  }

  private send(bytes: Uint8Array): void {
    if (this.replyDelayMs > 0) {
      this.options.clock!.setTimeout(() => this.device.sendToHost(bytes), this.replyDelayMs);
    } else {
      this.device.sendToHost(bytes);
    }
  }
}
