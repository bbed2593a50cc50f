import type { Clock } from '../../../drivers/clock';
import { CardWatcher } from '../../../drivers/id-card-reader/card-watcher';
import { SdtCardReader } from '../../../drivers/id-card-reader/sdt-reader';
import { SimulatedSdtCardDevice } from '../../../drivers/id-card-reader/simulated-sdt-device';
import type { CardRead, CardReadError } from '../../../drivers/id-card-reader/types';
import type { PrintDocument } from '../../../drivers/printer/document';
import { EscPosPrinter, type PrintResult } from '../../../drivers/printer/escpos-printer';
import type { PrinterStatus } from '../../../drivers/printer/escpos-status';
import { SimulatedEscPosPrinter } from '../../../drivers/printer/simulated-escpos-printer';
import type { ByteTransport } from '../../../drivers/transports/byte-transport';
import { SerialTransport } from '../../../drivers/transports/serial-transport';
import { createSimulatedLink, type SimulatedDeviceEnd } from '../../../drivers/transports/simulated-link';
import type { KioskConfig, TransportConfig } from '../../../kiosk-config/schema';
import type { KioskLogger } from '../logging/logger';

export interface DeviceStatusView {
  state: string;
  detail?: string;
}

/** A transport kind this version cannot drive yet: the start stops with this, never half-configured. */
export class UnsupportedTransportError extends Error {
  override name = 'UnsupportedTransportError';
}

function openTransport(
  device: string,
  config: TransportConfig,
): { transport: ByteTransport; simulatedEnd?: SimulatedDeviceEnd } {
  switch (config.kind) {
    case 'simulated': {
      const link = createSimulatedLink(`simulated ${device}`);
      return { transport: link.host, simulatedEnd: link.device };
    }
    case 'serial':
      return { transport: new SerialTransport({ path: config.path, baudRate: config.baudRate }) };
    default:
      throw new UnsupportedTransportError(
        `devices.${device}.transport.kind "${config.kind}" is not supported by this version for ${device}; use "serial" or "simulated".`,
      );
  }
}

export interface CardEvents {
  onCard(card: CardRead): void;
  onRemoved(): void;
  onReadError(error: CardReadError, detail: string): void;
}

/**
 * The kiosk's devices, built from configuration: a real driver over a real or simulated transport.
 * Simulators sit on the far end of a simulated link and speak the real wire protocol, so the same
 * driver code runs in tests, in the browser host and on a terminal.
 */
export class KioskDevices {
  readonly reader: SdtCardReader;
  readonly watcher: CardWatcher;
  readonly printer: EscPosPrinter;
  /** Present only when the device is simulated. */
  readonly simulatedCard: SimulatedSdtCardDevice | undefined;
  readonly simulatedPrinter: SimulatedEscPosPrinter | undefined;

  private readerStatus: DeviceStatusView = { state: 'starting' };
  private printerStatus: DeviceStatusView = { state: 'starting' };
  private listeners = new Set<() => void>();

  constructor(
    config: KioskConfig,
    private readonly deps: { clock: Clock; logger: KioskLogger },
  ) {
    const readerLink = openTransport('idCardReader', config.devices.idCardReader.transport);
    const printerLink = openTransport('receiptPrinter', config.devices.receiptPrinter.transport);
    this.simulatedCard = readerLink.simulatedEnd && new SimulatedSdtCardDevice(readerLink.simulatedEnd);
    this.simulatedPrinter = printerLink.simulatedEnd && new SimulatedEscPosPrinter(printerLink.simulatedEnd);
    this.reader = new SdtCardReader(readerLink.transport, { clock: deps.clock });
    this.watcher = new CardWatcher(this.reader, {
      clock: deps.clock,
      pollIntervalMs: config.devices.idCardReader.pollIntervalMs,
    });
    this.printer = new EscPosPrinter(printerLink.transport, {
      clock: deps.clock,
      paperWidthMm: config.devices.receiptPrinter.paperWidthMm,
    });
  }

  start(events: CardEvents): void {
    this.watcher.on('card', (card) => {
      this.setReaderStatus({ state: 'ready' });
      events.onCard(card);
    });
    this.watcher.on('removed', () => events.onRemoved());
    this.watcher.on('error', (e) => {
      if (e.error === 'disconnected' || e.error === 'timeout') {
        this.setReaderStatus({ state: 'disconnected', detail: e.detail });
      }
      events.onReadError(e.error, e.detail);
    });
    this.setReaderStatus({ state: 'ready' });
    this.watcher.start();
    void this.refreshPrinterStatus();
  }

  stop(): void {
    this.watcher.stop();
  }

  status(): { idCardReader: DeviceStatusView; receiptPrinter: DeviceStatusView } {
    return { idCardReader: this.readerStatus, receiptPrinter: this.printerStatus };
  }

  async refreshPrinterStatus(): Promise<PrinterStatus> {
    const status = await this.printer.status();
    this.setPrinterStatus(status);
    return status;
  }

  async print(doc: PrintDocument, jobId: string): Promise<PrintResult> {
    const result = await this.printer.print(doc, { jobId });
    if (!result.ok) this.setPrinterStatus(result.status);
    else void this.refreshPrinterStatus();
    return result;
  }

  onStatusChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setPrinterStatus(status: PrinterStatus): void {
    const view: DeviceStatusView =
      status.state === 'ready'
        ? { state: status.paperNearEnd ? 'paper-near-end' : 'ready' }
        : { state: status.state, ...('detail' in status ? { detail: status.detail } : {}) };
    this.update('receiptPrinter', view);
  }

  private setReaderStatus(view: DeviceStatusView): void {
    this.update('idCardReader', view);
  }

  /** Status is logged when it changes, not on every poll. */
  private update(device: 'idCardReader' | 'receiptPrinter', view: DeviceStatusView): void {
    const current = device === 'idCardReader' ? this.readerStatus : this.printerStatus;
    if (current.state === view.state && current.detail === view.detail) return;
    if (device === 'idCardReader') this.readerStatus = view;
    else this.printerStatus = view;
    this.deps.logger.info('device.status', { device, state: view.state, detail: view.detail });
    for (const listener of this.listeners) listener();
  }
}
