import type { SimulatedHidDevice } from '../transports/hid/simulated-hid';
import type { SimulatedDeviceEnd } from '../transports/simulated-link';
import { encodeHidPosReports, HIDPOS_LAYOUT } from './hidpos-report';

/** Line noise a scanner's UART produces on a power dip. */
const SERIAL_GARBAGE = Uint8Array.of(0x00, 0xff, 0x13, 0x81, 0x0d);

/** A serial-mode scanner: each scan is the symbol's UTF-8 bytes then CR LF. */
export class SimulatedSerialScanner {
  constructor(private readonly device: SimulatedDeviceEnd) {}

  scan(text: string): void {
    const data = new TextEncoder().encode(text);
    const out = new Uint8Array(data.length + 2);
    out.set(data, 0);
    out.set([0x0d, 0x0a], data.length);
    this.device.sendToHost(out);
  }

  /** Noise terminated by CR: the host must report it and carry on. */
  sendGarbage(): void {
    this.device.sendToHost(SERIAL_GARBAGE);
  }

  /** The first part of a scan and then nothing (cable pulled mid-scan). */
  sendPartial(text: string): void {
    this.device.sendToHost(new TextEncoder().encode(text));
  }
}

/** A HID POS scanner on a simulated HID device. */
export class SimulatedHidPosScanner {
  constructor(private readonly device: SimulatedHidDevice) {}

  scan(text: string, symbology = ']Q1'): void {
    for (const report of encodeHidPosReports(new TextEncoder().encode(text), symbology)) {
      this.device.sendReport(report);
    }
  }

  /** A report of the wrong size and id. */
  sendGarbageReport(): void {
    this.device.sendReport(Uint8Array.of(0x07, 0xff, 0x00, 0x13));
  }

  /** Only the first report of a multi-report scan: the "more data" flag set and nothing follows. */
  sendPartial(text: string): void {
    const reports = encodeHidPosReports(new TextEncoder().encode(text));
    const first = reports[0]!;
    first[HIDPOS_LAYOUT.flagsOffset] = HIDPOS_LAYOUT.moreDataFlag;
    this.device.sendReport(first);
  }
}
