/**
 * The provisioning CLI for field staff: `npm run kiosk-config -- <command> [options]`.
 * Every command has `--help`; the exit codes are listed in HELP below and in deploy/README.md.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { enrolmentCodeSchema, enrolResponseSchema } from '../central/kiosks/contract';
import { systemClock } from '../domain/clock';
// Types only: the devices' and the store's modules load native addons (serialport, node-hid,
// better-sqlite3), so the commands that need them import them when they run. --help, create,
// validate, print, set-pin and enrol then work where those addons are not installed.
import type { DiscoveryResult } from '../electron/backend/devices/index';
import {
  AuditLog,
  clearLockout,
  hashPin,
  PIN_PATTERN,
  testPage,
} from '../electron/backend/maintenance/index';
import {
  ConfigWriteError,
  groupIdFromFile,
  KIOSK_GROUP,
  kioskConfigAccess,
  redactConfig,
  writeJsonAtomic,
} from './config-file';
import {
  ConfigError,
  CONFIG_ENV_VAR,
  formatProblems,
  loadConfig,
  parseConfig,
  readConfigFile,
} from './load-config';
import { centralBaseUrlSchema, KIOSK_STATE_DIR } from './schema';
import { serviceReadiness, simulatedDevices } from './service-readiness';

export const EXIT = {
  ok: 0,
  /** The command ran and what it checked failed: a self-test, the central's answer, the network. */
  failed: 1,
  /** The configuration file is invalid or unreadable, or would be overwritten. */
  config: 2,
  /** Unknown command or option, a missing or malformed argument (BSD EX_USAGE). */
  usage: 64,
} as const;

export const PROFILES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'profiles');

class UsageError extends Error {}
class Failure extends Error {}

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Everything piped to standard input (a PIN for set-pin). */
  stdin: () => Promise<string>;
  env: NodeJS.ProcessEnv;
  fetch: typeof fetch;
  discover: () => Promise<DiscoveryResult>;
  /** True when standard input is a terminal: then set-pin asks twice, without echo. */
  stdinIsTTY?: boolean;
  /** Asks for a secret on the terminal without echoing it. */
  promptSecret?: (message: string) => Promise<string>;
  /** A group's id, or undefined when the machine has no such group (default: /etc/group). */
  groupId?: (name: string) => number | undefined;
}

/** How the command is typed: through npm in a checkout, `kiosk-config` where the package put it on PATH. */
function program(io: Io): string {
  return io.env.npm_lifecycle_event === 'kiosk-config' ? 'npm run kiosk-config --' : 'kiosk-config';
}

interface Command {
  summary: string;
  usage: string;
  options: ParseArgsConfig['options'];
  allowPositionals?: boolean;
  help: string;
  run(values: Record<string, string | boolean | undefined>, positionals: string[], io: Io): Promise<number>;
}

const CONFIG_HELP = `  --config <file>   the configuration file (default: $${CONFIG_ENV_VAR})`;

