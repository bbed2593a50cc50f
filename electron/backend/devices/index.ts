/**
 * What field staff's tools (the kiosk-config CLI) may use of the devices: finding the devices
 * attached to this machine, and the kiosk's devices as a configuration builds them (for a test print).
 */
export { discoverDevices, type DiscoveryResult } from './device-discovery';
export { KioskDevices } from './kiosk-devices';
