import { describe, expect, it } from 'vitest';
import { allDevicesSimulated, kioskConfigSchema } from './schema';

describe('device configuration', () => {
  it('defaults: simulated, ticket role shared with the receipt printer, no scanner', () => {
    const cfg = kioskConfigSchema.parse({});
    expect(cfg.devices.ticketDispenser.printer).toBe('shared');
    expect(cfg.devices.qrScanner).toBeUndefined();
    expect(allDevicesSimulated(cfg)).toBe(true);
  });

  it('takes a HID reader with framing, a network printer, a presenter and a HID POS scanner', () => {
    const cfg = kioskConfigSchema.parse({
      devices: {
        idCardReader: {
          transport: { kind: 'hid', vendorId: 0x0400, productId: 0xc35a, reportFraming: { reportId: 2 } },
        },
        receiptPrinter: { transport: { kind: 'tcp', host: '10.0.0.9' } },
        ticketDispenser: {
          printer: 'own',
          transport: { kind: 'usb-printer', path: '/dev/kiosk-ticket-printer' },
          presenter: { takenDetection: {} },
        },
        qrScanner: {
          mode: 'hid-pos',
          transport: { kind: 'hid', vendorId: 1, productId: 2, usagePage: 0x8c },
        },
      },
    });
    expect(cfg.devices.receiptPrinter.transport).toEqual({ kind: 'tcp', host: '10.0.0.9', port: 9100 });
    expect(cfg.devices.ticketDispenser.presenter?.takenDetection).toEqual({
      query: '1D 72 01',
      ticketPresentMask: 4,
    });
    expect(allDevicesSimulated(cfg)).toBe(false);
  });

  it('names the document camera by label or device id, and refuses an empty choice', () => {
    expect(
      kioskConfigSchema.parse({ devices: { documentCamera: { label: '高拍仪' } } }).devices.documentCamera,
    ).toEqual({
      label: '高拍仪',
    });
    expect(kioskConfigSchema.parse({}).devices.documentCamera).toBeUndefined();
    const empty = kioskConfigSchema.safeParse({ devices: { documentCamera: {} } });
    expect(empty.success).toBe(false);
    expect(JSON.stringify(empty.error?.issues)).toContain('name the document camera by deviceId or by label');
  });

  it('names the field for a transport the device cannot use and for bad hex', () => {
    const r = kioskConfigSchema.safeParse({
      devices: {
        receiptPrinter: { transport: { kind: 'hid', vendorId: 1, productId: 2 } },
        qrScanner: { mode: 'serial', transport: { kind: 'tcp', host: 'x' } },
        ticketDispenser: { presenter: { ejectCommand: 'GS e 5' } },
      },
    });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'devices.receiptPrinter.transport.kind',
        'devices.qrScanner.transport.kind',
        'devices.ticketDispenser.presenter.ejectCommand',
      ]),
    );
  });
});
