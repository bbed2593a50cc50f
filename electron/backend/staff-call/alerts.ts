import type { Clock } from '../../../domain/clock';
import type { KioskLogger } from '../logging/logger';
import type { DeviceName } from '../devices/device-status';

/** The states in which a device works again (the printer prints, the reader reads). */
const RESOLVED_STATES = new Set(['ready', 'paper-near-end', 'toner-low']);

/**
 * Alerts about a device rather than about a citizen's paper: a second one while the first is
 * unresolved says nothing new. (Each citizen left without a ticket or receipt is an alert of their
 * own: staff bring each one their paper.)
 */
const DEVICE_FAULTS: ReadonlySet<StaffAlert['what']> = new Set(['card-reader-faulty']);

/** Kept for the maintenance screen; older ones drop off (staff see the log for history). */
export const MAX_STAFF_ALERTS = 50;

export interface StaffAlert {
  /** What the citizen is missing (their paper), or that no citizen can use the card reader. */
  what: 'ticket-not-printed' | 'receipt-not-printed' | 'card-reader-faulty';
  device: DeviceName;
  /** The device state that caused it (paper-out, cover-open, offline, ...). */
  state: string;
  /** The queue number the citizen holds without a slip (not personal: it is called aloud). */
  number?: string;
  at: string;
}

/**
 * Alerts for hall staff when a citizen is left without their paper, or the card reader keeps
 * failing (nobody can identify by card): a log line staff can search
 * (`staff.alert`), the list on the maintenance screen, and an immediate heartbeat so the central's
 * fleet page shows the fault now rather than within 30 s. The device's own status change is
 * logged as `device.status` anyway; this says that somebody is waiting because of it.
 * An alert is resolved when its device is fine again.
 */
export class StaffAlerts {
  private alerts: StaffAlert[] = [];

  constructor(
    private readonly deps: {
      clock: Clock;
      logger: KioskLogger;
      /** Tells the fleet at once (the heartbeat). */
      notify?: () => void;
    },
  ) {}

  /**
   * Raises an alert. A device fault (the card reader) is raised once until the device is fine again:
   * every citizen who then tries the reader meets the same fault, not a new one.
   */
  raise(alert: Omit<StaffAlert, 'at'>): void {
    const known = this.alerts.some((a) => a.what === alert.what && a.device === alert.device);
    if (known && DEVICE_FAULTS.has(alert.what)) return;
    const full = { ...alert, at: new Date(this.deps.clock.now()).toISOString() };
    this.alerts = [...this.alerts, full].slice(-MAX_STAFF_ALERTS);
    this.deps.logger.error('staff.alert', {
      what: alert.what,
      device: alert.device,
      state: alert.state,
      ...(alert.number ? { number: alert.number } : {}),
    });
    this.deps.notify?.();
  }

  /** A device reported a new state: its alerts are resolved once it can print again. */
  deviceState(device: DeviceName, state: string): void {
    if (!RESOLVED_STATES.has(state)) return;
    const before = this.alerts.length;
    this.alerts = this.alerts.filter((a) => a.device !== device);
    const resolved = before - this.alerts.length;
    if (resolved > 0) this.deps.logger.info('staff.alert-resolved', { device, alerts: resolved });
  }

  /** Every device's state as the devices report it now (absent ones are not configured). */
  devicesChanged(states: Partial<Record<DeviceName, { state: string } | undefined>>): void {
    for (const [device, status] of Object.entries(states) as [DeviceName, { state: string } | undefined][]) {
      if (status) this.deviceState(device, status.state);
    }
  }

  list(): StaffAlert[] {
    return [...this.alerts];
  }
}
