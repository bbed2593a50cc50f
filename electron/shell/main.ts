/**
 * Entry of the Electron main process (package.json "main" → dist/electron/shell/main.js).
 * Wires the pure pieces (flags, protocol handler, supervisor, opening hours) to Electron.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, session, utilityProcess, type UtilityProcess } from 'electron';
import { systemClock } from '../../domain/clock';
import { ConfigError, loadConfig, parseConfig } from '../../kiosk-config/load-config';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { createAppRequestHandler } from './app-request-handler';
import {
  BackendSupervisor,
  leaveKioskOnBackendExit,
  makeEndpoint,
  type BackendChild,
} from './backend-supervisor';
import { parseFlags } from './flags';
import { applyMenuLockdown, applyProcessLockdown, lockDownSession, lockDownWebContents } from './lockdown';
import { createLog } from './log';
import type { OpeningHours } from './opening-hours';
import { keepDisplayAwakeDuringOpeningHours } from './power';
import { kioskConfigArguments, runKioskConfigMode } from './cli-mode';
import { storeKeyFromOsKeyStore } from './store-key';
import { createKioskWindow } from './window';

// Started as the provisioning CLI (`kiosk-config` on PATH runs the app so): run it and end, before
// anything of the kiosk (scheme, lock-down, backend, window) is set up.
const cliArguments = kioskConfigArguments(process.argv);
if (cliArguments) {
  await runKioskConfigMode(cliArguments, { app });
  // app.exit has been called; nothing below may start in the moment before the process ends.
  await new Promise<never>(() => undefined);
}

const log = createLog();
const flags = parseFlags(process.argv, process.env);
const here = path.dirname(fileURLToPath(import.meta.url));

// Electron's default answer to an uncaught exception in the main process is a modal dialog, which
// on a kiosk nobody can dismiss. Log it and keep the screen alive; the backend is a separate process.
process.on('uncaughtException', (err) => {
  log('error', 'shell.uncaught-exception', { name: err.name, message: err.message });
});

// Both must happen before `ready`.
registerAppScheme();
applyProcessLockdown(flags.maintenance);

function openingHours(): OpeningHours {
  try {
    return loadConfig(flags.configPath).openingHours;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    // The backend reports the bad file to field staff; the shell still needs hours to run the screen.
    log('error', 'shell.config-invalid', { source: err.source });
    return parseConfig({}).openingHours;
  }
}

function toBackendChild(child: UtilityProcess): BackendChild {
  return {
    onExit: (listener) => void child.on('exit', listener),
    onMessage: (listener) => void child.on('message', listener),
    stdout: child.stdout,
    stderr: child.stderr,
    kill: () => void child.kill(),
  };
}

function startShell(): void {
  let quitting = false;
  const appRoot = app.getAppPath();
  const rendererRoot = path.join(appRoot, 'dist', 'renderer');
  const backendEntry = path.join(appRoot, 'dist', 'backend', 'process-main.js');
  // mkdtemp makes the directory 0700: only this user can reach the backend's socket at all, before
  // the secret is even checked. Windows named pipes need no directory.
  const socketDir = process.platform === 'win32' ? '' : mkdtempSync(path.join(os.tmpdir(), 'kiosk-'));
  let sequence = 0;
  const storeKey = storeKeyFromOsKeyStore((event, fields) => log('info', event, fields));

  const supervisor = new BackendSupervisor({
    clock: systemClock,
    log,
    newEndpoint: () => makeEndpoint(process.platform, socketDir, ++sequence),
    // The maintenance screen's "leave kiosk mode" (see electron/backend/maintenance/exit-codes.ts).
    ...leaveKioskOnBackendExit({
      env: process.env,
      now: () => systemClock.now(),
      log,
      exitApp: (code) => {
        quitting = true;
        // app.exit skips will-quit, where the socket folder is removed otherwise.
        if (socketDir) rmSync(socketDir, { recursive: true, force: true });
        app.exit(code);
      },
    }),
    spawn: (endpoint) => {
      const env: Record<string, string> = {};
      for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
      env.KIOSK_API_SOCKET = endpoint.socketPath;
      env.KIOSK_API_SECRET = endpoint.secret;
      if (storeKey) env.KIOSK_STORE_KEY = storeKey;
      const args: string[] = [];
      if (flags.configPath) {
        const configPath = path.resolve(flags.configPath);
        args.push('--config', configPath);
        env.KIOSK_CONFIG = configPath;
      }
      return toBackendChild(
        utilityProcess.fork(backendEntry, args, {
          env,
          // A packaged app may be started with / as its working directory; the config's relative
          // dataDir must then land in the app's own writable folder.
          cwd: app.isPackaged ? app.getPath('userData') : process.cwd(),
          serviceName: 'kiosk-backend',
          // Piped so its lines reach the shell's log and so it may signal KIOSK_BACKEND_READY there.
          stdio: 'pipe',
        }),
      );
    },
  });

  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents, flags.maintenance, log));
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => app.quit());

  let backendStopped = false;
  app.on('will-quit', (event) => {
    if (backendStopped) return;
    // Give the backend its chance to close the SQLite store and the serial ports cleanly.
    event.preventDefault();
    void supervisor.stop().finally(() => {
      backendStopped = true;
      if (socketDir) rmSync(socketDir, { recursive: true, force: true });
      app.quit();
    });
  });

  void app.whenReady().then(() => {
    applyMenuLockdown(flags.maintenance);
    const ses = session.defaultSession;
    lockDownSession(ses, log);
    serveAppProtocol(ses, createAppRequestHandler({ rendererRoot, backend: () => supervisor.endpoint() }));
    supervisor.start();
    keepDisplayAwakeDuringOpeningHours(openingHours(), log);

    const win = createKioskWindow({
      preloadPath: path.join(here, 'preload.cjs'),
      maintenance: flags.maintenance,
      log,
      isQuitting: () => quitting,
    });
    app.on('second-instance', () => {
      if (win.isDestroyed()) return;
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    });
    log('info', 'shell.started', { version: app.getVersion(), maintenance: flags.maintenance });
  });
}

// A second kiosk window would fight the first for the devices and the screen: hand over and leave.
if (app.requestSingleInstanceLock()) {
  startShell();
} else {
  app.quit();
}
