/**
 * Demo driver of the central API, for showing the four ends in sync:
 *
 *   npm run central:demo -- staff-token --staff M001 --name 李主任 --role manager --every-hall
 *   npm run central:demo -- staff-token --db … --staff W001 --name 王窗口 --role window --hall HALL-CITY-01[,HALL-SC-01]
 *   npm run central:demo -- cases [--status submitted]
 *   npm run central:demo -- advance <caseId|caseNumber> [--all]
 *   npm run central:demo -- call-next --hall HALL-CITY-01 --category A [--window 12]
 *   npm run central:demo -- watch --hall HALL-CITY-01 [--terminal DEMO-SCREEN]
 *
 * staff-token is `central-admin staff-token` (central/admin-cli.ts), kept here for the demo's
 * scripts; --db names the database instead of CENTRAL_DB.
 * call-next calls to window 1 unless --window names another.
 * --url (or CENTRAL_URL, default http://127.0.0.1:5790), --token (or CENTRAL_STAFF_TOKEN: a staff
 * token; a manager's can do every step), --device-token (or CENTRAL_DEVICE_TOKEN; for `watch`).
 * No personal data is printed: cases show their number, item and masked name only.
 */
import { parseArgs } from 'node:util';
import { systemClock } from '../domain/clock';
import { runAdminCli } from './admin-cli';
import type { CaseAction, CaseStatus, CaseView } from './cases/contract';

const DEFAULT_URL = 'http://127.0.0.1:5790';
const DEV_DEVICE_TOKEN = 'dev-terminal-token-0000';

/** The next step on the ordinary path of a case (一窗收件 → 按责转办 → 审批 → 一窗出件). */
export const NEXT_ACTION: Partial<Record<CaseStatus, CaseAction>> = {
  submitted: 'pre-review-pass',
  'pre-review-passed': 'take-in',
  'needs-correction': 'take-in',
  accepted: 'route',
  routed: 'approve',
  approved: 'mark-ready',
  rejected: 'mark-ready',
  'ready-for-pickup': 'hand-out',
};

const out = (line: string) => process.stdout.write(`${line}\n`);

export const DEMO_HELP = `Demo driver of the central API: the four ends in sync.

Usage: npm run central:demo -- <command> [options]

Commands:
  staff-token   a staff token into the database (the same as: npm run central-admin -- staff-token --help)
                  --staff <id> --name <name> --role window|approver|manager
                  (--hall <id>[,<id>…] | --every-hall | --department <id>) [--db <file>, default CENTRAL_DB]
  cases         the cases the token sees [--status submitted]
  advance       the next step of a case: advance <caseId|caseNumber> [--all: to handed-out]
  call-next     call the next ticket: --hall <hallId> --category A[,B] [--window 12, default 1]
  watch         print a kiosk's live events: --hall <hallId> [--terminal DEMO-SCREEN]

Options of the HTTP commands:
  --url <url>            the central (or CENTRAL_URL; default ${DEFAULT_URL})
  --token <token>        a staff token (or CENTRAL_STAFF_TOKEN); a manager's can do every step
  --device-token <tok>   for watch (or CENTRAL_DEVICE_TOKEN; default the development token)

No personal data is printed: cases show their number, item and masked name only.
Exit codes: 0 success, 1 the central refused or cannot be reached, 2 usage error.`;

class DemoUsageError extends Error {}

function usage(message: string): never {
  throw new DemoUsageError(`${message}\nSee: npm run central:demo -- --help`);
}

const argv = process.argv.slice(2);

if (argv[0] === 'staff-token') {
  // One implementation of staff tokens: the administration CLI's. --db stays for the demo's scripts.
  const rest = argv.slice(1);
  const env = { ...process.env };
  // --db names the database; the HTTP options the demo's scripts pass to every command mean
  // nothing to a command that writes the database, and are dropped.
  for (const flag of ['--db', '--url', '--token']) {
    const i = rest.indexOf(flag);
    if (i < 0) continue;
    const value = rest[i + 1];
    if (value === undefined || value.startsWith('--')) {
      process.stderr.write(`central:demo: ${flag} needs a value\n`);
      process.exit(2);
    }
    if (flag === '--db') env.CENTRAL_DB = value;
    rest.splice(i, 2);
  }
  process.exit(
    runAdminCli(['staff-token', ...rest], {
      out: (t) => process.stdout.write(`${t}\n`),
      err: (t) => process.stderr.write(`${t}\n`),
      env,
      clock: systemClock,
    }),
  );
}

if (argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') {
  out(DEMO_HELP);
  process.exit(0);
}

