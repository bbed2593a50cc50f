import { ListenerSet, type ByteTransport } from '../byte-transport';
import { decodeHidReport, encodeHidReports, type HidReportFraming } from './hid-report-framing';
import type { HidReportPort } from './hid-report-port';

/**
 * A byte stream over HID reports, for readers that tunnel their serial protocol (SDT frames) through
 * HID. The driver above does not know; reports that do not decode are dropped and counted, and the
 * stream's own framing (preamble hunt, checksum) deals with what is lost.
 */
export class HidByteTransport implements ByteTransport {
  readonly description: string;
  /** Input reports that were not data reports of this framing; for diagnostics. */
  droppedReports = 0;
  private readonly dataListeners = new ListenerSet<Uint8Array>();

  constructor(
    private readonly port: HidReportPort,
    private readonly framing: HidReportFraming,
  ) {
    this.description = port.description;
    port.onReport((report) => {
      const decoded = decodeHidReport(report, this.framing);
      if (!decoded.ok) {
        this.droppedReports++;
        return;
      }
      if (decoded.payload.length > 0) this.dataListeners.emit(decoded.payload);
    });
  }

  get isOpen(): boolean {
    return this.port.isOpen;
  }

  async open(): Promise<void> {
    this.port.open();
  }

  async close(): Promise<void> {
    this.port.close();
  }

  async write(data: Uint8Array): Promise<void> {
    for (const report of encodeHidReports(data, this.framing)) this.port.writeReport(report);
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.dataListeners.add(listener);
  }

  onError(listener: (err: Error) => void): () => void {
    return this.port.onError(listener);
  }
}
