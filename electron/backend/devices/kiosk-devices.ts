import type { Clock, TimerHandle } from '../../../domain/clock';
import { IppA4Printer } from '../../../drivers/a4-printer/ipp-a4-printer';
import { httpIppTransport } from '../../../drivers/a4-printer/ipp-transport';
import { SimulatedIppPrinter } from '../../../drivers/a4-printer/simulated-ipp-printer';
import type {
  A4Printer,
  A4PrinterStatus,
  A4PrintRequest,
  A4PrintResult,
} from '../../../drivers/a4-printer/types';
import { CardWatcher } from '../../../drivers/id-card-reader/card-watcher';
import { SdtCardReader } from '../../../drivers/id-card-reader/sdt-reader';
import { SimulatedSdtCardDevice } from '../../../drivers/id-card-reader/simulated-sdt-device';
import type { CardRead, CardReadError, CardReadResult } from '../../../drivers/id-card-reader/types';
import type { PrintDocument } from '../../../drivers/printer/document';
import { EscPosPrinter, type PrintResult } from '../../../drivers/printer/escpos-printer';
import type { PrinterStatus } from '../../../drivers/printer/escpos-status';
import { renderPaperPreview } from '../../../drivers/printer/paper-preview';
import { SimulatedEscPosPrinter } from '../../../drivers/printer/simulated-escpos-printer';
import type { BarcodeScanner } from '../../../drivers/qr-scanner/barcode-scanner';
import { HidPosBarcodeScanner, SerialBarcodeScanner } from '../../../drivers/qr-scanner/barcode-scanner';
import { HIDPOS_USAGE_PAGE } from '../../../drivers/qr-scanner/hidpos-report';
import {
  SimulatedHidPosScanner,
  SimulatedSerialScanner,
} from '../../../drivers/qr-scanner/simulated-scanner';
import type { ScanEvent } from '../../../drivers/qr-scanner/types';
import { HidButtonPanel } from '../../../drivers/ticket-dispenser/hid-button-panel';
import { parseHexBytes, type PresenterModel } from '../../../drivers/ticket-dispenser/presenter-model';
import { TicketDispenser, type DispenseResult } from '../../../drivers/ticket-dispenser/ticket-dispenser';
import { ListenerSet } from '../../../drivers/transports/byte-transport';
import { SimulatedHidBackend, SimulatedHidDevice } from '../../../drivers/transports/hid/simulated-hid';
import type { SimulatedLink } from '../../../drivers/transports/simulated-link';
import type { KioskConfig } from '../../../kiosk-config/schema';
import type { KioskLogger } from '../logging/logger';
import { byteTransport, checkExclusiveUse, hidReportPort, type TransportDeps } from './device-transports';
import { DeviceMonitor, type DeviceCounters, type DeviceName, type DeviceStatus } from './device-status';

export { UnsupportedTransportError, DeviceConflictError } from './device-transports';
export type { DeviceStatus, DeviceCounters, DeviceName } from './device-status';

/** What /api/state shows of a device (a DeviceStatus fits). */
export interface DeviceStatusView {
  state: string;
  detail?: string;
}

export interface CardEvents {
  onCard(card: CardRead): void;
  onRemoved(): void;
  onReadError(error: CardReadError, detail: string): void;
  /** The reader failed FAULTY_AFTER_FAILED_READS polls in a row: staff should look at it. */
  onReaderFaulty?(error: CardReadError, detail: string): void;
}

export interface SelfTestResult {
  device: DeviceName;
  ok: boolean;
  /** What was checked and what failed; no personal data. */
  detail: string;
}

export interface KioskDevicesDeps extends TransportDeps {
  clock: Clock;
  logger: KioskLogger;
}

