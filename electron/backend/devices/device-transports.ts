import { systemClock, type Clock } from '../../../domain/clock';
import type { ByteTransport } from '../../../drivers/transports/byte-transport';
import {
  loadNodeHidBackend,
  type HidBackend,
  type HidDeviceIdentity,
} from '../../../drivers/transports/hid/hid-backend';
import { HidByteTransport } from '../../../drivers/transports/hid/hid-byte-transport';
import { HidReportPort } from '../../../drivers/transports/hid/hid-report-port';
import { SerialTransport } from '../../../drivers/transports/serial-transport';
import {
  createSimulatedLink,
  type SimulatedDeviceEnd,
  type SimulatedLink,
} from '../../../drivers/transports/simulated-link';
import { TcpTransport } from '../../../drivers/transports/tcp-transport';
import { UsbPrinterTransport } from '../../../drivers/transports/usb-printer-transport';
import type { TransportConfig } from '../../../kiosk-config/schema';

/** A transport kind this version cannot drive for a device: the start stops with this, never half-configured. */
export class UnsupportedTransportError extends Error {
  override name = 'UnsupportedTransportError';
}

/** Two configured devices on one port or HID identity: each device needs it exclusively. */
export class DeviceConflictError extends Error {
  override name = 'DeviceConflictError';
}

export interface TransportDeps {
  clock?: Clock;
  /** The HID stack; default node-hid, loaded only when a HID device is configured. */
  hidBackend?: () => { ok: true; backend: HidBackend } | { ok: false; detail: string };
}

/**
 * A HID port whose stack could not be loaded: it fails every open with the reason, so the device
 * reports `disconnected` with that detail instead of the kiosk failing to start.
 */
class UnavailableHidBackend implements HidBackend {
  constructor(private readonly detail: string) {}
  devices(): never {
    throw new Error(this.detail);
  }
  open(): never {
    throw new Error(this.detail);
  }
}

export function hidReportPort(
  config: Extract<TransportConfig, { kind: 'hid' }>,
  deps: TransportDeps,
): HidReportPort {
  const load = (deps.hidBackend ?? loadNodeHidBackend)();
  const backend = load.ok ? load.backend : new UnavailableHidBackend(load.detail);
  const identity: HidDeviceIdentity = {
    vendorId: config.vendorId,
    productId: config.productId,
    ...(config.serialNumber !== undefined ? { serialNumber: config.serialNumber } : {}),
    ...(config.usagePage !== undefined ? { usagePage: config.usagePage } : {}),
  };
  return new HidReportPort(backend, identity);
}

/** A byte-stream transport for a device, with the simulator's end when simulated. */
export function byteTransport(
  device: string,
  config: TransportConfig,
  allowed: readonly TransportConfig['kind'][],
  deps: TransportDeps,
): { transport: ByteTransport; simulatedEnd?: SimulatedDeviceEnd; link?: SimulatedLink } {
  if (!allowed.includes(config.kind)) {
    throw new UnsupportedTransportError(
      `devices.${device}.transport.kind "${config.kind}" is not supported for ${device}; use one of ${allowed.map((k) => `"${k}"`).join(', ')}.`,
    );
  }
  switch (config.kind) {
    case 'simulated': {
      const link = createSimulatedLink(`simulated ${device}`);
      return { transport: link.host, simulatedEnd: link.device, link };
    }
    case 'serial':
      return { transport: new SerialTransport({ path: config.path, baudRate: config.baudRate }) };
    case 'tcp':
      return { transport: new TcpTransport({ host: config.host, port: config.port }) };
    case 'usb-printer':
      return { transport: new UsbPrinterTransport({ path: config.path, clock: deps.clock ?? systemClock }) };
    case 'hid':
      return { transport: new HidByteTransport(hidReportPort(config, deps), config.reportFraming) };
  }
}

/** The identity that must not be shared between two configured devices; undefined for simulated. */
export function exclusiveKey(config: TransportConfig): string | undefined {
  switch (config.kind) {
    case 'simulated':
      return undefined;
    case 'serial':
    case 'usb-printer':
      return `path ${config.path}`;
    case 'tcp':
      return `tcp ${config.host}:${config.port}`;
    case 'hid':
      return `hid ${config.vendorId}:${config.productId}:${config.serialNumber ?? '*'}:${config.usagePage ?? '*'}`;
  }
}

/** Throws DeviceConflictError naming both devices when two claim the same port. */
export function checkExclusiveUse(claims: readonly { device: string; config: TransportConfig }[]): void {
  const owners = new Map<string, string>();
  for (const { device, config } of claims) {
    const key = exclusiveKey(config);
    if (!key) continue;
    const owner = owners.get(key);
    if (owner) {
      throw new DeviceConflictError(
        `devices.${device} and devices.${owner} both use ${key}; a port serves one device (for one printer doing both jobs, set ticketDispenser.printer to "shared").`,
      );
    }
    owners.set(key, device);
  }
}
