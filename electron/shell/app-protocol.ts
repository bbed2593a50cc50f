import { protocol, type Session } from 'electron';
import { APP_SCHEME } from './navigation';

/**
 * Must run before `ready`. The renderer's origin is app://kiosk:
 * - standard: relative URLs, origins and the same-origin policy work as for http.
 * - secure: a secure context (no mixed-content blocking of its own requests, crypto APIs available).
 * - supportFetchAPI: fetch() and EventSource to /api are allowed on this scheme.
 * - stream: response bodies are streamed, which the endless /api/events needs.
 * - codeCache: V8 may cache the compiled bundle, the same as for http; only speeds up start.
 * corsEnabled is deliberately left off: it would let other origins read app:// responses, and the
 * page only ever requests its own origin.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
    },
  ]);
}

export function serveAppProtocol(ses: Session, handler: (request: Request) => Promise<Response>): void {
  ses.protocol.handle(APP_SCHEME, handler);
}
