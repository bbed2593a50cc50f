/**
 * The packaged app as the provisioning CLI: `kiosk-terminal --kiosk-config <command> [options]`,
 * which /usr/bin/kiosk-config (deploy/linux/kiosk-config) and kiosk-config.cmd on Windows
 * (deploy/windows/installer.nsh) run. The terminal then needs no Node or npm of its own.
 *
 * Why in the main process: the runAsNode fuse is off (electron-builder.yml), so the binary can never
 * serve as a plain Node interpreter; its main process is Node, with the native modules built for
 * it. No window, renderer or backend is started; the wrappers pass --ozone-platform=headless so no
 * display is needed either.
 *
 * Pure: the Electron app is passed in, so this is unit-tested without the binary.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const KIOSK_CONFIG_FLAG = '--kiosk-config';

/** The CLI bundle inside the app (scripts/build-node.mjs, target kiosk-config). */
export const CLI_BUNDLE = path.join('dist', 'kiosk-config', 'cli.js');

/**
 * BSD EX_SOFTWARE: the installed app itself is broken (no CLI bundle, or it failed unexpectedly).
 * Distinct from the CLI's own codes 0, 1, 2 and 64, which keep their meaning.
 */
export const CLI_BROKEN_EXIT_CODE = 70;

/**
 * The CLI's arguments when the app was started as the CLI, else undefined. Everything after the
 * flag belongs to the CLI; the switches before it are Chromium's (the wrappers put them there).
 */
export function kioskConfigArguments(argv: readonly string[]): string[] | undefined {
  const at = argv.indexOf(KIOSK_CONFIG_FLAG);
  return at === -1 ? undefined : argv.slice(at + 1);
}

export interface CliModeApp {
  getAppPath(): string;
  exit(code: number): void;
}

export interface CliModeDeps {
  app: CliModeApp;
  importModule?: (url: string) => Promise<unknown>;
  stderr?: (text: string) => void;
  /** Resolves once what the CLI wrote has left the process, so app.exit cuts nothing off. */
  flush?: () => Promise<void>;
}

type RunFromProcess = (argv: readonly string[]) => Promise<number>;

function runnerOf(module: unknown): RunFromProcess | undefined {
  if (typeof module !== 'object' || module === null || !('runFromProcess' in module)) return undefined;
  const runner = module.runFromProcess;
  return typeof runner === 'function' ? (runner as RunFromProcess) : undefined;
}

function flushStandardStreams(): Promise<void> {
  const drained = (stream: NodeJS.WriteStream) =>
    new Promise<void>((resolve) => {
      stream.write('', () => resolve());
    });
  return Promise.all([drained(process.stdout), drained(process.stderr)]).then(() => undefined);
}

async function loadRunner(
  bundle: string,
  importModule: (url: string) => Promise<unknown>,
): Promise<RunFromProcess> {
  let module: unknown;
  try {
    module = await importModule(pathToFileURL(bundle).href);
  } catch (err) {
    throw new Error(`cannot load ${bundle} (${err instanceof Error ? err.message : String(err)})`, {
      cause: err,
    });
  }
  const run = runnerOf(module);
  if (!run) throw new Error(`${bundle} has no runFromProcess: the app was built without the CLI`);
  return run;
}

/** Runs the CLI and ends the app with its exit code. Resolves only to the code passed to app.exit. */
export async function runKioskConfigMode(args: readonly string[], deps: CliModeDeps): Promise<number> {
  const importModule = deps.importModule ?? ((url: string) => import(url) as Promise<unknown>);
  const stderr = deps.stderr ?? ((text: string) => void process.stderr.write(text));
  const bundle = path.join(deps.app.getAppPath(), CLI_BUNDLE);
  let code: number;
  const run = await loadRunner(bundle, importModule).catch((err: unknown) => {
    stderr(
      `kiosk-config: ${err instanceof Error ? err.message : String(err)}\n` +
        'kiosk-config: 安装不完整，请重新安装 kiosk-terminal / the installation is incomplete: reinstall kiosk-terminal\n',
    );
    return undefined;
  });
  if (!run) {
    code = CLI_BROKEN_EXIT_CODE;
  } else {
    try {
      code = await run(args);
    } catch (err) {
      // The CLI turns every expected failure into its own exit code and message; what reaches here
      // is a bug. One line for the engineer instead of a stack trace on their console.
      stderr(`kiosk-config: unexpected error: ${err instanceof Error ? err.message : String(err)}\n`);
      code = CLI_BROKEN_EXIT_CODE;
    }
  }
  await (deps.flush ?? flushStandardStreams)();
  deps.app.exit(code);
  return code;
}
