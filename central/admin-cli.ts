/**
 * The central's administration CLI: `npm run central-admin -- <command> [options]`.
 * Halls, enrolment codes, staff tokens and the fleet, written straight into the central's database
 * (CENTRAL_DB) through the same stores the HTTP routes use. Every command has `--help`; the exit
 * codes are in HELP below and in deploy/README.md.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { systemClock, type Clock } from '../domain/clock';
import { hallTime } from '../domain/hall-time';
import { openCentralDatabase, type CentralDatabase } from './db/database';
import { centralDatabasePath, DEFAULT_CENTRAL_DB } from './db/location';
import { HALL_ID_PATTERN, HallError, HallStore } from './halls/store';
import { createEnrolmentCodeRequestSchema, enrolmentCodeSchema } from './kiosks/contract';
import { ENROLMENT_CODE_TTL_MS, KioskStore } from './kiosks/store';
import { staffRoleSchema } from './staff/contract';
import { StaffStore } from './staff/store';

export const EXIT = {
  ok: 0,
  /** The command ran and was refused: an unknown hall or code, a hall that exists already. Nothing changed. */
  failed: 1,
  /** The central's database cannot be opened or written. */
  database: 2,
  /** Unknown command or option, a missing or malformed argument (BSD EX_USAGE). */
  usage: 64,
} as const;

export interface AdminIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  clock: Pick<Clock, 'now'>;
}

class UsageError extends Error {}
class Failure extends Error {}
class DatabaseError extends Error {}

type Values = Record<string, string | boolean | undefined>;

interface Stores {
  db: CentralDatabase;
  halls: HallStore;
  kiosks: KioskStore;
  now: number;
}

interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  allowPositionals?: boolean;
  help: string;
  run(values: Values, positionals: string[], stores: Stores, io: AdminIo): number;
}

const terminalIdSchema = createEnrolmentCodeRequestSchema.shape.terminalId;

function requireString(values: Values, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`--${name} is required.`);
  return v.trim();
}

function optionalString(values: Values, name: string): string | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`--${name} needs a value.`);
  return v.trim();
}

function terminalId(value: string): string {
  if (!terminalIdSchema.safeParse(value).success) {
    throw new UsageError(
      `--terminal: got "${value}", expected letters, digits and dashes, 3 to 40 characters, e.g. KIOSK-SC-017.`,
    );
  }
  return value;
}

/** A hall that must exist: refused with the list of the halls there are. */
function knownHall(stores: Stores, hallId: string, flag = '--hall'): string {
  if (!stores.halls.has(hallId)) {
    throw new Failure(
      `${flag}: no hall ${hallId} at this central. Known halls: ${stores.halls.knownHallIds()}.\n` +
        'Add one with: central-admin halls add --id … --name-zh … --name-en …',
    );
  }
  return hallId;
}

const at = (ms: number) => `${hallTime(new Date(ms).toISOString())} (Asia/Shanghai)`;

/** Plain columns, padded to the widest cell, for a terminal window. */
function table(header: string[], rows: string[][]): string {
  // Chinese characters take two columns in a terminal; counting them as one skews the columns.
  const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\uffef]/.test(ch) ? 2 : 1), 0);
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat((widths[i] ?? 0) - width(c))))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

