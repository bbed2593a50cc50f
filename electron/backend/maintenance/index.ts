/**
 * What field staff's tools (the kiosk-config CLI) may use of maintenance: the PIN's hash and check,
 * clearing a PIN lockout, the audit log they write to, and the printer's test page. The rest of the
 * folder is the kiosk's own.
 */
export { hashPin, verifyPin, PIN_PATTERN } from './pin-hash';
export { clearLockout, MaintenanceAuth } from './maintenance-auth';
export { AuditLog, type AuditResult } from './audit-log';
export { testPage } from './test-page';
