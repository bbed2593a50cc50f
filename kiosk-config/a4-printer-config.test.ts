import { describe, expect, it } from 'vitest';
import { allDevicesSimulated, kioskConfigSchema } from './schema';

const parse = (a4Printer: unknown) => kioskConfigSchema.safeParse({ devices: { a4Printer } });
const message = (a4Printer: unknown): string => {
  const r = parse(a4Printer);
  return r.success ? '' : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
};

describe('the A4 printer in the configuration', () => {
  it('is absent by default, simulated when named without a transport', () => {
    expect(kioskConfigSchema.parse({}).devices.a4Printer).toBeUndefined();
    const cfg = kioskConfigSchema.parse({ devices: { a4Printer: {} } });
    expect(cfg.devices.a4Printer).toEqual({ transport: { kind: 'simulated' } });
    expect(allDevicesSimulated(cfg)).toBe(true);
  });

  it('takes a CUPS queue on this machine, or an ipps:// printer on the network', () => {
    const local = kioskConfigSchema.parse({
      devices: { a4Printer: { transport: { kind: 'ipp', uri: 'ipp://localhost:631/printers/kiosk-a4' } } },
    });
    expect(local.devices.a4Printer?.transport).toEqual({
      kind: 'ipp',
      uri: 'ipp://localhost:631/printers/kiosk-a4',
    });
    expect(allDevicesSimulated(local)).toBe(false);
    expect(
      parse({ transport: { kind: 'ipp', uri: 'ipps://printer-3.hall.example/ipp/print' } }).success,
    ).toBe(true);
  });

  it('refuses plain ipp:// across the network, credentials, no queue path and nonsense, saying why', () => {
    expect(message({ transport: { kind: 'ipp', uri: 'ipp://10.0.0.7/printers/a4' } })).toMatch(
      /devices\.a4Printer\.transport\.uri: .*ipps:\/\/.*holder's name/,
    );
    expect(message({ transport: { kind: 'ipp', uri: 'ipps://u:p@printer/ipp/print' } })).toMatch(
      /without a user name/,
    );
    expect(message({ transport: { kind: 'ipp', uri: 'ipp://localhost:631' } })).toMatch(/queue's path/);
    expect(message({ transport: { kind: 'ipp', uri: 'kiosk-a4' } })).toMatch(/an IPP printer URI/);
    expect(message({ transport: { kind: 'serial', path: '/dev/ttyS0' } })).not.toBe('');
  });
});
