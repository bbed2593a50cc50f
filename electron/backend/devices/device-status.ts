import type { KioskLogger } from '../logging/logger';

/** The status of one device, as data. `detail` is for staff and logs and never holds personal data. */
export type DeviceStatus =
  | { state: 'starting' }
  | { state: 'ready' }
  | { state: 'paper-near-end' }
  | { state: 'paper-out' }
  | { state: 'cover-open' }
  /** The A4 printer: toner low (still prints), toner out, paper jammed. */
  | { state: 'toner-low' }
  | { state: 'toner-out' }
  | { state: 'jam' }
  | { state: 'offline'; detail: string }
  | { state: 'error'; detail: string }
  /** The card reader failed FAULTY_AFTER_FAILED_READS polls in a row (checksum, bad status, silence). */
  | { state: 'faulty'; detail: string }
  | { state: 'disconnected'; detail: string };

export type DeviceName =
  'idCardReader' | 'receiptPrinter' | 'ticketPrinter' | 'buttonPanel' | 'qrScanner' | 'a4Printer';

export interface DeviceCounters {
  /** Card reads that produced an identity. */
  reads: number;
  /** Jobs printed (not counting ones refused or already printed). */
  prints: number;
  scans: number;
  /** Failed operations and status changes into a fault. */
  errors: number;
  /** Times the device came back after being disconnected. */
  reconnects: number;
}

function sameStatus(a: DeviceStatus, b: DeviceStatus): boolean {
  return (
    a.state === b.state && ('detail' in a ? a.detail : undefined) === ('detail' in b ? b.detail : undefined)
  );
}

const FAULT_STATES = new Set<DeviceStatus['state']>([
  'paper-out',
  'cover-open',
  'toner-out',
  'jam',
  'offline',
  'error',
  'disconnected',
  'faulty',
]);

/**
 * One device's status and counters. A status is logged and announced when it changes, never on
 * every poll, so a printer polled each second leaves one log line per real change.
 */
export class DeviceMonitor {
  private current: DeviceStatus = { state: 'starting' };
  readonly counters: DeviceCounters = { reads: 0, prints: 0, scans: 0, errors: 0, reconnects: 0 };

  constructor(
    readonly device: DeviceName,
    private readonly logger: KioskLogger,
    private readonly onChange: () => void,
  ) {}

  get status(): DeviceStatus {
    return this.current;
  }

  set(status: DeviceStatus): void {
    if (sameStatus(this.current, status)) return;
    const previous = this.current;
    this.current = status;
    if (previous.state === 'disconnected' && status.state !== 'disconnected') this.counters.reconnects++;
    if (FAULT_STATES.has(status.state)) this.counters.errors++;
    const detail = 'detail' in status ? status.detail : undefined;
    const fields = { device: this.device, state: status.state, detail, previous: previous.state };
    // Faults and the paper-near-end and toner-low warnings are for staff to act on.
    if (FAULT_STATES.has(status.state) || status.state === 'paper-near-end' || status.state === 'toner-low')
      this.logger.warn('device.status', fields);
    else this.logger.info('device.status', fields);
    this.onChange();
  }
}
