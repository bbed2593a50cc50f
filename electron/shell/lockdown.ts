import { app, Menu, type Session, type WebContents } from 'electron';
import { isLockedKey } from './keys';
import type { Log } from './log';
import { originForLog } from './log';
import { isAllowedNavigation } from './navigation';
import { isDocumentCameraAsk } from './permissions';

/** Switches that must be set before `ready`. */
export function applyProcessLockdown(maintenance: boolean): void {
  // Every renderer sandboxed, including any a bug or a future dependency might create.
  app.enableSandbox();
  // A swipe at the screen edge would otherwise navigate history (the kiosk's back is its own button).
  app.commandLine.appendSwitch('overscroll-history-navigation', '0');
  // Pinch zoom on the touch screen; also limited per page in lockDownWebContents.
  if (!maintenance) app.commandLine.appendSwitch('disable-pinch');
}

/** After `ready`: the default menu carries reload, zoom, devtools and quit accelerators. */
export function applyMenuLockdown(maintenance: boolean): void {
  if (!maintenance) Menu.setApplicationMenu(null);
}

/**
 * The kiosk page needs one permission only: the document camera (video alone, from app://kiosk;
 * see permissions.ts). No microphone, notifications, geolocation, clipboard reading, HID/serial/USB
 * (devices belong to the backend). Everything else is refused, in maintenance mode too.
 */
export function lockDownSession(ses: Session, log: Log): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const media = details as { mediaTypes?: string[]; securityOrigin?: string };
    const granted = isDocumentCameraAsk({
      permission,
      mediaTypes: media.mediaTypes,
      requestingUrl: details.requestingUrl,
      securityOrigin: media.securityOrigin,
    });
    if (!granted) log('warn', 'shell.permission.denied', { permission });
    callback(granted);
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isDocumentCameraAsk({
      permission,
      mediaType: details.mediaType,
      requestingUrl: details.requestingUrl ?? requestingOrigin,
      securityOrigin: details.securityOrigin,
    }),
  );
  ses.setDevicePermissionHandler(() => false);
  // Without a listener Chromium may show its own device chooser; cancel with an empty id instead.
  ses.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback('');
  });
  ses.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  ses.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  ses.on('will-download', (event) => event.preventDefault());
  // Behind the CSP, a second wall: the page has no business with the network; the backend talks to
  // the central API. The shell's own /api forwarding goes through Node, not through this session.
  ses.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] },
    (details, callback) => {
      log('warn', 'shell.navigation.blocked', { origin: originForLog(details.url), kind: 'request' });
      callback({ cancel: true });
    },
  );
}

/** Applied to every WebContents the app creates (app 'web-contents-created'). */
export function lockDownWebContents(contents: WebContents, maintenance: boolean, log: Log): void {
  const refuseNavigation = (event: { preventDefault(): void }, url: string): void => {
    if (isAllowedNavigation(url)) return;
    event.preventDefault();
    log('warn', 'shell.navigation.blocked', { origin: originForLog(url) });
  };
  contents.on('will-navigate', (event) => refuseNavigation(event, event.url));
  contents.on('will-frame-navigate', (event) => refuseNavigation(event, event.url));
  contents.on('will-redirect', (event) => refuseNavigation(event, event.url));
  // A kiosk has one screen: no window is ever opened, not even one of app://kiosk (it would be a
  // second, unlocked window outside the kiosk frame).
  contents.setWindowOpenHandler(({ url }) => {
    log('warn', 'shell.window-open.blocked', { origin: originForLog(url) });
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });

  if (maintenance) {
    contents.on('context-menu', (_event, params) => {
      Menu.buildFromTemplate([
        { label: 'Reload', click: () => contents.reload() },
        { label: 'Inspect element', click: () => contents.inspectElement(params.x, params.y) },
      ]).popup();
    });
    return;
  }

  // Electron shows no context menu of its own; a long press must not bring one from elsewhere.
  contents.on('context-menu', (event) => event.preventDefault());
  contents.on('before-input-event', (event, input) => {
    if (isLockedKey(input)) event.preventDefault();
  });
  // Ctrl+wheel and trackpad zoom arrive here rather than as keys.
  contents.on('zoom-changed', () => contents.setZoomFactor(1));
  contents.on('did-finish-load', () => {
    contents.setZoomFactor(1);
    // Pinch-to-zoom on the touch screen.
    void contents.setVisualZoomLevelLimits(1, 1);
  });
  contents.on('devtools-opened', () => contents.closeDevTools());
}