/** Vendor/product ids of the simulated HID devices (0xF055 is the "FOSS" test vendor id). */
const SIMULATED_VID = 0xf055;
const SIMULATED_BUTTON_PANEL_PID = 0x0b01;
const SIMULATED_SCANNER_PID = 0x5c01;
/** The printer-uri the simulated A4 printer is addressed by (it answers in-process, no socket). */
export const SIMULATED_A4_PRINTER_URI = 'ipp://simulated/printers/kiosk-a4';
/** LED bitmap of the self-test: every LED on, then off again. */
const ALL_LEDS = 0xff;

function presenterFrom(
  config: KioskConfig['devices']['ticketDispenser']['presenter'],
): PresenterModel | undefined {
  if (!config) return undefined;
  // The schema has checked the hex; parseHexBytes cannot fail here.
  const bytes = (hex: string): Uint8Array => parseHexBytes(hex) ?? new Uint8Array(0);
  return {
    ejectCommand: bytes(config.ejectCommand),
    retractCommand: bytes(config.retractCommand),
    retractAfterMs: config.retractAfterSeconds * 1000,
    ...(config.takenDetection
      ? {
          takenDetection: {
            query: bytes(config.takenDetection.query),
            ticketPresentMask: config.takenDetection.ticketPresentMask,
          },
        }
      : {}),
  };
}

/**
 * The kiosk's devices, built from configuration: a real driver over a real or simulated transport.
 * Simulators sit on the far end of a simulated link and speak the real wire protocol, so the same
 * driver code runs in tests, in the browser host and on a terminal.
 *
 * It is also the device manager: transports open lazily and drop their handle on any I/O error;
 * the card watcher's polls and a status poll of printers, panel and scanner reopen them by stable
 * identity (by-id path, host:port, VID/PID), so a replugged device is back within one poll.
 */
export class KioskDevices {
  readonly reader: SdtCardReader;
  readonly watcher: CardWatcher;
  readonly printer: EscPosPrinter;
  readonly dispenser: TicketDispenser;
  readonly buttonPanel: HidButtonPanel | undefined;
  readonly scanner: BarcodeScanner | undefined;
  /** Present only when the device is simulated. */
  readonly simulatedCard: SimulatedSdtCardDevice | undefined;
  readonly simulatedPrinter: SimulatedEscPosPrinter | undefined;
  /** The ticket printer's simulator when it is its own simulated printer (shared: simulatedPrinter). */
  readonly simulatedTicketPrinter: SimulatedEscPosPrinter | undefined;
  readonly simulatedButtonPanel: SimulatedHidDevice | undefined;
  readonly simulatedScanner: SimulatedSerialScanner | SimulatedHidPosScanner | undefined;
  /** The simulated reader's cable, so tests and the developer panel can unplug and replug it. */
  readonly simulatedReaderLink: SimulatedLink | undefined;
  /** The A4 printer for certificates, when configured (IPP to CUPS, or an IPP printer simulated in-process). */
  readonly a4Printer: A4Printer | undefined;
  readonly simulatedA4Printer: SimulatedIppPrinter | undefined;

  private readonly monitors: Map<DeviceName, DeviceMonitor>;
  private readonly listeners = new Set<() => void>();
  private readonly scanListeners = new ListenerSet<ScanEvent>();
  private readonly ticketPrinterOwn: boolean;
  private readonly pollIntervalMs: number;
  private readonly paperWidthMm: 58 | 80;
  private pollTimer: TimerHandle | undefined;
  private running = false;
  private a4Polling = false;

