import type { SimulatedDeviceEnd } from '../transports/simulated-link';
import { DLE, EOT } from './escpos-encoder';
import { EscPosPaperDecoder } from './escpos-paper-decoder';
import { statusBytesFor, type RealtimeStatusBytes } from './escpos-status';

export type SimulatedPrinterState = 'ready' | 'paper-near-end' | 'paper-out' | 'cover-open' | 'offline';
export type SimulatedPrinterFault = 'no-status-reply' | 'unplug-mid-job';

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

  constructor(private readonly device: SimulatedDeviceEnd) {
    device.onHostData((chunk) => this.onHostData(chunk));
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
    if (this.current === 'ready' || this.current === 'paper-near-end')
      this.paper.push(Uint8Array.from(printData));
  }

  private answerStatus(n: number): void {
    const key = STATUS_KEYS[n];
    if (!key) return; // real printers ignore an undefined n
    if (this.takeFault('no-status-reply')) return;
    this.device.sendToHost(Uint8Array.of(statusBytesFor(this.current)[key]));
  }
}
