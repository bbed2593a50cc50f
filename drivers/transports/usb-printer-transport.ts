import { constants, promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { systemClock, type Clock, type TimerHandle } from '../../domain/clock';
import { ListenerSet, type ByteTransport } from './byte-transport';

/**
 * The printer-class driver (usblp) has no readiness notification for its back channel; a poll this
 * often gets a status byte back well inside the printer driver's 2 s status timeout, at negligible
 * cost (one non-blocking read syscall).
 */
export const USB_PRINTER_READ_POLL_MS = 10;
/** Status replies are single bytes; a small buffer is plenty. */
const READ_BUFFER_BYTES = 256;

export interface UsbPrinterTransportOptions {
  /** A printer-class device file, e.g. /dev/usb/lp0 (use a udev symlink for a stable name). */
  path: string;
  clock?: Clock;
}

/**
 * A USB printer-class device file. Opened read/write and non-blocking, so the back channel (DLE EOT
 * replies) is read by polling without parking a libuv thread in a blocking read.
 */
export class UsbPrinterTransport implements ByteTransport {
  readonly description: string;
  private handle: FileHandle | undefined;
  private opening: Promise<void> | undefined;
  private pollTimer: TimerHandle | undefined;
  private readonly clock: Clock;
  private readonly dataListeners = new ListenerSet<Uint8Array>();
  private readonly errorListeners = new ListenerSet<Error>();
  private readonly readBuffer = Buffer.alloc(READ_BUFFER_BYTES);

  constructor(private readonly options: UsbPrinterTransportOptions) {
    this.description = `usb-printer ${options.path}`;
    this.clock = options.clock ?? systemClock;
  }

  get isOpen(): boolean {
    return this.handle !== undefined;
  }

  open(): Promise<void> {
    if (this.handle) return Promise.resolve();
    if (this.opening) return this.opening;
    this.opening = fs
      .open(this.options.path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY)
      .then(
        (handle) => {
          this.opening = undefined;
          this.handle = handle;
          this.schedulePoll(handle);
        },
        (err: Error) => {
          this.opening = undefined;
          throw new Error(`${this.description}: open failed: ${err.message}`);
        },
      );
    return this.opening;
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    if (this.pollTimer) this.clock.clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    await handle?.close().catch(() => undefined);
  }

  async write(data: Uint8Array): Promise<void> {
    await this.open();
    const handle = this.handle;
    if (!handle) throw new Error(`${this.description}: not open`);
    try {
      let offset = 0;
      while (offset < data.length) {
        const { bytesWritten } = await handle.write(data, offset, data.length - offset);
        offset += bytesWritten;
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') {
        // The device's buffer is full (a printer busy printing); not an unplug, let the caller retry.
        throw new Error(`${this.description}: printer busy, write would block`, { cause: err });
      }
      this.fail(handle, err);
      throw new Error(`${this.description}: write failed: ${(err as Error).message}`, { cause: err });
    }
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.dataListeners.add(listener);
  }

  onError(listener: (err: Error) => void): () => void {
    return this.errorListeners.add(listener);
  }

  private schedulePoll(handle: FileHandle): void {
    this.pollTimer = this.clock.setTimeout(() => void this.poll(handle), USB_PRINTER_READ_POLL_MS);
  }

  private async poll(handle: FileHandle): Promise<void> {
    if (this.handle !== handle) return;
    try {
      for (;;) {
        const { bytesRead } = await handle.read(this.readBuffer, 0, READ_BUFFER_BYTES, null);
        if (bytesRead === 0 || this.handle !== handle) break;
        this.dataListeners.emit(Uint8Array.from(this.readBuffer.subarray(0, bytesRead)));
      }
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK') {
        this.fail(handle, err);
        return;
      }
    }
    if (this.handle === handle) this.schedulePoll(handle);
  }

  private fail(handle: FileHandle, err: unknown): void {
    if (this.handle !== handle) return;
    this.handle = undefined;
    if (this.pollTimer) this.clock.clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    void handle.close().catch(() => undefined);
    this.errorListeners.emit(new Error(`${this.description}: ${(err as Error).message ?? String(err)}`));
  }
}