  constructor(
    config: KioskConfig,
    private readonly deps: KioskDevicesDeps,
  ) {
    const d = config.devices;
    const transportDeps: TransportDeps = { clock: deps.clock, hidBackend: deps.hidBackend };
    const claims = [
      { device: 'idCardReader', config: d.idCardReader.transport },
      { device: 'receiptPrinter', config: d.receiptPrinter.transport },
      ...(d.ticketDispenser.printer === 'own'
        ? [{ device: 'ticketDispenser', config: d.ticketDispenser.transport }]
        : []),
      ...(d.ticketDispenser.buttonPanel
        ? [{ device: 'ticketDispenser.buttonPanel', config: d.ticketDispenser.buttonPanel.transport }]
        : []),
      ...(d.qrScanner ? [{ device: 'qrScanner', config: d.qrScanner.transport }] : []),
    ];
    checkExclusiveUse(claims);
    this.pollIntervalMs = d.statusPollIntervalMs;
    this.paperWidthMm = d.receiptPrinter.paperWidthMm;

    const readerLink = byteTransport(
      'idCardReader',
      d.idCardReader.transport,
      ['serial', 'hid', 'simulated'],
      transportDeps,
    );
    const printerKinds = ['serial', 'tcp', 'usb-printer', 'simulated'] as const;
    const printerLink = byteTransport(
      'receiptPrinter',
      d.receiptPrinter.transport,
      printerKinds,
      transportDeps,
    );
    this.simulatedCard = readerLink.simulatedEnd && new SimulatedSdtCardDevice(readerLink.simulatedEnd);
    this.simulatedReaderLink = readerLink.link;
    this.simulatedPrinter = printerLink.simulatedEnd && new SimulatedEscPosPrinter(printerLink.simulatedEnd);
    this.reader = new SdtCardReader(readerLink.transport, { clock: deps.clock });
    this.watcher = new CardWatcher(this.reader, {
      clock: deps.clock,
      pollIntervalMs: d.idCardReader.pollIntervalMs,
    });
    this.printer = new EscPosPrinter(printerLink.transport, {
      clock: deps.clock,
      paperWidthMm: d.receiptPrinter.paperWidthMm,
    });

    // The ticket role: the receipt printer itself, or a printer of its own.
    const td = d.ticketDispenser;
    const presenter = presenterFrom(td.presenter);
    this.ticketPrinterOwn = td.printer === 'own';
    let ticketPrinter = this.printer;
    if (this.ticketPrinterOwn) {
      const link = byteTransport('ticketDispenser', td.transport, printerKinds, transportDeps);
      this.simulatedTicketPrinter =
        link.simulatedEnd && new SimulatedEscPosPrinter(link.simulatedEnd, { presenter, clock: deps.clock });
      ticketPrinter = new EscPosPrinter(link.transport, { clock: deps.clock, paperWidthMm: td.paperWidthMm });
    }
    this.dispenser = new TicketDispenser(ticketPrinter, { clock: deps.clock, presenter });

    if (td.buttonPanel) {
      const t = td.buttonPanel.transport;
      if (t.kind === 'simulated') {
        const hid = new SimulatedHidBackend();
        this.simulatedButtonPanel = hid.attach(
          new SimulatedHidDevice({
            vendorId: SIMULATED_VID,
            productId: SIMULATED_BUTTON_PANEL_PID,
            product: 'simulated button panel',
          }),
        );
        this.buttonPanel = new HidButtonPanel(
          hidReportPort(
            {
              kind: 'hid',
              vendorId: SIMULATED_VID,
              productId: SIMULATED_BUTTON_PANEL_PID,
              reportFraming: { reportId: 0, reportLength: 64, lengthPrefixed: true },
            },
            { hidBackend: () => ({ ok: true, backend: hid }) },
          ),
        );
      } else {
        this.buttonPanel = new HidButtonPanel(hidReportPort(t, transportDeps));
      }
    }

    if (d.qrScanner) {
      const s = d.qrScanner;
      if (s.mode === 'hid-pos') {
        if (s.transport.kind === 'simulated') {
          const hid = new SimulatedHidBackend();
          const device = hid.attach(
            new SimulatedHidDevice({
              vendorId: SIMULATED_VID,
              productId: SIMULATED_SCANNER_PID,
              usagePage: HIDPOS_USAGE_PAGE,
            }),
          );
          this.simulatedScanner = new SimulatedHidPosScanner(device);
          this.scanner = new HidPosBarcodeScanner(
            hidReportPort(
              {
                kind: 'hid',
                vendorId: SIMULATED_VID,
                productId: SIMULATED_SCANNER_PID,
                usagePage: HIDPOS_USAGE_PAGE,
                reportFraming: { reportId: 0, reportLength: 64, lengthPrefixed: true },
              },
              { hidBackend: () => ({ ok: true, backend: hid }) },
            ),
            deps.clock,
          );
        } else if (s.transport.kind === 'hid') {
          this.scanner = new HidPosBarcodeScanner(hidReportPort(s.transport, transportDeps), deps.clock);
        }
      } else {
        const link = byteTransport('qrScanner', s.transport, ['serial', 'simulated'], transportDeps);
        this.simulatedScanner = link.simulatedEnd && new SimulatedSerialScanner(link.simulatedEnd);
        this.scanner = new SerialBarcodeScanner(link.transport, deps.clock);
      }
    }

    if (d.a4Printer) {
      const t = d.a4Printer.transport;
      if (t.kind === 'simulated') {
        this.simulatedA4Printer = new SimulatedIppPrinter();
        this.a4Printer = new IppA4Printer(this.simulatedA4Printer.transport(), {
          printerUri: SIMULATED_A4_PRINTER_URI,
          clock: deps.clock,
        });
      } else {
        this.a4Printer = new IppA4Printer(httpIppTransport(t.uri, { clock: deps.clock }), {
          printerUri: t.uri,
          clock: deps.clock,
        });
      }
    }

    const names: DeviceName[] = ['idCardReader', 'receiptPrinter'];
    if (this.ticketPrinterOwn) names.push('ticketPrinter');
    if (this.buttonPanel) names.push('buttonPanel');
    if (this.scanner) names.push('qrScanner');
    if (this.a4Printer) names.push('a4Printer');
    this.monitors = new Map(
      names.map((n) => [n, new DeviceMonitor(n, deps.logger, () => this.listeners.forEach((l) => l()))]),
    );
    this.scanner?.onScan((scan) => {
      this.monitor('qrScanner').counters.scans++;
      this.scanListeners.emit(scan);
    });
    this.scanner?.onError((e) => {
      const m = this.monitor('qrScanner');
      if (e.error === 'disconnected') m.set({ state: 'disconnected', detail: e.detail });
      else m.counters.errors++;
    });
    this.buttonPanel?.port.onError((err) =>
      this.monitor('buttonPanel').set({ state: 'disconnected', detail: err.message }),
    );
  }

