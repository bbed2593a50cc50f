/**
 * Command-line flags of the shell. Pure: no electron import, so it is unit-tested without the binary.
 *
 * Documented flags:
 *   --kiosk-maintenance      Maintenance mode for field staff (also env KIOSK_MAINTENANCE=1).
 *                            Turns ON what the citizen-facing kiosk keeps off: devtools (F12 and
 *                            Ctrl+Shift+I), the default application menu with its accelerators
 *                            (reload, zoom, quit), a small context menu (reload, inspect), page zoom
 *                            and pinch. The window stays full-screen; permissions, navigation and
 *                            window-opening stay locked down in every mode.
 *   --config <path>          The kiosk configuration file (also --config=<path> or env KIOSK_CONFIG);
 *                            passed on unchanged to the backend.
 *
 * Anything else is ignored here (Chromium and Electron add switches of their own).
 */
import { configPathFrom } from '../../kiosk-config/load-config';

export const MAINTENANCE_FLAG = '--kiosk-maintenance';
export const MAINTENANCE_ENV = 'KIOSK_MAINTENANCE';

export interface ShellFlags {
  /** Devtools, zoom, pinch, menus and the context menu are available. */
  readonly maintenance: boolean;
  /** The configuration file, or undefined for the built-in defaults. */
  readonly configPath: string | undefined;
}

export function parseFlags(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ShellFlags {
  // Exact match only: a prefix match would let `--kiosk-maintenance-whatever` or a config path that
  // happens to contain the word unlock the kiosk.
  const envValue = env[MAINTENANCE_ENV];
  const maintenance = argv.includes(MAINTENANCE_FLAG) || envValue === '1' || envValue === 'true';
  return { maintenance, configPath: configPathFrom(argv, env) };
}
