import type { Clock, TimerHandle } from '../../domain/clock';
import { ListenerSet, type ByteTransport } from '../transports/byte-transport';
import type { HidReportPort } from '../transports/hid/hid-report-port';
import { HidPosScanAssembler } from './hidpos-report';
import { ScanLineDecoder } from './scan-line-decoder';
import type { ScanDecodeResult, ScanError, ScanEvent } from './types';

/**
 * A scanner sends a whole scan in a few milliseconds (serial at 9600 baud: 100 bytes in ~100 ms).
 * Half a second of silence in the middle of one means it will never finish.
 */
export const SCAN_IDLE_TIMEOUT_MS = 500;

export interface ScanErrorEvent {
  error: ScanError | 'disconnected';
  /** Never contains scanned content. */
  detail: string;
}

/**
 * The scanner as the kiosk sees it: scans arrive as events. Serial mode (CR/LF-terminated lines)
 * and HID POS mode (usage page 0x8C reports) share this surface. Keyboard-emulation mode is not
 * supported: it types into whatever has focus and cannot be told apart from the touch keyboard.
 */
export abstract class BarcodeScanner {
  /** Scans decoded and delivered; for counters. */
  scans = 0;
  protected readonly scanListeners = new ListenerSet<ScanEvent>();
  protected readonly errorListeners = new ListenerSet<ScanErrorEvent>();
  private idleTimer: TimerHandle | undefined;

  constructor(protected readonly clock: Clock) {}

  abstract readonly description: string;
  abstract get isOpen(): boolean;
  /** Opens the port; a typed result, since the scanner may be unplugged. */
  abstract open(): Promise<{ ok: true } | { ok: false; detail: string }>;
  abstract close(): Promise<void>;
  protected abstract flushPartial(): ScanDecodeResult | null;

  onScan(listener: (scan: ScanEvent) => void): () => void {
    return this.scanListeners.add(listener);
  }

  onError(listener: (e: ScanErrorEvent) => void): () => void {
    return this.errorListeners.add(listener);
  }

  protected deliver(results: (ScanDecodeResult | null)[], stillPending: boolean): void {
    for (const r of results) {
      if (!r) continue;
      if (r.ok) {
        this.scans++;
        this.scanListeners.emit(r.scan);
      } else {
        this.errorListeners.emit({ error: r.error, detail: r.detail });
      }
    }
    if (this.idleTimer) this.clock.clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (stillPending) {
      this.idleTimer = this.clock.setTimeout(() => {
        this.idleTimer = undefined;
        this.deliver([this.flushPartial()], false);
      }, SCAN_IDLE_TIMEOUT_MS);
    }
  }

  protected disconnected(detail: string): void {
    this.deliver([this.flushPartial()], false);
    this.errorListeners.emit({ error: 'disconnected', detail });
  }
}

/** Serial mode: CR/LF-terminated scans over a serial (or simulated) transport. */
export class SerialBarcodeScanner extends BarcodeScanner {
  private readonly decoder = new ScanLineDecoder();

  constructor(
    private readonly transport: ByteTransport,
    clock: Clock,
  ) {
    super(clock);
    transport.onData((chunk) => this.deliver(this.decoder.push(chunk), this.decoder.pendingBytes > 0));
    transport.onError((err) => this.disconnected(err.message));
  }

  get description(): string {
    return this.transport.description;
  }

  get isOpen(): boolean {
    return this.transport.isOpen;
  }

  async open(): Promise<{ ok: true } | { ok: false; detail: string }> {
    try {
      await this.transport.open();
      return { ok: true };
    } catch (err) {
      return { ok: false, detail: (err as Error).message };
    }
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  protected flushPartial(): ScanDecodeResult | null {
    return this.decoder.flushPartial();
  }
}

/** HID POS mode: scanned-data input reports on usage page 0x8C. */
export class HidPosBarcodeScanner extends BarcodeScanner {
  private readonly assembler = new HidPosScanAssembler();

  constructor(
    private readonly port: HidReportPort,
    clock: Clock,
  ) {
    super(clock);
    port.onReport((report) => this.deliver([this.assembler.push(report)], this.assembler.inProgress));
    port.onError((err) => this.disconnected(err.message));
  }

  get description(): string {
    return this.port.description;
  }

  get isOpen(): boolean {
    return this.port.isOpen;
  }

  async open(): Promise<{ ok: true } | { ok: false; detail: string }> {
    try {
      this.port.open();
      return { ok: true };
    } catch (err) {
      return { ok: false, detail: (err as Error).message };
    }
  }

  async close(): Promise<void> {
    this.port.close();
  }

  protected flushPartial(): ScanDecodeResult | null {
    return this.assembler.flushPartial();
  }
}