const COMMANDS: Record<string, Command> = {
  'halls list': {
    summary: 'List the service halls, their region, queue categories and kiosks',
    usage: 'halls list',
    options: {},
    help: `A kiosk's configuration names its hall by the id in the first column (hall.id).`,
    run(_v, _p, { halls }, io) {
      const rows = halls
        .list()
        .map((h) => [
          h.hallId,
          h.name.zh,
          h.name.en,
          h.regionCode ?? '(city)',
          h.categories.join(''),
          String(h.kiosks),
        ]);
      io.out(table(['hall', 'name', 'English name', 'region', 'categories', 'kiosks'], rows));
      return EXIT.ok;
    },
  },

  'halls add': {
    summary: 'Add a service hall with its queue categories',
    usage:
      'halls add --id <hallId> --name-zh <name> --name-en <name> [--region-code <code>] [--like <hallId>]',
    options: {
      id: { type: 'string' },
      'name-zh': { type: 'string' },
      'name-en': { type: 'string' },
      'region-code': { type: 'string' },
      like: { type: 'string' },
    },
    help: `Options:
  --id <hallId>          the new hall's id: capital letters, digits and dashes, e.g. HALL-XH-02
  --name-zh <name>       its Chinese name, as on tickets, e.g. 西湖区转塘街道便民服务中心
  --name-en <name>       its English name, e.g. "Zhuantang Subdistrict Service Centre"
  --region-code <code>   the 12-digit region it serves, for district variants of the catalogue
                         (default: the city's). Unknown codes are refused with the known ones.
  --like <hallId>        copy the queue categories of that hall; without it the hall gets the
                         reference categories A–J (综合受理 … 帮办代办) that the catalogue's items use

A hall is added with its categories in one step, so kiosks enrolled there can issue numbers at
once; windows need no setup (staff name theirs when calling). Then issue an enrolment code:
  central-admin codes issue --terminal <id> --hall <hallId>`,
    run(values, _p, { halls }, io) {
      const hallId = requireString(values, 'id');
      if (!HALL_ID_PATTERN.test(hallId)) {
        throw new UsageError(
          `--id: got "${hallId}", expected capital letters, digits and dashes, 3 to 64 characters, e.g. HALL-XH-02.`,
        );
      }
      const regionCode = optionalString(values, 'region-code');
      if (regionCode !== undefined && !/^\d{12}$/.test(regionCode)) {
        throw new UsageError(`--region-code: got "${regionCode}", expected 12 digits, e.g. 330106009000.`);
      }
      const likeHallId = optionalString(values, 'like');
      const hall = halls.add({
        hallId,
        nameZh: requireString(values, 'name-zh'),
        nameEn: requireString(values, 'name-en'),
        ...(regionCode === undefined ? {} : { regionCode }),
        ...(likeHallId === undefined ? {} : { likeHallId }),
      });
      io.out(
        `Added hall ${hall.hallId} ${hall.name.zh} (${hall.name.en}), region ${hall.regionCode ?? 'the city'}, ` +
          `queue categories ${hall.categories.join(' ')}.`,
      );
      return EXIT.ok;
    },
  },

  'codes issue': {
    summary: 'Issue a one-time enrolment code for a terminal of a hall',
    usage: 'codes issue --terminal <terminalId> --hall <hallId> [--json]',
    options: { terminal: { type: 'string' }, hall: { type: 'string' }, json: { type: 'boolean' } },
    help: `Options:
  --terminal <id>   the terminal's id, as in its configuration (terminalId), e.g. KIOSK-SC-017
  --hall <hallId>   the hall it stands in (see "halls list"); must equal the configuration's hall.id
  --json            print {"code","terminalId","hallId","expiresAt"} instead of text

The code is valid once, for that terminal only, for ${ENROLMENT_CODE_TTL_MS / 3_600_000} hours. The central keeps only its digest:
write it down now. On the terminal: kiosk-config enrol --config <file> --code <code> --central <url>`,
    run(values, _p, stores, io) {
      const terminal = terminalId(requireString(values, 'terminal'));
      const hallId = knownHall(stores, requireString(values, 'hall'));
      const current = stores.kiosks.hallOf(terminal);
      const { code, expiresAt } = stores.kiosks.createEnrolmentCode(terminal, hallId, stores.now);
      if (values.json === true) {
        io.out(
          JSON.stringify({
            code,
            terminalId: terminal,
            hallId,
            expiresAt: new Date(expiresAt).toISOString(),
          }),
        );
      } else {
        io.out(
          [
            `Enrolment code for ${terminal} in ${hallId}:`,
            '',
            `  ${code}`,
            '',
            `Valid once, until ${at(expiresAt)}.`,
            `On the terminal: kiosk-config enrol --config /etc/kiosk/kiosk.json --code ${code} --central <url>`,
          ].join('\n'),
        );
      }
      if (current !== undefined && current !== hallId) {
        io.err(
          `Note: ${terminal} is enrolled in ${current} now; enrolling with this code moves it to ${hallId}.`,
        );
      }
      return EXIT.ok;
    },
  },

  'codes revoke': {
    summary: 'Withdraw an enrolment code not used yet (or every open code of a terminal)',
    usage: 'codes revoke <code> | codes revoke --terminal <terminalId>',
    options: { terminal: { type: 'string' } },
    allowPositionals: true,
    help: `Give the code (e.g. 7KQ2-M9XD-4HTP) or --terminal <id> for every open code of that terminal.
A used, expired or unknown code is refused (exit 1) and nothing is changed. A terminal already
enrolled keeps its device token: revoking codes does not take it out of the fleet.`,
    run(values, positionals, { kiosks, now }, io) {
      const terminal = optionalString(values, 'terminal');
      if ((terminal === undefined) === (positionals.length === 0) || positionals.length > 1) {
        throw new UsageError('Give one code or --terminal <id>, not both.');
      }
      if (terminal !== undefined) {
        const n = kiosks.revokeEnrolmentCodesOf(terminalId(terminal), now);
        if (n === 0) throw new Failure(`${terminal} has no open enrolment code; nothing was changed.`);
        io.out(`Revoked ${n} open enrolment code${n === 1 ? '' : 's'} of ${terminal}.`);
        return EXIT.ok;
      }
      const code = (positionals[0] ?? '').trim().toUpperCase();
      if (!enrolmentCodeSchema.safeParse(code).success) {
        throw new UsageError(`Got "${positionals[0]}", expected a code like 7KQ2-M9XD-4HTP.`);
      }
      const result = kiosks.revokeEnrolmentCode(code, now);
      if ('refused' in result) {
        const why = {
          unknown: 'was not issued by this central (mistyped? "codes list" shows the codes issued)',
          used: 'has been used already',
          expired: 'has expired already',
          revoked: 'was revoked already',
        }[result.refused];
        throw new Failure(`The code ${code} ${why}; nothing was changed.`);
      }
      io.out(`Revoked the enrolment code of ${result.revoked.terminalId} in ${result.revoked.hallId}.`);
      return EXIT.ok;
    },
  },

  'codes list': {
    summary: 'List the enrolment codes issued (never the codes themselves) and their state',
    usage: 'codes list [--terminal <terminalId>] [--hall <hallId>]',
    options: { terminal: { type: 'string' }, hall: { type: 'string' } },
    help: `States: open (can be used), used, expired, revoked. The central keeps only a digest of each
code, so a lost code cannot be shown again: revoke it and issue a new one.`,
    run(values, _p, stores, io) {
      const terminal = optionalString(values, 'terminal');
      const hall = optionalString(values, 'hall');
      const codes = stores.kiosks.enrolmentCodes(
        {
          ...(terminal === undefined ? {} : { terminalId: terminalId(terminal) }),
          ...(hall === undefined ? {} : { hallId: knownHall(stores, hall) }),
        },
        stores.now,
      );
      if (codes.length === 0) {
        io.out('(no enrolment codes)');
        return EXIT.ok;
      }
      io.out(
        table(
          ['terminal', 'hall', 'state', 'issued', 'expires'],
          codes.map((c) => [
            c.terminalId,
            c.hallId,
            c.state,
            hallTime(new Date(c.createdAt).toISOString()),
            hallTime(new Date(c.expiresAt).toISOString()),
          ]),
        ),
      );
      return EXIT.ok;
    },
  },

  'staff-token': {
    summary: 'Issue (or replace) a staff member’s token: window, approver or manager',
    usage:
      'staff-token --staff <id> --name <name> --role window|approver|manager (--hall <id>[,<id>…] | --every-hall | --department <id>)',
    options: {
      staff: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      hall: { type: 'string' },
      'every-hall': { type: 'boolean' },
      department: { type: 'string' },
    },
    help: `Options:
  --staff <id>          staff number, e.g. W001
  --name <name>         display name, e.g. 王窗口
  --role <role>         window (calls numbers), approver (decides cases of a department) or
                        manager (fleet page, enrolment codes, remote configuration)
  --hall <id>[,<id>…]   the hall(s) window staff and managers act in
  --every-hall          a city-level manager: every hall, present and future
  --department <id>     an approver's department, e.g. 330100-GA

Prints the token alone on standard output, once: the central keeps only its digest. Issuing again
for the same staff id replaces the old token. A manager's token opens the fleet page
(/v1/kiosks/fleet.html) and issues enrolment codes over HTTP.`,
    run(values, _p, stores, io) {
      const staffId = requireString(values, 'staff');
      const displayName = requireString(values, 'name');
      const role = staffRoleSchema.safeParse(requireString(values, 'role'));
      if (!role.success) {
        throw new UsageError(`--role: got "${String(values.role)}", expected window, approver or manager.`);
      }
      const hallIds = (optionalString(values, 'hall') ?? '')
        .split(',')
        .map((h) => h.trim())
        .filter((h) => h.length > 0);
      for (const h of hallIds) knownHall(stores, h);
      let token: string;
      try {
        token = new StaffStore(stores.db, () => stores.now).provision({
          staffId,
          displayName,
          role: role.data,
          departmentId: optionalString(values, 'department') ?? null,
          hallIds,
          everyHall: values['every-hall'] === true,
        });
      } catch (err) {
        throw new Failure(`staff-token: ${(err as Error).message}; nothing was changed.`);
      }
      io.out(token);
      const reach =
        role.data === 'approver'
          ? `department ${String(values.department)}`
          : values['every-hall'] === true
            ? 'every hall'
            : hallIds.join(', ');
      io.err(`Token of ${staffId} (${role.data}, ${reach}). Shown once: the central keeps only its digest.`);
      return EXIT.ok;
    },
  },

  'kiosks list': {
    summary: 'List the enrolled kiosks with their last heartbeat and device states',
    usage: 'kiosks list [--hall <hallId>]',
    options: { hall: { type: 'string' } },
    help: `Online: a heartbeat within the last 90 s. Devices lists those not ready, e.g.
receiptPrinter=paper-out. The same list is on the fleet page (/v1/kiosks/fleet.html, manager token).`,
    run(values, _p, stores, io) {
      const hall = optionalString(values, 'hall');
      const fleet = stores.kiosks.fleet(hall === undefined ? undefined : knownHall(stores, hall), stores.now);
      if (fleet.length === 0) {
        io.out(hall === undefined ? '(no kiosks enrolled)' : `(no kiosks enrolled in ${hall})`);
        return EXIT.ok;
      }
      io.out(
        table(
          ['terminal', 'hall', 'state', 'last heartbeat', 'outbox', 'devices'],
          fleet.map((k) => {
            const faults = Object.entries(k.devices ?? {})
              .filter(([, d]) => d.state !== 'ready')
              .map(([name, d]) => `${name}=${d.state}`);
            return [
              k.terminalId,
              k.hallId,
              k.online ? 'online' : 'offline',
              k.lastSeenAt === null ? 'never' : hallTime(k.lastSeenAt),
              k.outboxDepth === null ? '-' : String(k.outboxDepth),
              k.devices === null ? '-' : faults.length === 0 ? 'all ready' : faults.join(' '),
            ];
          }),
        ),
      );
      return EXIT.ok;
    },
  },
};

