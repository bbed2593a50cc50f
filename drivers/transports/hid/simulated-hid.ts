import { ListenerSet } from '../byte-transport';
import type { SimulatedDeviceEnd } from '../simulated-link';
import { decodeHidReport, encodeHidReports, type HidReportFraming } from './hid-report-framing';
import type { HidBackend, HidDeviceHandle, HidDeviceInfo } from './hid-backend';

/**
 * A HID device in memory, seen by the host through SimulatedHidBackend exactly as node-hid would
 * show it (no virtual HID device can be created on a build machine). Delivery is asynchronous, like
 * node-hid's read thread.
 */
export class SimulatedHidDevice {
  private readonly toDevice = new ListenerSet<Uint8Array>();
  private openHandles = new Set<SimulatedHidHandle>();
  private plugged = true;
  private generation = 0;

  constructor(readonly info: Omit<HidDeviceInfo, 'path'>) {}

  /** The OS path changes with every plug-in, as hidraw numbering does. */
  get path(): string {
    return `sim-hidraw-${this.info.vendorId.toString(16)}-${this.info.productId.toString(16)}-${this.generation}`;
  }

  get isPlugged(): boolean {
    return this.plugged;
  }

  /** Output reports the host wrote (first byte: report id). */
  onHostReport(listener: (report: Uint8Array) => void): () => void {
    return this.toDevice.add(listener);
  }

  /** An input report to every open handle. */
  sendReport(report: Uint8Array): void {
    if (!this.plugged) return;
    const copy = Buffer.from(report);
    for (const handle of this.openHandles) queueMicrotask(() => handle.deliver(copy));
  }

  unplug(): void {
    if (!this.plugged) return;
    this.plugged = false;
    for (const handle of [...this.openHandles]) handle.fail(new Error('could not read from HID device'));
    this.openHandles.clear();
  }

  replug(): void {
    if (this.plugged) return;
    this.plugged = true;
    this.generation++;
  }

  /** @internal used by the backend */
  openHandle(path: string): SimulatedHidHandle {
    if (!this.plugged || path !== this.path) throw new Error(`cannot open device with path ${path}`);
    const handle = new SimulatedHidHandle(this);
    this.openHandles.add(handle);
    return handle;
  }

  /** @internal */
  hostWrote(handle: SimulatedHidHandle, report: number[]): number {
    if (!this.plugged || !this.openHandles.has(handle)) throw new Error('Cannot write to hid device');
    const copy = Uint8Array.from(report);
    queueMicrotask(() => this.toDevice.emit(copy));
    return report.length;
  }

  /** @internal */
  closed(handle: SimulatedHidHandle): void {
    this.openHandles.delete(handle);
  }
}

class SimulatedHidHandle implements HidDeviceHandle {
  private readonly dataListeners = new ListenerSet<Buffer>();
  private readonly errorListeners = new ListenerSet<Error>();
  private closed = false;

  constructor(private readonly device: SimulatedHidDevice) {}

  write(report: number[]): number {
    if (this.closed) throw new Error('Cannot write to hid device');
    return this.device.hostWrote(this, report);
  }

  close(): void {
    this.closed = true;
    this.device.closed(this);
  }

  on(event: 'data' | 'error', listener: ((report: Buffer) => void) | ((err: Error) => void)): this {
    if (event === 'data') this.dataListeners.add(listener as (report: Buffer) => void);
    else this.errorListeners.add(listener as (err: Error) => void);
    return this;
  }

  deliver(report: Buffer): void {
    if (!this.closed) this.dataListeners.emit(report);
  }

  fail(err: Error): void {
    if (this.closed) return;
    this.closed = true;
    queueMicrotask(() => this.errorListeners.emit(err));
  }
}

/** A HID stack holding simulated devices: what node-hid's devices() and HID(path) would give. */
export class SimulatedHidBackend implements HidBackend {
  private readonly attached: SimulatedHidDevice[] = [];

  attach(device: SimulatedHidDevice): SimulatedHidDevice {
    this.attached.push(device);
    return device;
  }

  devices(): HidDeviceInfo[] {
    return this.attached.filter((d) => d.isPlugged).map((d) => ({ ...d.info, path: d.path }));
  }

  open(path: string): HidDeviceHandle {
    const device = this.attached.find((d) => d.isPlugged && d.path === path);
    if (!device) throw new Error(`cannot open device with path ${path}`);
    return device.openHandle(path);
  }
}

/**
 * Presents a simulated HID device as a byte-stream device end with the given report framing, so
 * a byte-stream simulator (the SDT reader) can sit behind HID exactly as a tunnelling reader does.
 */
export function hidDeviceAsDeviceEnd(
  device: SimulatedHidDevice,
  framing: HidReportFraming,
): SimulatedDeviceEnd {
  return {
    onHostData: (listener) =>
      device.onHostReport((report) => {
        const decoded = decodeHidReport(report, framing);
        if (decoded.ok && decoded.payload.length > 0) listener(decoded.payload);
      }),
    sendToHost(data) {
      for (const report of encodeHidReports(data, framing)) device.sendReport(report);
    },
    unplug: () => device.unplug(),
  };
}
