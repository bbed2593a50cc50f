import { ListenerSet } from '../transports/byte-transport';
import type { HidReportPort } from '../transports/hid/hid-report-port';

/**
 * A "take a number" button panel with LEDs on HID. ASSUMED report layout (per model; check the
 * panel's descriptor): input report `reportId | buttons bitmap` (bit n = button n held), output
 * report `reportId | LEDs bitmap`. A press is reported on the rising edge only, so a held button
 * dispenses one ticket.
 */
export interface ButtonPanelLayout {
  inputReportId: number;
  outputReportId: number;
  /** Whole output report length including the id byte. */
  outputReportLength: number;
}

export const DEFAULT_BUTTON_PANEL_LAYOUT: ButtonPanelLayout = {
  inputReportId: 1,
  outputReportId: 2,
  outputReportLength: 8,
};

export class HidButtonPanel {
  private held = 0;
  private readonly presses = new ListenerSet<number>();
  /** Reports of another id or too short; for diagnostics. */
  ignoredReports = 0;

  constructor(
    readonly port: HidReportPort,
    private readonly layout: ButtonPanelLayout = DEFAULT_BUTTON_PANEL_LAYOUT,
  ) {
    port.onReport((report) => this.onReport(report));
    // After an unplug no button is held any more; the next report starts from a clean state.
    port.onError(() => {
      this.held = 0;
    });
  }

  /** Button index (0-based) pressed. */
  onPress(listener: (button: number) => void): () => void {
    return this.presses.add(listener);
  }

  /** Sets the LEDs; a typed result, since the panel may be unplugged. */
  setLeds(bitmap: number): { ok: true } | { ok: false; detail: string } {
    const report = new Uint8Array(this.layout.outputReportLength);
    report[0] = this.layout.outputReportId;
    report[1] = bitmap & 0xff;
    try {
      this.port.writeReport(report);
      return { ok: true };
    } catch (err) {
      return { ok: false, detail: (err as Error).message };
    }
  }

  private onReport(report: Uint8Array): void {
    if (report.length < 2 || report[0] !== this.layout.inputReportId) {
      this.ignoredReports++;
      return;
    }
    const now = report[1]!;
    const rising = now & ~this.held;
    this.held = now;
    for (let bit = 0; bit < 8; bit++) if (rising & (1 << bit)) this.presses.emit(bit);
  }
}