  start(events: CardEvents): void {
    const reader = this.monitor('idCardReader');
    this.watcher.on('card', (card) => {
      reader.counters.reads++;
      reader.set({ state: 'ready' });
      events.onCard(card);
    });
    this.watcher.on('removed', () => events.onRemoved());
    this.watcher.on('recovered', () => reader.set({ state: 'ready' }));
    this.watcher.on('error', (e) => {
      if (e.error === 'disconnected' || e.error === 'timeout') {
        reader.set({ state: 'disconnected', detail: e.detail });
      } else {
        reader.counters.errors++;
      }
      events.onReadError(e.error, e.detail);
    });
    // A reader that answers but cannot read (or answers nothing) is faulty; an unplugged one, whose
    // port cannot even open, stays 'disconnected', which tells staff what to do.
    this.watcher.on('faulty', (e) => {
      if (e.error !== 'disconnected') {
        reader.set({ state: 'faulty', detail: `${e.failures} reads failed in a row, last: ${e.detail}` });
      }
      events.onReaderFaulty?.(e.error, e.detail);
    });
    reader.set({ state: 'ready' });
    this.watcher.start();
    this.running = true;
    void this.poll();
  }

  stop(): void {
    this.running = false;
    this.watcher.stop();
    if (this.pollTimer) this.deps.clock.clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
  }

  status(): {
    idCardReader: DeviceStatusView;
    receiptPrinter: DeviceStatusView;
    ticketPrinter?: DeviceStatusView;
    buttonPanel?: DeviceStatusView;
    qrScanner?: DeviceStatusView;
    a4Printer?: DeviceStatusView;
  } {
    const out: Partial<Record<DeviceName, DeviceStatusView>> = {};
    for (const [name, m] of this.monitors) out[name] = m.status;
    return out as ReturnType<KioskDevices['status']>;
  }

