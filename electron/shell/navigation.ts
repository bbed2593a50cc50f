/**
 * Where the kiosk window may go. Pure: no electron import.
 *
 * The renderer is served from app://kiosk/ only; anything else (http, file, a different host of the
 * same scheme, javascript:, data:) is refused. URLs are parsed, never string-matched, so tricks such
 * as `app://kiosk@evil/`, `app://kiosk.evil/` or `APP://KIOSK/` are judged by what they resolve to.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window loads, and reloads after a renderer crash. */
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

export function isAppUrl(url: URL): boolean {
  // Chromium, knowing app: is a standard scheme, lower-cases the host; Node's URL treats app: as
  // an unknown scheme and keeps the case, so compare the way Chromium sees it. `host` includes a
  // port; the app origin has none, so `app://kiosk:1/` is refused too.
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.host.toLowerCase() === APP_HOST &&
    url.username === '' &&
    url.password === ''
  );
}

export function isAllowedNavigation(rawUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return false;
  }
  return isAppUrl(url);
}
