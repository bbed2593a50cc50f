import { readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { loadNodeHidBackend, type HidBackend } from '../../../drivers/transports/hid/hid-backend';

/** udev's stable names for serial devices; they survive a replug and a change of USB port order. */
export const SERIAL_BY_ID_DIR = '/dev/serial/by-id';

export interface DiscoveredSerialPort {
  path: string;
  /** The /dev/serial/by-id name pointing at `path`, to put in the configuration. */
  stablePath?: string;
  vendorId?: string;
  productId?: string;
  serialNumber?: string;
  manufacturer?: string;
}

export interface DiscoveredHidDevice {
  vendorId: number;
  productId: number;
  serialNumber?: string;
  product?: string;
  usagePage?: number;
}

export interface DiscoveryResult {
  serial: DiscoveredSerialPort[];
  hid: DiscoveredHidDevice[];
  /** Why HID devices could not be listed (e.g. node-hid's native library missing). */
  hidUnavailable?: string;
}

export interface DiscoveryDeps {
  listSerial?: () => Promise<
    { path: string; vendorId?: string; productId?: string; serialNumber?: string; manufacturer?: string }[]
  >;
  serialByIdDir?: string;
  hidBackend?: () => { ok: true; backend: HidBackend } | { ok: false; detail: string };
}

/**
 * What is plugged in, for field staff setting up a terminal: serial ports with their stable
 * by-id names, and HID devices by VID/PID. OS paths of HID devices are left out on purpose: they
 * change on replug, so configuration names devices by VID/PID (and serial number) instead.
 */
export async function discoverDevices(deps: DiscoveryDeps = {}): Promise<DiscoveryResult> {
  const listSerial = deps.listSerial ?? (() => SerialPort.list());
  const [ports, stableNames] = await Promise.all([
    listSerial().catch(() => []),
    stablePathsByTarget(deps.serialByIdDir ?? SERIAL_BY_ID_DIR),
  ]);
  const serial = ports.map((p) => ({
    path: p.path,
    ...(stableNames.get(p.path) ? { stablePath: stableNames.get(p.path) } : {}),
    vendorId: p.vendorId,
    productId: p.productId,
    serialNumber: p.serialNumber,
    manufacturer: p.manufacturer,
  }));
  const hidLoad = (deps.hidBackend ?? loadNodeHidBackend)();
  if (!hidLoad.ok) return { serial, hid: [], hidUnavailable: hidLoad.detail };
  let hid: DiscoveredHidDevice[];
  try {
    hid = hidLoad.backend.devices().map(({ vendorId, productId, serialNumber, product, usagePage }) => ({
      vendorId,
      productId,
      serialNumber,
      product,
      usagePage,
    }));
  } catch (err) {
    return { serial, hid: [], hidUnavailable: (err as Error).message };
  }
  return { serial, hid };
}

/** Maps each device node (/dev/ttyUSB0) to its by-id link; empty where the directory is absent. */
async function stablePathsByTarget(dir: string): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return map; // no serial devices, or not Linux
  }
  await Promise.all(
    names.map(async (name) => {
      const link = join(dir, name);
      try {
        map.set(await realpath(link), link);
      } catch {
        // A dangling link during a replug: skip it.
      }
    }),
  );
  return map;
}
