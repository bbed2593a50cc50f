/**
 * The Content-Security-Policy sent with every app:// response (static files and /api alike).
 * Pure: no electron import.
 */
const DIRECTIVES: readonly string[] = [
  // Everything comes from app://kiosk: the Vite bundle, its CSS and fonts, fetch and the
  // EventSource on /api. No CDN, no inline script, no eval.
  "default-src 'self'",
  // The receipt/appointment QR codes are rendered by the `qrcode` package as data: URLs.
  "img-src 'self' data:",
  // The following only narrow the policy. They are listed because they do not fall back to
  // default-src: without them a <base>, a form post or plugin content could point elsewhere.
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  // Nothing may frame the kiosk page (there is nothing else in the window, but it costs nothing).
  "frame-ancestors 'none'",
];

export function cspHeader(): string {
  return DIRECTIVES.join('; ');
}
