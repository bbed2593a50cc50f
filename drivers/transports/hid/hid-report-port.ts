import { ListenerSet } from '../byte-transport';
import {
  describeIdentity,
  matchesIdentity,
  type HidBackend,
  type HidDeviceHandle,
  type HidDeviceIdentity,
} from './hid-backend';

/**
 * One HID interface found by identity (VID/PID, serial number, usage page). Opens lazily, drops
 * the handle on any error, and the next open enumerates again, so a replugged device (new hidraw
 * path) is found by what it is rather than where it was.
 */
export class HidReportPort {
  readonly description: string;
  private handle: HidDeviceHandle | undefined;
  private readonly reportListeners = new ListenerSet<Uint8Array>();
  private readonly errorListeners = new ListenerSet<Error>();

  constructor(
    private readonly backend: HidBackend,
    readonly identity: HidDeviceIdentity,
  ) {
    this.description = describeIdentity(identity);
  }

  get isOpen(): boolean {
    return this.handle !== undefined;
  }

  /** Throws with a loggable message when the device is absent or cannot be opened. */
  open(): void {
    if (this.handle) return;
    let handle: HidDeviceHandle;
    try {
      const info = this.backend.devices().find((d) => matchesIdentity(d, this.identity));
      if (!info) throw new Error('not connected');
      handle = this.backend.open(info.path);
    } catch (err) {
      throw new Error(`${this.description}: open failed: ${(err as Error).message}`, { cause: err });
    }
    this.handle = handle;
    handle.on('data', (report: Buffer) => {
      if (this.handle === handle) this.reportListeners.emit(new Uint8Array(report));
    });
    handle.on('error', (err: Error) => this.fail(handle, err));
  }

  close(): void {
    const handle = this.handle;
    this.handle = undefined;
    try {
      handle?.close();
    } catch {
      // Closing an unplugged device can fail; the handle is gone either way.
    }
  }

  /** Sends one output report (first byte: report id). Throws after dropping the handle on failure. */
  writeReport(report: Uint8Array): void {
    this.open();
    const handle = this.handle!;
    try {
      const written = handle.write(Array.from(report));
      if (written < 0) throw new Error('write returned an error');
    } catch (err) {
      this.fail(handle, err);
      throw new Error(`${this.description}: write failed: ${(err as Error).message}`, { cause: err });
    }
  }

  onReport(listener: (report: Uint8Array) => void): () => void {
    return this.reportListeners.add(listener);
  }

  onError(listener: (err: Error) => void): () => void {
    return this.errorListeners.add(listener);
  }

  private fail(handle: HidDeviceHandle, err: unknown): void {
    if (this.handle !== handle) return;
    this.handle = undefined;
    try {
      handle.close();
    } catch {
      // Already gone with the device.
    }
    this.errorListeners.emit(new Error(`${this.description}: ${(err as Error).message ?? String(err)}`));
  }
}
