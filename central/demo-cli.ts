/**
 * Demo driver of the central API, for showing the four ends in sync:
 *
 *   npm run central:demo -- staff-token --db .kiosk-data/central.db --staff M001 --name 李主任 --role manager --every-hall
 *   npm run central:demo -- staff-token --db … --staff W001 --name 王窗口 --role window --hall HALL-CITY-01[,HALL-SC-01]
 *   npm run central:demo -- cases [--status submitted]
 *   npm run central:demo -- advance <caseId|caseNumber> [--all]
 *   npm run central:demo -- call-next --hall HALL-CITY-01 --category A [--window 12]
 *   npm run central:demo -- watch --hall HALL-CITY-01 [--terminal DEMO-SCREEN]
 *
 * staff-token binds window staff and managers to halls: --hall (comma-separated for several) or,
 * for a city-level manager, --every-hall; approvers name --department instead.
 * call-next calls to window 1 unless --window names another.
 * --url (or CENTRAL_URL, default http://127.0.0.1:5790), --token (or CENTRAL_STAFF_TOKEN: a staff
 * token; a manager's can do every step), --device-token (or CENTRAL_DEVICE_TOKEN; for `watch`).
 * No personal data is printed: cases show their number, item and masked name only.
 */
import { parseArgs } from 'node:util';
import type { CaseAction, CaseStatus, CaseView } from './cases/contract';
import { openCentralDatabase } from './db/database';
import { StaffStore } from './staff/store';

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

function usage(): never {
  process.stderr.write(
    'usage: central:demo -- <staff-token|cases|advance|call-next|watch> [options]; see central/demo-cli.ts\n',
  );
  process.exit(2);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string' },
    token: { type: 'string' },
    'device-token': { type: 'string' },
    db: { type: 'string' },
    staff: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    department: { type: 'string' },
    hall: { type: 'string' },
    'every-hall': { type: 'boolean' },
    category: { type: 'string' },
    window: { type: 'string' },
    terminal: { type: 'string' },
    status: { type: 'string' },
    all: { type: 'boolean' },
  },
});

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
    case 'staff-token': {
      const { db: dbPath, staff: staffId, name, role } = values;
      if (!dbPath || !staffId || !name || !['window', 'approver', 'manager'].includes(role ?? '')) {
        throw new Error('staff-token needs --db, --staff, --name and --role window|approver|manager');
      }
      const db = openCentralDatabase(dbPath);
      try {
        const token = new StaffStore(db, Date.now).provision({
          staffId,
          displayName: name,
          role: role as 'window' | 'approver' | 'manager',
          departmentId: values.department ?? null,
          hallIds: values.hall ? values.hall.split(',').filter((h) => h.length > 0) : [],
          everyHall: values['every-hall'] === true,
        });
        out(token);
      } finally {
        db.close();
      }
      return;
    }
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
      usage();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`central:demo: ${err.message}\n`);
  process.exit(1);
});