function profiles(): string[] {
  return readdirSync(PROFILES_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

function optionalStateDir(values: Record<string, unknown>): string {
  const dir = values['state-dir'];
  if (dir === undefined) return KIOSK_STATE_DIR;
  if (typeof dir !== 'string' || !isAbsolute(dir))
    throw new UsageError(
      `--state-dir: got "${String(dir)}", expected an absolute folder, e.g. ${KIOSK_STATE_DIR}.`,
    );
  return dir;
}

/** The store's folder and key file inside the kiosk's own folder. */
function stateDirPaths(dir: string): { dataDir: string; store: { keyFile: string } } {
  return { dataDir: join(dir, 'data'), store: { keyFile: join(dir, 'keys', 'store.key') } };
}

function requireString(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required.`);
  return v;
}

function configFile(values: Record<string, unknown>, io: Io, positionals: string[] = []): string {
  const path = (values.config as string | undefined) ?? positionals[0] ?? io.env[CONFIG_ENV_VAR];
  if (!path)
    throw new UsageError(`Name the configuration file with --config <file> (or set ${CONFIG_ENV_VAR}).`);
  return path;
}

/**
 * Reads the raw JSON of an existing, valid config file; throws ConfigError naming what is wrong (the
 * same messages as at start). A remote file without a token is allowed: enrolment is what adds it.
 */
function readValidRaw(path: string): Record<string, unknown> {
  return readConfigFile(path).raw as Record<string, unknown>;
}

/**
 * Writes the configuration so the kiosk service can read it: root:kiosk 0640 when the kiosk group
 * exists, else private, saying so in one line. Throws ConfigWriteError, the file unchanged.
 */
function writeConfig(path: string, value: unknown, io: Io, createFolder = false): void {
  const access = kioskConfigAccess(io.groupId ?? ((name) => groupIdFromFile(name)));
  writeJsonAtomic(path, value, { access, createFolder });
  if (access.gid === undefined && process.platform !== 'win32') {
    io.err(
      `Note: there is no "${KIOSK_GROUP}" group on this machine, so ${path} is readable by its owner only (0600): the kiosk service user must be able to read it (the kiosk-terminal package creates the group).`,
    );
  }
}

/**
 * The PIN and its repetition: asked for twice on a terminal (the second is asked only when the first
 * is a PIN at all); piped, the first line and the second line if there is one.
 */
async function readPinTwice(io: Io): Promise<[string, string | undefined]> {
  if (io.stdinIsTTY && io.promptSecret) {
    const first = (await io.promptSecret('Maintenance PIN (6 to 12 digits):')).trim();
    if (!PIN_PATTERN.test(first)) return [first, undefined];
    return [first, (await io.promptSecret('The same PIN again:')).trim()];
  }
  const lines = (await io.stdin()).split(/\r?\n/).map((l) => l.trim());
  const again = lines[1];
  return [lines[0] ?? '', again === undefined || again === '' ? undefined : again];
}

const quietLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

const COMMANDS: Record<string, Command> = {
  create: {
    summary: 'Create a configuration file from a site profile',
    usage: 'create --profile <name> --terminal-id <id> --hall-id <id> --hall-name <name> --out <file>',
    options: {
      profile: { type: 'string' },
      'terminal-id': { type: 'string' },
      'hall-id': { type: 'string' },
      'hall-name': { type: 'string' },
      'region-code': { type: 'string' },
      'queue-follow-url': { type: 'string' },
      'case-follow-url': { type: 'string' },
      'state-dir': { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean' },
    },
    help: `Options:
  --profile <name>       site profile: ${profiles().join(', ')}
  --terminal-id <id>     this terminal's id, e.g. KIOSK-SC-017 (letters, digits, dashes)
  --hall-id <id>         the service hall's id at the central, e.g. HALL-SC-01
  --hall-name <name>     the hall's name as printed on tickets, e.g. 上城区市民之家
  --region-code <code>   12-digit administrative region code (optional)
  --queue-follow-url <url>  the hall's page to follow the queue, printed as a QR code on tickets
  --case-follow-url <url>   the page to follow a case, printed as a QR code on receipts
                         (both https://; without them the file has placeholders and validate warns)
  --state-dir <folder>   the kiosk's own folder for its store and key (default ${KIOSK_STATE_DIR},
                         which the kiosk-terminal package makes, owned by the kiosk user, 0700)
  --out <file>           where to write the file; missing folders are made (0750)
  --force                overwrite an existing file (the old one is kept as <file>.previous)

The file is written root:kiosk 0640 when the group "kiosk" exists (the kiosk-terminal package makes
it), so the kiosk service can read it and no one else; without that group it is 0600.

Devices start simulated: list the real ones with "devices" and put their stable paths in the file.
Then: validate, set-pin, enrol, self-test.`,
    async run(values, _p, io) {
      const profile = requireString(values, 'profile');
      if (!profiles().includes(profile)) {
        throw new UsageError(`--profile: got "${profile}", expected one of ${profiles().join(', ')}.`);
      }
      const out = requireString(values, 'out');
      const base = JSON.parse(readFileSync(join(PROFILES_DIR, `${profile}.json`), 'utf8')) as Record<
        string,
        Record<string, unknown>
      >;
      const raw = {
        terminalId: requireString(values, 'terminal-id'),
        hall: {
          id: requireString(values, 'hall-id'),
          name: requireString(values, 'hall-name'),
          ...(typeof values['queue-follow-url'] === 'string'
            ? { queueFollowUrl: values['queue-follow-url'] }
            : {}),
          ...(typeof values['case-follow-url'] === 'string'
            ? { caseFollowUrl: values['case-follow-url'] }
            : {}),
        },
        ...base,
        region: {
          ...base.region,
          ...(typeof values['region-code'] === 'string' ? { code: values['region-code'] } : {}),
        },
        // Absolute, so the store and its key are where the package made the kiosk's folder,
        // whatever folder the kiosk or this command runs from.
        ...stateDirPaths(optionalStateDir(values)),
      };
      parseConfig(raw, `profile "${profile}" with your values`);
      if (existsSync(out) && !values.force) {
        io.err(`${out} exists already: use --force to replace it (the old one is kept as ${out}.previous).`);
        return EXIT.config;
      }
      writeConfig(out, raw, io, true);
      io.out(`Created ${out} from the "${profile}" profile.\nNext: validate, set-pin, enrol, self-test.`);
      return EXIT.ok;
    },
  },

  validate: {
    summary: 'Validate a configuration file with messages naming each bad field',
    usage: 'validate <file>   (or --config <file>)',
    options: { config: { type: 'string' } },
    allowPositionals: true,
    help: `${CONFIG_HELP}

Exit 2 when a field is wrong, and when a remote central (central.mode "remote") would get the
development device token or citizen reference key, or no token: enrol the terminal first.
"Warning:" lines (exit 0) for simulated devices with a remote central and for placeholder
addresses (*.example.*, e.g. zwfw.example.gov.cn) printed as QR codes for citizens.`,
    async run(values, positionals, io) {
      const path = configFile(values, io, positionals);
      const { raw, config } = readConfigFile(path);
      const { refusals, warnings } = serviceReadiness(raw, config);
      if (refusals.length > 0) {
        throw new ConfigError(
          formatProblems(refusals, path).replace('is not valid:', 'cannot be used with a remote central:'),
          path,
        );
      }
      for (const w of warnings) io.err(`Warning: ${w}`);
      io.out(`The kiosk configuration ${path} is valid.`);
      return EXIT.ok;
    },
  },

  print: {
    summary: 'Print the effective configuration (defaults filled in, secrets redacted)',
    usage: 'print [--config <file>]',
    options: { config: { type: 'string' } },
    allowPositionals: true,
    help: `${CONFIG_HELP}\n  Without a file: the built-in defaults (everything simulated, embedded central).`,
    async run(values, positionals, io) {
      const path = (values.config as string | undefined) ?? positionals[0] ?? io.env[CONFIG_ENV_VAR];
      const config = loadConfig(path || undefined, { allowUnenrolled: true });
      io.out(JSON.stringify(redactConfig(config), null, 2));
      return EXIT.ok;
    },
  },

  devices: {
    summary: 'List serial and HID devices with VID/PID and stable paths',
    usage: 'devices [--json]',
    options: { json: { type: 'boolean' } },
    help: `  --json   machine-readable output

Put a serial device's stable path (/dev/serial/by-id/...) in the configuration, never /dev/ttyUSB0;
a HID device is named by vendorId/productId (and serialNumber when two are alike).`,
    async run(values, _p, io) {
      const found = await io.discover();
      if (values.json) {
        io.out(JSON.stringify(found, null, 2));
        return EXIT.ok;
      }
      const hex = (v: number | string | undefined) =>
        v === undefined
          ? '----'
          : (typeof v === 'number' ? v.toString(16) : v).padStart(4, '0').toLowerCase();
      io.out(`Serial ports (${found.serial.length}):`);
      for (const p of found.serial) {
        io.out(
          `  ${hex(p.vendorId)}:${hex(p.productId)}  ${p.stablePath ?? `${p.path} (no stable name)`}${p.manufacturer ? `  ${p.manufacturer}` : ''}${p.serialNumber ? `  serial ${p.serialNumber}` : ''}`,
        );
      }
      if (found.hidUnavailable) io.out(`HID devices: not available (${found.hidUnavailable})`);
      else {
        io.out(`HID devices (${found.hid.length}):`);
        for (const d of found.hid) {
          io.out(
            `  ${hex(d.vendorId)}:${hex(d.productId)}  vendorId ${d.vendorId} productId ${d.productId}${d.usagePage === undefined ? '' : `  usagePage ${d.usagePage}`}${d.product ? `  ${d.product}` : ''}${d.serialNumber ? `  serial ${d.serialNumber}` : ''}`,
          );
        }
      }
      return EXIT.ok;
    },
  },

  enrol: {
    summary: 'Enrol this terminal with the central API using a one-time code',
    usage: 'enrol --config <file> --code <XXXX-XXXX-XXXX> [--central <url>]',
    options: { config: { type: 'string' }, code: { type: 'string' }, central: { type: 'string' } },
    help: `${CONFIG_HELP}
  --code <code>     the one-time code from the central's manager, e.g. 7KQ2-M9XD-4HTP; they issue
                    it for this terminal id and the hall of the file's hall.id with
                    "central-admin codes issue --terminal <terminalId> --hall <hallId>"
  --central <url>   the central API's base URL (default: central.baseUrl of the file)

Writes the device token and citizen reference key the central answers into the file (they are
never printed), and sets central.mode to "remote". The old file is kept as <file>.previous.
Exit 1, the file unchanged, when the central refuses the code, answers no citizen reference key,
or has the terminal in another hall than the file's hall.id.`,
    async run(values, _p, io) {
      const path = configFile(values, io);
      const code = requireString(values, 'code').toUpperCase();
      if (!enrolmentCodeSchema.safeParse(code).success) {
        throw new UsageError(`--code: got "${code}", expected a one-time code like 7KQ2-M9XD-4HTP.`);
      }
      const raw = readValidRaw(path);
      const config = parseConfig(raw, path);
      const baseUrl = (values.central as string | undefined) ?? config.central.baseUrl;
      if (!baseUrl)
        throw new UsageError('Give the central API with --central <url> (the file has no central.baseUrl).');
      // Before anything is sent: the code and the token the central answers must not travel in clear.
      const url = centralBaseUrlSchema.safeParse(baseUrl);
      if (!url.success) {
        const shown = baseUrl.replace(/(\/\/)[^/?#@\s]*@/, '$1[credentials removed]@');
        throw new UsageError(
          `--central: got "${shown}", expected ${url.error.issues[0]?.message ?? 'a URL'}.`,
        );
      }
      let res: Response;
      try {
        res = await io.fetch(new URL('/v1/kiosks/enrol', baseUrl), {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ terminalId: config.terminalId, code }),
          signal: AbortSignal.timeout(15_000),
        });
      } catch (err) {
        const e = err as Error & { cause?: { code?: string; message?: string } };
        const why = e.cause?.code ?? e.cause?.message ?? e.message;
        throw new Failure(`The central API at ${baseUrl} cannot be reached (${why}).`);
      }
      const body = (await res.json().catch(() => undefined)) as unknown;
      if (res.status === 401) {
        throw new Failure(
          'The central refused the code: it is unknown, already used or expired. Ask for a new one.',
        );
      }
      const parsed = enrolResponseSchema.safeParse(body);
      if (!res.ok || !parsed.success) {
        throw new Failure(`The central answered HTTP ${res.status}; the terminal is not enrolled.`);
      }
      const enrolled = parsed.data;
      // Both checks before the file is touched: a kiosk in the wrong hall would tell every citizen
      // there is no business to take a number for, and one without the region's key would digest
      // citizens' references with the public development key.
      if (enrolled.hallId !== config.hall.id) {
        throw new Failure(
          `The central has ${enrolled.terminalId} in hall ${enrolled.hallId}, but ${path} is for hall ${config.hall.id} (hall.id): ${path} is not changed and the code is used up.\n` +
            `If the terminal stands in ${enrolled.hallId}, correct hall.id and hall.name in the file; otherwise ask the central's manager for a code for ${config.hall.id} ("central-admin codes issue --terminal ${config.terminalId} --hall ${config.hall.id}"). Then enrol again with the new code.`,
        );
      }
      if (!enrolled.citizenRefKey) {
        throw new Failure(
          `The central at ${baseUrl} answered no citizen reference key: ${path} is not changed. The central must be configured with its region's key; ask its operator, then enrol again with a new code.`,
        );
      }
      const central = (raw.central ?? {}) as Record<string, unknown>;
      const next = {
        ...raw,
        central: {
          ...central,
          mode: 'remote',
          baseUrl,
          deviceToken: enrolled.deviceToken,
          citizenRefKey: enrolled.citizenRefKey,
        },
      };
      parseConfig(next, path);
      writeConfig(path, next, io);
      io.out(
        `Enrolled ${enrolled.terminalId} in hall ${enrolled.hallId} with ${baseUrl}; the device token and citizen reference key are saved in ${path}.`,
      );
      return EXIT.ok;
    },
  },

  'self-test': {
    summary: 'Run the device self-tests headless (stop the kiosk first: it holds the ports)',
    usage: 'self-test [--config <file>] [--print] [--allow-simulated]',
    options: {
      config: { type: 'string' },
      print: { type: 'boolean' },
      'allow-simulated': { type: 'boolean' },
    },
    help: `${CONFIG_HELP}
  --print             also print the test page (a Chinese line and a QR code)
  --allow-simulated   with a remote central, do not count simulated devices as failures

Checks the card reader's SAM, the printers' status, the button panel's LEDs and that the scanner
opens. Each line starts with PASS, FAIL, or SIMULATED for a device the file simulates (its
"transport" is {"kind": "simulated"}), which proves nothing about the hardware.

Exit code 0 when every device passes, 1 when any fails. With a remote central (a terminal in
service) a simulated device counts as failed too, unless --allow-simulated (a test bench); with the
embedded central (development) it does not.`,
    async run(values, _p, io) {
      const path = (values.config as string | undefined) ?? io.env[CONFIG_ENV_VAR];
      const config = loadConfig(path || undefined, { allowUnenrolled: true });
      const simulated = new Set(simulatedDevices(config));
      const { KioskDevices } = await import('../electron/backend/devices/index');
      const devices = new KioskDevices(config, { clock: systemClock, logger: quietLogger });
      try {
        const results = await devices.selfTest();
        if (values.print) {
          const printed = await devices.print(
            testPage(config.terminalId, Date.now()),
            `selftest-${Date.now()}`,
          );
          results.push({
            device: 'receiptPrinter',
            ok: printed.ok,
            detail: printed.ok ? 'test page printed' : `test page not printed: ${printed.status.state}`,
          });
        }
        const simulatedFails = config.central.mode === 'remote' && !values['allow-simulated'];
        let failed = false;
        for (const r of results) {
          const isSimulated = simulated.has(r.device);
          const label = !r.ok ? 'FAIL' : isSimulated ? 'SIMULATED' : 'PASS';
          if (!r.ok || (isSimulated && simulatedFails)) failed = true;
          io.out(`${label}  ${r.device.padEnd(15)} ${r.detail}${isSimulated && !r.ok ? ' (simulated)' : ''}`);
        }
        if (simulated.size > 0 && simulatedFails) {
          io.err(
            'With a remote central a simulated device counts as failed: put the real devices in the file ("devices" lists them), or pass --allow-simulated on a test bench.',
          );
        }
        return failed ? EXIT.failed : EXIT.ok;
      } finally {
        devices.stop();
      }
    },
  },

  'set-pin': {
    summary: 'Set the maintenance PIN (typed twice without echo, or piped in; stored only as a scrypt hash)',
    usage: 'set-pin --config <file>   then type the PIN twice (or pipe it in)',
    options: { config: { type: 'string' } },
    help: `${CONFIG_HELP}

The PIN is 6 to 12 digits. It is never taken from the command line (which would leave it in the
shell history and the process list), and only its scrypt hash is written to maintenance.pinHash.
The old file is kept as <file>.previous.

On a terminal it is asked for twice, without echo, and refused when the two differ.
Piped in (scripts): the first line is the PIN; when a second line follows, it must be the same
PIN: printf '%s\\n%s\\n' "$PIN" "$PIN" | kiosk-config set-pin ... is like typing it twice.`,
    async run(values, _p, io) {
      const path = configFile(values, io);
      const raw = readValidRaw(path);
      const [pin, again] = await readPinTwice(io);
      if (!PIN_PATTERN.test(pin)) throw new UsageError('The PIN must be 6 to 12 digits.');
      if (again !== undefined && again !== pin) {
        throw new UsageError(`The two PINs differ: ${path} is not changed. Set it again.`);
      }
      const maintenance = (raw.maintenance ?? {}) as Record<string, unknown>;
      const next = { ...raw, maintenance: { ...maintenance, pinHash: await hashPin(pin) } };
      parseConfig(next, path);
      writeConfig(path, next, io);
      io.out(`The maintenance PIN is set in ${path} (as a scrypt hash). Restart the kiosk to use it.`);
      return EXIT.ok;
    },
  },

  'clear-lockout': {
    summary: 'Clear the maintenance PIN lock-out (stop the kiosk first)',
    usage: 'clear-lockout --config <file>',
    options: { config: { type: 'string' } },
    help: `${CONFIG_HELP}

After too many wrong PINs the maintenance entry stays locked, across restarts, for up to
maintenance.lockout.maxSeconds. Field staff who can open the configuration file can clear it: stop
the kiosk (only one process may open its store), run this from the kiosk's working folder (a
relative dataDir is taken from there), and start the kiosk again. The count of wrong PINs starts
again from zero, and the kiosk's audit log records that the lock-out was cleared.`,
    async run(values, _p, io) {
      const path = configFile(values, io);
      const config = loadConfig(path, { allowUnenrolled: true });
      const dbPath = join(resolve(config.dataDir), 'kiosk.db');
      if (!existsSync(dbPath)) {
        io.out(`There is no kiosk store at ${dbPath} yet: nothing is locked.`);
        return EXIT.ok;
      }
      const { openKioskDatabase, StoreError } = await import('../electron/backend/store/index');
      let db;
      try {
        db = openKioskDatabase(dbPath);
      } catch (err) {
        if (err instanceof StoreError) throw new Failure(err.message);
        throw err;
      }
      try {
        const before = clearLockout(db);
        const now = Date.now();
        const was =
          before.lockedUntil > now
            ? `it was locked until ${new Date(before.lockedUntil).toISOString()}`
            : `it was not locked (${before.failures} wrong PINs counted)`;
        new AuditLog(db).record(
          now,
          'lockout.cleared',
          'ok',
          `kiosk-config clear-lockout: ${was}`,
          'command line',
        );
        io.out(`The maintenance PIN lock-out is cleared in ${dbPath}; ${was}. Start the kiosk again.`);
      } finally {
        db.close();
      }
      return EXIT.ok;
    },
  },
};

function overview(prog: string): string {
  return `Provisioning of a kiosk terminal.

Usage: ${prog} <command> [options]
       ${prog} <command> --help

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(13)} ${c.summary}`)
  .join('\n')}

