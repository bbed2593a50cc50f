/**
 * The request to leave kiosk mode, written as a file into the kiosk session's runtime folder.
 *
 * The session cannot learn it from the app's exit code: Debian 12's cage 0.1.4 exits 0 whatever its
 * child exited with, so a 78 never reaches systemd's RestartPreventExitStatus. The session wrapper
 * (deploy/linux/kiosk-session) therefore removes any old request before it starts cage and, once cage
 * has ended, turns a request it finds into its own exit 78. Both the backend (browser host and node
 * deployments) and the Electron shell write it, so either path leaves kiosk mode.
 *
 * Pure of process globals: the environment, the clock and the exit are passed in.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { LEAVE_KIOSK_EXIT_CODE } from './exit-codes';

/** Set by the unit (deploy/linux/kiosk.service) to its RuntimeDirectory, /run/kiosk. */
export const RUNTIME_DIR_ENV_VAR = 'KIOSK_RUNTIME_DIR';
/** What systemd itself sets for RuntimeDirectory= (colon-separated when there are several). */
export const SYSTEMD_RUNTIME_DIR_ENV_VAR = 'RUNTIME_DIRECTORY';
/** The file's name inside the runtime folder; deploy/linux/kiosk-session looks for the same name. */
export const LEAVE_REQUEST_FILE = 'leave-kiosk.request';

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Where the request goes, or null when no runtime folder is set (a developer's machine, Windows,
 * whose Shell Launcher does see the exit code): then the exit code alone has to carry it.
 */
export function leaveRequestPath(env: Env): string | null {
  const own = env[RUNTIME_DIR_ENV_VAR]?.trim();
  const fromSystemd = env[SYSTEMD_RUNTIME_DIR_ENV_VAR]?.split(':')[0]?.trim();
  const dir = own || fromSystemd;
  return dir ? path.join(dir, LEAVE_REQUEST_FILE) : null;
}

export class LeaveRequestError extends Error {
  constructor(
    readonly file: string,
    cause: NodeJS.ErrnoException,
  ) {
    super(
      `Cannot write the request to leave kiosk mode to ${file} (${cause.code ?? cause.message}): ` +
        `the session will restart the app instead. Check that ${path.dirname(file)} exists and belongs to the kiosk user.`,
    );
    this.name = 'LeaveRequestError';
  }
}

/**
 * Writes the request (overwriting an earlier one: asking twice is still one request). Returns the
 * file written, or null when no runtime folder is set. Throws LeaveRequestError when it cannot write.
 */
export function writeLeaveRequest(env: Env, now: number): string | null {
  const file = leaveRequestPath(env);
  if (!file) return null;
  try {
    // The content is for a technician reading /run/kiosk; the wrapper only checks that the file exists.
    writeFileSync(file, `leave kiosk mode, requested at ${new Date(now).toISOString()}\n`, { mode: 0o600 });
  } catch (err) {
    throw new LeaveRequestError(file, err as NodeJS.ErrnoException);
  }
  return file;
}

export interface SessionExitOptions {
  readonly env: Env;
  readonly now: () => number;
  readonly exit: (code: number) => void;
  /** Told when the request could not be written; the app still exits with 78. */
  readonly onRequestFailed: (error: LeaveRequestError) => void;
}

/**
 * Ends the process with `code`; for "leave kiosk mode" first writes the request the session reads.
 * A request that cannot be written does not keep the app running: staff asked it to end, and the
 * session restarting it is the safe outcome (the kiosk stays in service).
 */
export function exitTheSession(code: number, options: SessionExitOptions): void {
  if (code === LEAVE_KIOSK_EXIT_CODE) {
    try {
      writeLeaveRequest(options.env, options.now());
    } catch (err) {
      if (!(err instanceof LeaveRequestError)) throw err;
      options.onRequestFailed(err);
    }
  }
  options.exit(code);
}
