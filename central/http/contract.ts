/**
 * Error codes of the HTTP layer itself (body decoding, the batch envelope). Dependency-free: the
 * kiosk's own HTTP server and client import it.
 */
export const httpErrorCodes = ['invalid-utf8', 'too-deep', 'not-batchable', 'sub-request-timeout'] as const;
export type HttpErrorCode = (typeof httpErrorCodes)[number];
