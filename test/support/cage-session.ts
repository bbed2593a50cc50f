import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * deploy/linux/kiosk-session run as kiosk.service would run it, on Debian's real cage in its
 * headless backend. cage refuses to run as root, so the session drops to uid 65534 with setpriv and
 * gets its own XDG_RUNTIME_DIR. It also runs in a private mount namespace whose /tmp/.X11-unix is its
 * own, because cage starts Xwayland, and Xwayland refuses a socket folder another user left in the
 * shared /tmp.
 */
export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SESSION_WRAPPER = path.join(repo, 'deploy/linux/kiosk-session');
export const SESSION_UNIT = path.join(repo, 'deploy/linux/kiosk.service');
/** The unprivileged user the session runs as in tests (nobody). */
export const SESSION_UID = 65534;

function needTool(name: string): void {
  if (spawnSync('sh', ['-c', `command -v ${name}`]).status !== 0)
    throw new Error(`${name} is missing: this test needs it installed (see scripts/system-needs.mjs)`);
}

/** Fails plainly, never skips, when this machine cannot run a session. */
export function requireSessionTools(): void {
  if (process.getuid?.() !== 0)
    throw new Error(
      'Run as root: the session is started as uid 65534 through setpriv, and cage refuses root.',
    );
  for (const tool of ['cage', 'Xwayland', 'setpriv', 'unshare', 'systemd-analyze']) needTool(tool);
}

/** A folder uid 65534 owns alone, like the unit's /run/kiosk. */
export function sessionUsersFolder(dir: string, mode = 0o700): string {
  mkdirSync(dir, { recursive: true, mode });
  chownSync(dir, SESSION_UID, SESSION_UID);
  chmodSync(dir, mode);
  return dir;
}

export interface CageSession {
  readonly child: ChildProcess;
  /** What the session (cage, the wrapper and the app) wrote so far. */
  stdout(): string;
  stderr(): string;
  /** The wrapper's exit status (null when killed by a signal). */
  readonly ended: Promise<number | null>;
}

/**
 * Starts the session wrapper with `app` in place of the Electron binary (KIOSK_APP). `base` is a
 * folder root made; the session's XDG_RUNTIME_DIR and X11 socket folder are made inside it. `env`
 * adds to the unit's environment (KIOSK_RUNTIME_DIR and the like). Killed after `timeoutMs`.
 */
export function startCageSession(options: {
  base: string;
  app: string;
  env?: Record<string, string>;
  cwd?: string;
  timeoutMs?: number;
}): CageSession {
  chmodSync(options.base, 0o755);
  const xdg = sessionUsersFolder(path.join(options.base, 'xdg'));
  const x11 = path.join(options.base, 'x11');
  mkdirSync(x11, { recursive: true });
  chmodSync(x11, 0o1777);
  const env: Record<string, string> = {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    HOME: xdg,
    XDG_RUNTIME_DIR: xdg,
    WLR_BACKENDS: 'headless',
    WLR_LIBINPUT_NO_DEVICES: '1',
    WLR_RENDERER: 'pixman',
    KIOSK_APP: options.app,
    ...options.env,
  };
  const script =
    '[ -d /tmp/.X11-unix ] || install -d -m 1777 /tmp/.X11-unix; mount --bind "$1" /tmp/.X11-unix && ' +
    `exec setpriv --reuid=${SESSION_UID} --regid=${SESSION_UID} --clear-groups "$2"`;
  const child = spawn(
    'unshare',
    ['--mount', '--propagation', 'private', 'sh', '-c', script, 'sh', x11, SESSION_WRAPPER],
    // The stand-in's `node --import tsx` finds tsx from the project folder.
    { cwd: options.cwd ?? repo, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15_000);
  const ended = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    }),
  );
  return { child, stdout: () => stdout, stderr: () => stderr, ended };
}
