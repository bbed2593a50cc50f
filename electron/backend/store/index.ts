/**
 * What field staff's tools (the kiosk-config CLI) may use of the store: opening the kiosk's
 * database (to clear a PIN lockout and audit it), and the error it refuses with.
 */
export { openKioskDatabase, StoreError } from './database';
