import { BrowserWindow } from 'electron';
import { FailureBackoff } from './backoff';
import type { Log } from './log';
import { APP_START_URL } from './navigation';

/**
 * A hung page gets this long to recover before it is crashed and reloaded: long enough for a heavy
 * first render or a slow GC pause, short enough that the next citizen does not meet a frozen screen.
 */
export const UNRESPONSIVE_GRACE_MS = 10_000;

export interface KioskWindowOptions {
  readonly preloadPath: string;
  readonly maintenance: boolean;
  readonly log: Log;
  /** True once the app is quitting: then the window may close and a gone renderer is not reloaded. */
  readonly isQuitting: () => boolean;
}

export function createKioskWindow(options: KioskWindowOptions): BrowserWindow {
  const { log, maintenance } = options;
  const win = new BrowserWindow({
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    // Painted before the renderer's first frame, so start-up and reloads do not flash white.
    backgroundColor: '#ffffff',
    show: false,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // A middle click would ask for a new window; the open handler denies it anyway, this stops
      // the request being made at all.
      disableBlinkFeatures: 'Auxclick',
      // Spellcheck would also download dictionaries from Google; there is no free text worth it.
      spellcheck: false,
      devTools: maintenance,
    },
  });

  win.once('ready-to-show', () => win.show());

  // Alt+F4 and the window manager's close: the citizen cannot end the kiosk. Field staff can, in
  // maintenance mode, and the app can when it quits (shutdown, update).
  win.on('close', (event) => {
    if (!maintenance && !options.isQuitting()) event.preventDefault();
  });

  const reloads = new FailureBackoff();
  let reloadTimer: ReturnType<typeof setTimeout> | null = null;
  const scheduleReload = (): void => {
    if (reloadTimer || options.isQuitting() || win.isDestroyed()) return;
    // Backoff so a page that crashes while loading does not spin the CPU in a reload loop.
    const delayMs = reloads.next(Date.now());
    reloadTimer = setTimeout(() => {
      reloadTimer = null;
      if (win.isDestroyed() || options.isQuitting()) return;
      log('info', 'shell.renderer.reloaded', { delayMs });
      void win.webContents.loadURL(APP_START_URL);
    }, delayMs);
  };

  win.webContents.on('render-process-gone', (_event, details) => {
    log('error', 'shell.renderer.gone', { reason: details.reason, exitCode: details.exitCode });
    scheduleReload();
  });

  let hungTimer: ReturnType<typeof setTimeout> | null = null;
  win.on('unresponsive', () => {
    log('warn', 'shell.renderer.unresponsive', { graceMs: UNRESPONSIVE_GRACE_MS });
    if (hungTimer) return;
    hungTimer = setTimeout(() => {
      hungTimer = null;
      if (win.isDestroyed()) return;
      // A hung renderer cannot run a reload; crashing it fires render-process-gone, which reloads.
      win.webContents.forcefullyCrashRenderer();
    }, UNRESPONSIVE_GRACE_MS);
  });
  win.on('responsive', () => {
    if (hungTimer) clearTimeout(hungTimer);
    hungTimer = null;
  });
  win.on('closed', () => {
    if (hungTimer) clearTimeout(hungTimer);
    if (reloadTimer) clearTimeout(reloadTimer);
  });

  void win.loadURL(APP_START_URL);
  return win;
}
