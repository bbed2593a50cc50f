import { createRequire } from 'node:module';

/** What discovery and reopen-by-identity need to know of one HID interface. */
export interface HidDeviceInfo {
  /** OS path of this interface (hidraw node on Linux); changes on replug, so never configured. */
  path: string;
  vendorId: number;
  productId: number;
  serialNumber?: string;
  product?: string;
  usagePage?: number;
  interface?: number;
}

/** An open HID interface: the part of node-hid's HID object the drivers use. */
export interface HidDeviceHandle {
  /** One output report; the first byte is the report id (0 for devices without numbered reports). */
  write(report: number[]): number;
  close(): void;
  on(event: 'data', listener: (report: Buffer) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
}

/** The HID stack: node-hid on a terminal, a simulated one in tests and the developer panel. */
export interface HidBackend {
  devices(): HidDeviceInfo[];
  open(path: string): HidDeviceHandle;
}

/** How a configured HID device is found again after a replug: by identity, never by OS path. */
export interface HidDeviceIdentity {
  vendorId: number;
  productId: number;
  serialNumber?: string;
  /** Picks the right interface of a composite device (e.g. 0x8C for a HID POS scanner). */
  usagePage?: number;
}

export function matchesIdentity(info: HidDeviceInfo, id: HidDeviceIdentity): boolean {
  return (
    info.vendorId === id.vendorId &&
    info.productId === id.productId &&
    (id.serialNumber === undefined || info.serialNumber === id.serialNumber) &&
    (id.usagePage === undefined || info.usagePage === id.usagePage)
  );
}

export function describeIdentity(id: HidDeviceIdentity): string {
  const hex4 = (n: number): string => n.toString(16).padStart(4, '0');
  return `hid ${hex4(id.vendorId)}:${hex4(id.productId)}${id.serialNumber ? ` #${id.serialNumber}` : ''}`;
}

export type HidBackendLoad = { ok: true; backend: HidBackend } | { ok: false; detail: string };

interface NodeHidModule {
  devices(): {
    path?: string;
    vendorId: number;
    productId: number;
    serialNumber?: string;
    product?: string;
    usagePage?: number;
    interface: number;
  }[];
  HID: new (path: string) => HidDeviceHandle;
}

let loaded: HidBackendLoad | undefined;

/**
 * node-hid, loaded on first use and only when a device is configured for HID: its prebuilt Linux
 * binding links libusb-1.0, and a machine without it (like our build machines) must still run the
 * simulated kiosk. A load failure is a typed result that the device status reports, never a crash.
 */
export function loadNodeHidBackend(): HidBackendLoad {
  if (loaded) return loaded;
  try {
    const hid = createRequire(import.meta.url)('node-hid') as NodeHidModule;
    // Calling devices() forces the native binding to load now rather than at the first poll.
    hid.devices();
    loaded = {
      ok: true,
      backend: {
        devices: () =>
          hid.devices().flatMap((d) =>
            d.path
              ? [
                  {
                    path: d.path,
                    vendorId: d.vendorId,
                    productId: d.productId,
                    serialNumber: d.serialNumber,
                    product: d.product,
                    usagePage: d.usagePage,
                    interface: d.interface,
                  },
                ]
              : [],
          ),
        open: (path) => new hid.HID(path),
      },
    };
  } catch (err) {
    loaded = { ok: false, detail: `node-hid unavailable: ${(err as Error).message.split('\n')[0]}` };
  }
  return loaded;
}