  /** Reads the card on the reader now, for an action about to act for it (CardWatcher.confirm). */
  confirmCard(): Promise<CardReadResult> {
    return this.watcher.confirm();
  }

  /** Counters per configured device (reads, prints, scans, errors, reconnects). */
  counters(): Partial<Record<DeviceName, DeviceCounters>> {
    const out: Partial<Record<DeviceName, DeviceCounters>> = {};
    for (const [name, m] of this.monitors) out[name] = { ...m.counters };
    return out;
  }

  async refreshPrinterStatus(): Promise<PrinterStatus> {
    const status = await this.printer.status();
    this.monitor('receiptPrinter').set(printerStatusView(status));
    return status;
  }

  async print(doc: PrintDocument, jobId: string): Promise<PrintResult> {
    const result = await this.printer.print(doc, { jobId });
    const m = this.monitor('receiptPrinter');
    if (!result.ok) m.set(printerStatusView(result.status));
    else {
      if (!('alreadyPrinted' in result)) m.counters.prints++;
      void this.refreshPrinterStatus();
    }
    return result;
  }

  async refreshA4PrinterStatus(): Promise<A4PrinterStatus | undefined> {
    if (!this.a4Printer) return undefined;
    const status = await this.a4Printer.status();
    this.monitor('a4Printer').set(a4StatusView(status));
    return status;
  }

  /** Prints a PDF on the A4 printer and follows the job; the device status follows what the printer says. */
  async printA4(request: A4PrintRequest): Promise<A4PrintResult> {
    if (!this.a4Printer)
      return { ok: false, status: { state: 'offline', detail: 'no A4 printer configured' }, pending: false };
    const m = this.monitor('a4Printer');
    const result = await this.a4Printer.print({
      ...request,
      onProgress: (p) => {
        if (p.phase === 'stopped') m.set(a4StatusView(p.status));
        request.onProgress?.(p);
      },
    });
    if (!result.ok) m.set(a4StatusView(result.status));
    else {
      if (!result.alreadyPrinted) m.counters.prints++;
      void this.refreshA4PrinterStatus();
    }
    return result;
  }

  /** Prints a queue ticket through the ticket role (own or shared printer, presenter if any). */
  async dispenseTicket(doc: PrintDocument, jobId: string): Promise<DispenseResult> {
    const name: DeviceName = this.ticketPrinterOwn ? 'ticketPrinter' : 'receiptPrinter';
    const result = await this.dispenser.dispense(doc, jobId);
    const m = this.monitor(name);
    if (!result.ok) m.set(printerStatusView(result.status));
    else if (!result.alreadyPrinted) m.counters.prints++;
    return result;
  }

  onScan(listener: (scan: ScanEvent) => void): () => void {
    return this.scanListeners.add(listener);
  }

  onStatusChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The simulated receipt paper as an SVG data URL (developer panel); undefined with a real printer. */
  paperPreview(): string | undefined {
    const lines = this.simulatedPrinter?.paperLines();
    return lines && renderPaperPreview(lines, { paperWidthMm: this.paperWidthMm });
  }