let parsed: ReturnType<typeof parseDemoArgs>;
function parseDemoArgs() {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      token: { type: 'string' },
      'device-token': { type: 'string' },
      hall: { type: 'string' },
      category: { type: 'string' },
      window: { type: 'string' },
      terminal: { type: 'string' },
      status: { type: 'string' },
      all: { type: 'boolean' },
    },
  });
}
try {
  parsed = parseDemoArgs();
} catch (err) {
  process.stderr.write(`central:demo: ${(err as Error).message}\nSee: npm run central:demo -- --help\n`);
  process.exit(2);
}
const { values, positionals } = parsed;

const baseUrl = values.url ?? process.env.CENTRAL_URL ?? DEFAULT_URL;
const staffToken = values.token ?? process.env.CENTRAL_STAFF_TOKEN;

async function api(method: string, path: string, body?: unknown, token = staffToken): Promise<unknown> {
  if (!token) throw new Error('a staff token is needed: --token or CENTRAL_STAFF_TOKEN (see staff-token)');
  const res = await fetch(new URL(path, baseUrl), {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as { error?: { code: string; message: string } };
  if (!res.ok)
    throw new Error(`${method} ${path}: HTTP ${res.status} ${json.error?.code}: ${json.error?.message}`);
  return json;
}

function describeCase(c: CaseView): string {
  return `${c.caseNumber}  ${c.status.padEnd(18)} ${c.itemName.zh}  ${c.applicantMaskedName}  → ${c.departmentId}${c.dueDate ? `  due ${c.dueDate}` : ''}`;
}

async function findCase(ref: string): Promise<CaseView> {
  if (!ref.startsWith('BJ')) return ((await api('GET', `/v1/staff/cases/${ref}`)) as { case: CaseView }).case;
  const { cases } = (await api('GET', '/v1/staff/cases?limit=200')) as { cases: CaseView[] };
  const found = cases.find((c) => c.caseNumber === ref);
  if (!found) throw new Error(`no case ${ref} among the 200 newest`);
  return found;
}

async function main(): Promise<void> {
  const [command, arg] = positionals;
  switch (command) {
    case 'cases': {
      const q = values.status ? `?status=${encodeURIComponent(values.status)}` : '';
      const { cases } = (await api('GET', `/v1/staff/cases${q}`)) as { cases: CaseView[] };
      for (const c of cases) out(`${describeCase(c)}  ${c.caseId}`);
      if (cases.length === 0) out('(no cases)');
      return;
    }
    case 'advance': {
      if (!arg) throw new Error('advance needs a case id or case number');
      let c = await findCase(arg);
      do {
        const action = NEXT_ACTION[c.status];
        if (!action) {
          out(`${c.caseNumber} is ${c.status}: nothing more to do`);
          return;
        }
        c = ((await api('POST', `/v1/staff/cases/${c.caseId}/${action}`, {})) as { case: CaseView }).case;
        out(`${action.padEnd(16)} ${describeCase(c)}`);
      } while (values.all);
      return;
    }
    case 'call-next': {
      if (!values.hall || !values.category) throw new Error('call-next needs --hall and --category');
      const res = (await api('POST', '/v1/queue/call-next', {
        hallId: values.hall,
        categories: values.category.split(','),
        windowId: values.window ?? '1',
      })) as { ticket: { number: string; windowId?: string } };
      out(`called ${res.ticket.number}${res.ticket.windowId ? ` to window ${res.ticket.windowId}` : ''}`);
      return;
    }
    case 'watch': {
      if (!values.hall) throw new Error('watch needs --hall');
      const deviceToken = values['device-token'] ?? process.env.CENTRAL_DEVICE_TOKEN ?? DEV_DEVICE_TOKEN;
      const terminal = values.terminal ?? 'DEMO-SCREEN';
      const res = await fetch(
        new URL(
          `/v1/kiosks/${encodeURIComponent(terminal)}/events?hallId=${encodeURIComponent(values.hall)}`,
          baseUrl,
        ),
        { headers: { authorization: `Bearer ${deviceToken}`, accept: 'text/event-stream' } },
      );
      if (!res.ok || !res.body) throw new Error(`event stream: HTTP ${res.status} ${await res.text()}`);
      out(`watching ${values.hall} (Ctrl-C to stop)`);
      const decoder = new TextDecoder();
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        for (const line of decoder.decode(chunk, { stream: true }).split('\n')) {
          if (line.startsWith('data: ')) {
            const e = JSON.parse(line.slice(6)) as { seq: number; type: string; data: unknown };
            out(`#${e.seq} ${e.type} ${JSON.stringify(e.data)}`);
          }
        }
      }
      return;
    }
    default:
      usage(command === undefined ? 'Name a command.' : `Unknown command "${command}".`);
  }
}

main().catch((err: Error) => {
  process.stderr.write(`central:demo: ${err.message}\n`);
  process.exit(err instanceof DemoUsageError ? 2 : 1);
});
