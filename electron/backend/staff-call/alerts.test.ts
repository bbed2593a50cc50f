import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../domain/clock';
import { createTestLogger } from '../logging/logger';
import { MAX_STAFF_ALERTS, StaffAlerts } from './alerts';

function setup() {
  const logger = createTestLogger();
  let notified = 0;
  const alerts = new StaffAlerts({ clock: new ManualClock(0), logger, notify: () => notified++ });
  return { alerts, logger, notified: () => notified };
}

const events = (lines: string[]) => lines.map((l) => (JSON.parse(l) as { event: string }).event);

describe('staff alerts', () => {
  it('logs a searchable alert with the number waiting for a slip, and tells the fleet at once', () => {
    const { alerts, logger, notified } = setup();
    alerts.raise({
      what: 'ticket-not-printed',
      device: 'receiptPrinter',
      state: 'paper-out',
      number: 'A007',
    });
    expect(alerts.list()).toEqual([
      {
        what: 'ticket-not-printed',
        device: 'receiptPrinter',
        state: 'paper-out',
        number: 'A007',
        at: '1970-01-01T00:00:00.000Z',
      },
    ]);
    expect(events(logger.lines)).toEqual(['staff.alert']);
    expect(JSON.parse(logger.lines[0]!)).toMatchObject({ level: 50, number: 'A007', state: 'paper-out' });
    expect(notified()).toBe(1);
  });

  it('resolves a device’s alerts when it can print again, not on another fault', () => {
    const { alerts, logger } = setup();
    alerts.raise({ what: 'ticket-not-printed', device: 'receiptPrinter', state: 'paper-out', number: 'A1' });
    alerts.raise({ what: 'receipt-not-printed', device: 'ticketPrinter', state: 'cover-open' });
    alerts.deviceState('receiptPrinter', 'cover-open');
    expect(alerts.list()).toHaveLength(2);
    alerts.deviceState('receiptPrinter', 'ready');
    expect(alerts.list().map((a) => a.device)).toEqual(['ticketPrinter']);
    expect(events(logger.lines).at(-1)).toBe('staff.alert-resolved');
    alerts.deviceState('receiptPrinter', 'ready');
    expect(events(logger.lines).filter((e) => e === 'staff.alert-resolved')).toHaveLength(1);
  });

  it('keeps only the newest alerts for the screen', () => {
    const { alerts } = setup();
    for (let i = 0; i < MAX_STAFF_ALERTS + 5; i++) {
      alerts.raise({
        what: 'ticket-not-printed',
        device: 'receiptPrinter',
        state: 'paper-out',
        number: `A${i}`,
      });
    }
    expect(alerts.list()).toHaveLength(MAX_STAFF_ALERTS);
    expect(alerts.list()[0]!.number).toBe('A5');
  });

  it('resolves from the states of all devices at once, each alert by its own device', () => {
    const { alerts } = setup();
    alerts.raise({ what: 'ticket-not-printed', device: 'ticketPrinter', state: 'paper-out', number: 'A001' });
    alerts.raise({ what: 'card-reader-faulty', device: 'idCardReader', state: 'faulty' });
    alerts.devicesChanged({
      idCardReader: { state: 'faulty' },
      receiptPrinter: { state: 'ready' },
      ticketPrinter: { state: 'ready' },
      buttonPanel: undefined,
    });
    expect(alerts.list().map((a) => a.device)).toEqual(['idCardReader']);
    alerts.devicesChanged({ idCardReader: { state: 'ready' }, receiptPrinter: { state: 'ready' } });
    expect(alerts.list()).toEqual([]);
  });
});

describe('a device fault', () => {
  it('is alerted once until its device is fine again, then again on the next fault', () => {
    const { alerts, logger, notified } = setup();
    alerts.raise({ what: 'card-reader-faulty', device: 'idCardReader', state: 'disconnected' });
    alerts.raise({ what: 'card-reader-faulty', device: 'idCardReader', state: 'faulty' });
    alerts.deviceState('idCardReader', 'faulty');
    alerts.raise({ what: 'card-reader-faulty', device: 'idCardReader', state: 'faulty' });
    expect(alerts.list()).toMatchObject([{ what: 'card-reader-faulty', state: 'disconnected' }]);
    expect(events(logger.lines)).toEqual(['staff.alert']);
    expect(notified()).toBe(1);

    alerts.deviceState('idCardReader', 'ready');
    alerts.raise({ what: 'card-reader-faulty', device: 'idCardReader', state: 'faulty' });
    expect(alerts.list()).toMatchObject([{ what: 'card-reader-faulty', state: 'faulty' }]);
    expect(notified()).toBe(2);
  });

  it('does not swallow a second citizen left without their ticket or receipt', () => {
    const { alerts } = setup();
    alerts.raise({ what: 'ticket-not-printed', device: 'receiptPrinter', state: 'paper-out', number: 'A1' });
    alerts.raise({ what: 'ticket-not-printed', device: 'receiptPrinter', state: 'paper-out', number: 'A2' });
    alerts.raise({ what: 'receipt-not-printed', device: 'receiptPrinter', state: 'paper-out' });
    alerts.raise({ what: 'receipt-not-printed', device: 'receiptPrinter', state: 'paper-out' });
    expect(alerts.list().map((a) => a.number ?? a.what)).toEqual([
      'A1',
      'A2',
      'receipt-not-printed',
      'receipt-not-printed',
    ]);
  });
});