  /**
   * A self-test of every configured device, for field staff: the reader's SAM answers, printers
   * report status, the panel takes an LED report, the scanner opens. Prints nothing.
   */
  async selfTest(): Promise<SelfTestResult[]> {
    const results: SelfTestResult[] = [];
    const sam = await this.reader.samStatus();
    const samId = sam.ok ? await this.reader.readSamId() : sam;
    results.push({
      device: 'idCardReader',
      ok: samId.ok,
      detail: samId.ok ? 'SAM status ok, SAM id read' : `SAM check failed: ${samId.error} (${samId.detail})`,
    });
    const printerStatus = await this.refreshPrinterStatus();
    results.push(printerSelfTest('receiptPrinter', printerStatus));
    if (this.ticketPrinterOwn) {
      const s = await this.dispenser.printer.status();
      this.monitor('ticketPrinter').set(printerStatusView(s));
      results.push(printerSelfTest('ticketPrinter', s));
    }
    if (this.buttonPanel) {
      const on = this.buttonPanel.setLeds(ALL_LEDS);
      const off = on.ok ? this.buttonPanel.setLeds(0) : on;
      this.monitor('buttonPanel').set(
        off.ok ? { state: 'ready' } : { state: 'disconnected', detail: off.detail },
      );
      results.push({ device: 'buttonPanel', ok: off.ok, detail: off.ok ? 'LEDs on and off' : off.detail });
    }
    if (this.scanner) {
      const opened = await this.scanner.open();
      this.monitor('qrScanner').set(
        opened.ok ? { state: 'ready' } : { state: 'disconnected', detail: opened.detail },
      );
      results.push({ device: 'qrScanner', ok: opened.ok, detail: opened.ok ? 'port open' : opened.detail });
    }
    const a4 = await this.refreshA4PrinterStatus();
    if (a4) {
      const ok = a4.state === 'ready' || a4.state === 'paper-near-end' || a4.state === 'toner-low';
      results.push({
        device: 'a4Printer',
        ok,
        detail: `status ${a4.state}${'detail' in a4 ? `: ${a4.detail}` : ''}`,
      });
    }
    return results;
  }

  private monitor(name: DeviceName): DeviceMonitor {
    // Every name used here is registered in the constructor for the configured devices.
    return this.monitors.get(name)!;
  }

  /**
   * Printers, the panel and the scanner have nothing polling them between jobs; this does, so an
   * unplug shows on the status screen and the device is reopened within one interval of coming back.
   */
  private async poll(): Promise<void> {
    if (!this.running) return;
    await this.refreshPrinterStatus();
    if (this.ticketPrinterOwn)
      this.monitor('ticketPrinter').set(printerStatusView(await this.dispenser.printer.status()));
    if (this.buttonPanel) {
      const m = this.monitor('buttonPanel');
      try {
        this.buttonPanel.port.open();
        m.set({ state: 'ready' });
      } catch (err) {
        m.set({ state: 'disconnected', detail: (err as Error).message });
      }
    }
    if (this.scanner) {
      const opened = await this.scanner.open();
      this.monitor('qrScanner').set(
        opened.ok ? { state: 'ready' } : { state: 'disconnected', detail: opened.detail },
      );
    }
    // Not awaited: a status request waits behind a certificate being printed (jobs run one at a
    // time), and the other devices' polls must not wait for that.
    if (this.a4Printer && !this.a4Polling) {
      this.a4Polling = true;
      void this.refreshA4PrinterStatus().finally(() => (this.a4Polling = false));
    }
    if (this.running)
      this.pollTimer = this.deps.clock.setTimeout(() => void this.poll(), this.pollIntervalMs);
  }
}

function printerStatusView(status: PrinterStatus): DeviceStatus {
  switch (status.state) {
    case 'ready':
      return { state: status.paperNearEnd ? 'paper-near-end' : 'ready' };
    case 'paper-out':
    case 'cover-open':
      return { state: status.state };
    default:
      return { state: status.state, detail: status.detail };
  }
}

/** What the maintenance screen and the fleet page show of the A4 printer (detail within their 200 characters). */
function a4StatusView(status: A4PrinterStatus): DeviceStatus {
  return 'detail' in status ? { state: status.state, detail: status.detail.slice(0, 200) } : status;
}

function printerSelfTest(device: DeviceName, status: PrinterStatus): SelfTestResult {
  const ok = status.state === 'ready';
  return {
    device,
    ok,
    detail: ok
      ? `status ready${status.paperNearEnd ? ', paper near end' : ''}`
      : `status ${status.state}${'detail' in status ? `: ${status.detail}` : ''}`,
  };
}
