/**
 * The Content-Security-Policy of the kiosk page, one definition for both hosts: the Electron
 * shell sets it on every app:// response, the browser host on every response it serves. Pure: no
 * electron import, so the backend (which must never load electron) can use it too.
 */
const DIRECTIVES: readonly string[] = [
  // Everything comes from the page's own origin: the Vite bundle, its CSS and fonts, fetch and the
  // EventSource on /api. No CDN, no inline script, no eval.
  "default-src 'self'",
  // The receipt/appointment QR codes are rendered by the `qrcode` package as data: URLs.
  "img-src 'self' data:",
  // The following only narrow the policy. They are listed because they do not fall back to
  // default-src: without them a <base>, a form post or plugin content could point elsewhere.
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  // Nothing may frame the kiosk page: in a browser another local page could otherwise overlay it
  // and steer a citizen's taps (clickjacking).
  "frame-ancestors 'none'",
];

export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

export function cspHeader(): string {
  return CONTENT_SECURITY_POLICY;
}
