export type { ByteTransport } from './byte-transport';
export { ListenerSet } from './byte-transport';
export type { SimulatedDeviceEnd, SimulatedLink, SimulatedLinkOptions } from './simulated-link';
export { createSimulatedLink, transportAsDeviceEnd } from './simulated-link';
export type { SerialTransportOptions } from './serial-transport';
export { SerialTransport } from './serial-transport';
