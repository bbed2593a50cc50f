/**
 * The shell's log lines: one JSON object per line on stderr, named by event id so field staff can
 * search for them. Never personal data: the shell does not see any. Pure: no electron import.
 *
 * Shell events (its part of the log event catalogue):
 *   shell.started                 the shell is up; fields: version, maintenance
 *   shell.config-invalid          the config file could not be used; the shell runs with defaults
 *   shell.backend.spawned         a backend process was started; fields: attempt
 *   shell.backend.ready           the backend answered ready (success)
 *   shell.backend.ready-timeout   the backend never said ready; it is killed and restarted (failure)
 *   shell.backend.exited          the backend process ended; fields: code, uptimeMs (failure unless quitting)
 *   shell.backend.restart-scheduled  restart after a delay; fields: delayMs, attempt
 *   shell.backend.output          a line the backend wrote on stdout/stderr; fields: stream, line
 *   shell.renderer.gone           the renderer process died; fields: reason, exitCode (failure)
 *   shell.renderer.unresponsive   the page hung; reloaded if still hung after the grace period (failure)
 *   shell.renderer.reloaded       the page was reloaded after a crash or hang
 *   shell.navigation.blocked      a navigation or redirect away from app://kiosk was refused; fields: origin
 *   shell.window-open.blocked     window.open / target=_blank was refused; fields: origin
 *   shell.permission.denied       a permission request was refused; fields: permission
 *   shell.power.display-awake     keeping the display awake switched on/off; fields: on
 *   shell.backend.quit-requested  the backend asked to leave kiosk mode; the app ends (exit 78)
 *   shell.leave-request-failed    the request file for the session could not be written; the app
 *                                 still ends, and the session restarts it (failure); fields: detail
 *   shell.store-key-os            the store key comes from the OS key store (safeStorage)
 *   shell.store-key-file          no protecting OS key store; the backend uses its 0600 key file; fields: reason
 */
export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;
export type Log = (level: LogLevel, event: string, fields?: LogFields) => void;

export function createLog(write: (line: string) => void = (line) => process.stderr.write(line)): Log {
  return (level, event, fields = {}) => {
    write(`${JSON.stringify({ time: new Date().toISOString(), level, event, ...fields })}\n`);
  };
}

/** Only the origin of a refused URL is logged: a query string could carry anything. */
export function originForLog(rawUrl: string): string {
  try {
    const url = new URL(rawUrl);
    return url.origin === 'null' ? `${url.protocol}` : url.origin;
  } catch {
    return '(unparseable)';
  }
}
