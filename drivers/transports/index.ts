export type { ByteTransport } from './byte-transport';
export { ListenerSet } from './byte-transport';
export type { SimulatedDeviceEnd, SimulatedLink, SimulatedLinkOptions } from './simulated-link';
export { createSimulatedLink, transportAsDeviceEnd } from './simulated-link';
export type { SerialTransportOptions } from './serial-transport';
export { SerialTransport } from './serial-transport';
export { TcpTransport, RAW_PRINT_PORT, TCP_CONNECT_TIMEOUT_MS } from './tcp-transport';
export type { TcpTransportOptions } from './tcp-transport';
export { UsbPrinterTransport, USB_PRINTER_READ_POLL_MS } from './usb-printer-transport';
export type { UsbPrinterTransportOptions } from './usb-printer-transport';
export type { HidBackend, HidDeviceHandle, HidDeviceInfo, HidDeviceIdentity } from './hid/hid-backend';
export { loadNodeHidBackend, matchesIdentity, describeIdentity } from './hid/hid-backend';
export { HidReportPort } from './hid/hid-report-port';
export { HidByteTransport } from './hid/hid-byte-transport';
export {
  encodeHidReports,
  decodeHidReport,
  payloadPerReport,
  DEFAULT_HID_REPORT_FRAMING,
} from './hid/hid-report-framing';
export type { HidReportFraming } from './hid/hid-report-framing';
export { SimulatedHidBackend, SimulatedHidDevice, hidDeviceAsDeviceEnd } from './hid/simulated-hid';