const GROUPS = [...new Set(Object.keys(COMMANDS).map((name) => name.split(' ')[0] ?? name))];

const HELP = `Administration of the central: halls, enrolment codes, staff tokens, the fleet.

Usage: npm run central-admin -- <command> [options]
       npm run central-admin -- <command> --help

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(13)} ${c.summary}`)
  .join('\n')}

The database is CENTRAL_DB (default ${DEFAULT_CENTRAL_DB}, relative to the current folder), the
same file the central runs on; it may be running. Enrolling a terminal:
  halls list → (halls add) → codes issue --terminal <id> --hall <hallId> → on the terminal: kiosk-config enrol

Exit codes:
  0   success
  1   refused, nothing changed: an unknown hall, terminal or code, a hall that exists already
  2   the central's database cannot be opened or written
  64  usage error: unknown command or option, missing or malformed argument`;

function commandHelp(command: Command): string {
  return `${command.summary}\n\nUsage: npm run central-admin -- ${command.usage}\n\n${command.help}`;
}

function openStores(io: AdminIo): Stores {
  const path = centralDatabasePath(io.env);
  let db: CentralDatabase;
  try {
    if (!existsSync(path)) {
      mkdirSync(dirname(path), { recursive: true });
      io.err(`No central database at ${path} yet: creating it. (CENTRAL_DB names another file.)`);
    }
    db = openCentralDatabase(path);
  } catch (err) {
    throw new DatabaseError(`Cannot open the central database ${path}: ${(err as Error).message}`);
  }
  return { db, halls: new HallStore(db), kiosks: new KioskStore(db), now: io.clock.now() };
}

/** Runs one command; returns the exit code. Never throws for a refusal or a usage error. */
export function runAdminCli(argv: readonly string[], io: AdminIo): number {
  const [first, ...afterFirst] = argv;
  if (!first || first === 'help' || first === '--help' || first === '-h') {
    io.out(HELP);
    return first ? EXIT.ok : EXIT.usage;
  }
  let name = first;
  let rest = afterFirst;
  if (GROUPS.includes(first) && !COMMANDS[first]) {
    const sub = afterFirst[0];
    const group = Object.keys(COMMANDS).filter((n) => n.startsWith(`${first} `));
    const groupHelp = `Commands:\n${group.map((n) => `  ${n.padEnd(13)} ${COMMANDS[n]?.summary ?? ''}`).join('\n')}`;
    if (sub === undefined || sub === '--help' || sub === '-h') {
      (sub === undefined ? io.err : io.out)(groupHelp);
      return sub === undefined ? EXIT.usage : EXIT.ok;
    }
    name = `${first} ${sub}`;
    rest = afterFirst.slice(1);
    if (!COMMANDS[name]) {
      io.err(`Unknown command "${name}".\n${groupHelp}`);
      return EXIT.usage;
    }
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`Unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}. See --help.`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(commandHelp(command));
    return EXIT.ok;
  }
  let stores: Stores | undefined;
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
    stores = openStores(io);
    return command.run(parsed.values as Values, parsed.positionals, stores, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${err.message}\nUsage: npm run central-admin -- ${command.usage}   (--help for more)`);
      return EXIT.usage;
    }
    if (err instanceof Failure || err instanceof HallError) {
      io.err(err.message);
      return EXIT.failed;
    }
    if (err instanceof DatabaseError) {
      io.err(err.message);
      return EXIT.database;
    }
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) {
      io.err(`The central database refused the change (${code}): ${(err as Error).message}`);
      return EXIT.database;
    }
    throw err;
  } finally {
    stores?.db.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let code: number;
  try {
    code = runAdminCli(process.argv.slice(2), {
      out: (t) => process.stdout.write(`${t}\n`),
      err: (t) => process.stderr.write(`${t}\n`),
      env: process.env,
      clock: systemClock,
    });
  } catch (err) {
    // Not a refusal the CLI knows: one plain line rather than a stack, and a distinct code.
    process.stderr.write(`central-admin: unexpected failure: ${(err as Error).message}\n`);
    code = EXIT.failed;
  }
  process.exit(code);
}