A first setup: create → devices (put stable paths in the file) → validate → set-pin → enrol → self-test.

Exit codes:
  0   success
  1   the command ran and its check failed (a self-test failed, the central refused or is
      unreachable, enrolment into another hall or without a citizen reference key)
  2   the configuration file is invalid, unreadable or cannot be written, or would be overwritten;
      validate: not fit for a remote central (development token or key, no token)
  64  usage error: unknown command or option, missing or malformed argument, PINs that differ`;
}

export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  const prog = program(io);
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(overview(prog));
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`Unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}. See --help.`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${command.summary}\n\nUsage: ${prog} ${command.usage}\n\n${command.help}`);
    return EXIT.ok;
  }
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: [...rest],
        options: command.options,
        allowPositionals: command.allowPositionals ?? false,
        strict: true,
      });
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    return await command.run(
      parsed.values as Record<string, string | boolean | undefined>,
      parsed.positionals,
      io,
    );
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${err.message}\nUsage: ${prog} ${command.usage}   (--help for more)`);
      return EXIT.usage;
    }
    if (err instanceof ConfigError || err instanceof ConfigWriteError) {
      io.err(err.message);
      return EXIT.config;
    }
    if (err instanceof Failure) {
      io.err(err.message);
      return EXIT.failed;
    }
    throw err;
  }
}

/** Piped standard input, to its end (a script's PIN, or the PIN twice). */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A secret typed on the terminal, not echoed; the prompt goes to stderr so stdout stays the output. */
async function promptSecret(message: string): Promise<string> {
  const { default: password } = await import('@inquirer/password');
  return password({ message, mask: false }, { output: process.stderr });
}

/**
 * The CLI on this process's own terminal. Also the entry of the packaged app's `--kiosk-config`
 * mode (electron/shell/cli-mode.ts), where this bundle is imported rather than run as a script.
 */
export function runFromProcess(argv: readonly string[]): Promise<number> {
  return runCli(argv, {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
    stdin: readStdin,
    stdinIsTTY: process.stdin.isTTY === true,
    promptSecret,
    env: process.env,
    fetch,
    discover: async () => (await import('../electron/backend/devices/index')).discoverDevices(),
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(await runFromProcess(process.argv.slice(2)));
}
