import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../domain/clock';
import { EXIT, runAdminCli } from './admin-cli';
import { buildCentralApp } from './app';
import { openCentralDatabase } from './db/database';
import { citizenRef, NINE_AM_SHANGHAI } from './test-support';

const HOUR = 3_600_000;

let dir: string;
let dbPath: string;
let clock: ManualClock;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'central-admin-'));
  dbPath = join(dir, 'central.db');
  clock = new ManualClock(NINE_AM_SHANGHAI);
});

function admin(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runAdminCli(argv, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: { CENTRAL_DB: dbPath },
    clock,
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** Everything an administration command may write, to show a refused command wrote nothing. */
function snapshot(): string {
  const db = openCentralDatabase(dbPath);
  try {
    return JSON.stringify(
      [
        'halls',
        'queue_categories',
        'hall_regions',
        'kiosk_enrolment_codes',
        'kiosks',
        'staff_members',
        'staff_halls',
      ].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()),
    );
  } finally {
    db.close();
  }
}

function issueCode(terminal: string, hall: string): string {
  const issued = admin('codes', 'issue', '--terminal', terminal, '--hall', hall, '--json');
  expect(issued.code, issued.stderr).toBe(EXIT.ok);
  return (JSON.parse(issued.stdout) as { code: string }).code;
}

describe('central-admin: halls', () => {
  it('lists the reference halls, including the README’s HALL-SC-01 上城区市民之家', () => {
    const { code, stdout, stderr } = admin('halls', 'list');
    expect(code).toBe(EXIT.ok);
    expect(stderr).toContain('creating it'); // a new database is said out loud, not silently made
    expect(stdout).toMatch(/HALL-SC-01\s+上城区市民之家/);
    expect(stdout).toMatch(/HALL-CITY-01\s+市民服务中心/);
    expect(stdout).toContain('ABCDEFGHIJ');
  });

  describe('a hall added from the command line takes numbers at once', () => {
    let app: Awaited<ReturnType<typeof buildCentralApp>> | undefined;
    afterEach(async () => {
      await app?.close();
      app = undefined;
    });

    it('halls add → codes issue → enrol → a ticket in the new hall', async () => {
      const added = admin(
        'halls',
        'add',
        '--id',
        'HALL-XH-02',
        '--name-zh',
        '西湖区转塘街道便民服务中心',
        '--name-en',
        'Zhuantang Subdistrict Service Centre',
        '--region-code',
        '330106009000',
      );
      expect(added.code, added.stderr).toBe(EXIT.ok);
      expect(added.stdout).toContain('Added hall HALL-XH-02 西湖区转塘街道便民服务中心');
      expect(added.stdout).toContain('A B C D E F G H I J');
      expect(admin('halls', 'list').stdout).toMatch(
        /HALL-XH-02\s+西湖区转塘街道便民服务中心.*330106009000\s+ABCDEFGHIJ\s+0/,
      );

      const text = admin('codes', 'issue', '--terminal', 'KIOSK-XH-003', '--hall', 'HALL-XH-02');
      expect(text.code).toBe(EXIT.ok);
      expect(text.stdout).toMatch(/^ {2}[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/m);
      expect(text.stdout).toContain('until 2026-11-26 09:00 (Asia/Shanghai)'); // 24 h, in hall time
      const code = issueCode('KIOSK-XH-003', 'HALL-XH-02');

      app = await buildCentralApp({ dbPath, clock, deviceTokens: ['admin-test-trusted-token-01'] });
      const enrol = await app.inject({
        method: 'POST',
        url: '/v1/kiosks/enrol',
        payload: { terminalId: 'KIOSK-XH-003', code },
      });
      expect(enrol.statusCode, enrol.body).toBe(201);
      const { deviceToken, hallId } = enrol.json<{ deviceToken: string; hallId: string }>();
      expect(hallId).toBe('HALL-XH-02');
      const categories = await app.inject({
        method: 'GET',
        url: '/v1/halls/HALL-XH-02/queue-categories',
        headers: { authorization: `Bearer ${deviceToken}` },
      });
      expect(categories.statusCode, categories.body).toBe(200);
      const ticket = await app.inject({
        method: 'POST',
        url: '/v1/queue/tickets',
        headers: { authorization: `Bearer ${deviceToken}`, 'idempotency-key': 'xh-02-first-ticket' },
        payload: {
          hallId: 'HALL-XH-02',
          category: 'B',
          terminalId: 'KIOSK-XH-003',
          citizenRef: citizenRef('xh'),
          priority: 'normal',
          kioskSequence: 1,
          requestedAt: new Date(clock.now()).toISOString(),
        },
      });
      expect(ticket.statusCode, ticket.body).toBe(201);
      expect(ticket.json<{ ticket: { number: string } }>().ticket.number).toBe('B001');
      await app.close();
      app = undefined;

      const fleet = admin('kiosks', 'list', '--hall', 'HALL-XH-02');
      expect(fleet.code).toBe(EXIT.ok);
      expect(fleet.stdout).toMatch(/KIOSK-XH-003\s+HALL-XH-02\s+offline\s+never/);
      expect(admin('codes', 'list', '--terminal', 'KIOSK-XH-003').stdout).toMatch(
        /KIOSK-XH-003\s+HALL-XH-02\s+used/,
      );
    });
  });

  it('--like copies another hall’s queue categories', () => {
    // A hall of the operator's own (the reference halls get A–J back at every start).
    const db = openCentralDatabase(dbPath);
    db.prepare(
      `INSERT INTO halls (hall_id, name_zh, name_en) VALUES ('HALL-SC-05', '社区服务站', 'Station')`,
    ).run();
    db.prepare(
      `INSERT INTO queue_categories (hall_id, code, name_zh, name_en, sort_order)
       VALUES ('HALL-SC-05', 'C', '社保医保', 'Social insurance', 1), ('HALL-SC-05', 'A', '综合受理', 'General', 2)`,
    ).run();
    db.close();
    const added = admin(
      'halls',
      'add',
      '--id',
      'HALL-SC-02',
      '--name-zh',
      '清波街道便民服务中心',
      '--name-en',
      'Qingbo Service Centre',
      '--like',
      'HALL-SC-05',
    );
    expect(added.code, added.stderr).toBe(EXIT.ok);
    expect(added.stdout).toContain('region the city, queue categories C A.');
  });

  it('refuses a hall id that exists already and changes nothing', () => {
    const before = snapshot();
    const again = admin('halls', 'add', '--id', 'HALL-SC-01', '--name-zh', '别的名字', '--name-en', 'Other');
    expect(again).toMatchObject({ code: EXIT.failed, stdout: '' });
    expect(again.stderr).toBe('Hall HALL-SC-01 exists already; nothing was changed.');
    expect(snapshot()).toBe(before);
  });

  it('refuses malformed, unknown and missing options and changes nothing', () => {
    admin('halls', 'list'); // the database exists before the snapshot
    const before = snapshot();
    const add = (...extra: string[]) =>
      admin('halls', 'add', '--name-zh', '新厅', '--name-en', 'New Hall', ...extra);
    expect(add()).toMatchObject({ code: EXIT.usage, stderr: expect.stringContaining('--id is required.') });
    expect(add('--id', 'hall xh 02')).toMatchObject({
      code: EXIT.usage,
      stderr: expect.stringContaining('expected capital letters, digits and dashes'),
    });
    expect(add('--id', 'HALL-XH-09', '--region-code', '3301')).toMatchObject({
      code: EXIT.usage,
      stderr: expect.stringContaining('expected 12 digits'),
    });
    const region = add('--id', 'HALL-XH-09', '--region-code', '110101000000');
    expect(region.code).toBe(EXIT.failed);
    expect(region.stderr).toContain('Unknown region code 110101000000. Known regions: 330100000000 杭州市');
    const like = add('--id', 'HALL-XH-09', '--like', 'HALL-NOPE-01');
    expect(like.code).toBe(EXIT.failed);
    expect(like.stderr).toBe('--like: no hall HALL-NOPE-01. Known halls: HALL-CITY-01, HALL-SC-01.');
    expect(
      admin(
        'halls',
        'add',
        '--id',
        'HALL-XH-09',
        '--name-zh',
        '新厅',
        '--name-en',
        'New Hall',
        '--colour',
        'red',
      ),
    ).toMatchObject({ code: EXIT.usage, stderr: expect.stringContaining("Unknown option '--colour'") });
    expect(snapshot()).toBe(before);
  });
});

describe('central-admin: enrolment codes', () => {
  it('refuses an unknown hall with the list of known halls, and issues nothing', () => {
    admin('halls', 'list');
    const before = snapshot();
    const refused = admin('codes', 'issue', '--terminal', 'KIOSK-XH-003', '--hall', 'HALL-XH-02');
    expect(refused.code).toBe(EXIT.failed);
    expect(refused.stderr).toContain(
      '--hall: no hall HALL-XH-02 at this central. Known halls: HALL-CITY-01, HALL-SC-01.',
    );
    expect(refused.stderr).toContain('halls add');
    expect(snapshot()).toBe(before);
  });

  it('refuses a malformed terminal id or missing options (exit 64) and issues nothing', () => {
    admin('halls', 'list');
    const before = snapshot();
    const bad = admin('codes', 'issue', '--terminal', 'KIOSK/../1', '--hall', 'HALL-SC-01');
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.stderr).toContain('--terminal: got "KIOSK/../1", expected letters, digits and dashes');
    expect(bad.stderr).toContain('Usage: npm run central-admin -- codes issue');
    expect(admin('codes', 'issue', '--hall', 'HALL-SC-01')).toMatchObject({
      code: EXIT.usage,
      stderr: expect.stringContaining('--terminal is required.'),
    });
    expect(admin('codes', 'issue', '--terminal', 'KIOSK-SC-017')).toMatchObject({
      code: EXIT.usage,
      stderr: expect.stringContaining('--hall is required.'),
    });
    expect(snapshot()).toBe(before);
  });

  it('revokes a code, which then cannot enrol; lists codes by state without showing them', async () => {
    const code = issueCode('KIOSK-SC-017', 'HALL-SC-01');
    const revoked = admin('codes', 'revoke', code.toLowerCase());
    expect(revoked).toMatchObject({
      code: EXIT.ok,
      stdout: 'Revoked the enrolment code of KIOSK-SC-017 in HALL-SC-01.',
    });
    const listed = admin('codes', 'list');
    expect(listed.stdout).toMatch(
      /KIOSK-SC-017\s+HALL-SC-01\s+revoked\s+2026-11-25 09:00\s+2026-11-26 09:00/,
    );
    expect(listed.stdout).not.toContain(code);

    const app = await buildCentralApp({ dbPath, clock, deviceTokens: ['admin-test-trusted-token-01'] });
    try {
      const enrol = await app.inject({
        method: 'POST',
        url: '/v1/kiosks/enrol',
        payload: { terminalId: 'KIOSK-SC-017', code },
      });
      expect(enrol.statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });

  it('revokes every open code of a terminal, and only those', () => {
    issueCode('KIOSK-SC-017', 'HALL-SC-01');
    issueCode('KIOSK-SC-017', 'HALL-SC-01');
    const other = issueCode('KIOSK-SC-018', 'HALL-SC-01');
    expect(admin('codes', 'revoke', '--terminal', 'KIOSK-SC-017')).toMatchObject({
      code: EXIT.ok,
      stdout: 'Revoked 2 open enrolment codes of KIOSK-SC-017.',
    });
    expect(admin('codes', 'list', '--terminal', 'KIOSK-SC-018').stdout).toMatch(
      /KIOSK-SC-018\s+HALL-SC-01\s+open/,
    );
    expect(admin('codes', 'revoke', other).code).toBe(EXIT.ok);
  });

  it('refuses to revoke an unknown, used, expired or already revoked code, and changes nothing', async () => {
    const unknown = admin('codes', 'revoke', 'ABCD-EFGH-JKLM');
    expect(unknown.code).toBe(EXIT.failed);
    expect(unknown.stderr).toContain('The code ABCD-EFGH-JKLM was not issued by this central');

    const used = issueCode('KIOSK-SC-017', 'HALL-SC-01');
    const app = await buildCentralApp({ dbPath, clock, deviceTokens: ['admin-test-trusted-token-01'] });
    try {
      const enrol = await app.inject({
        method: 'POST',
        url: '/v1/kiosks/enrol',
        payload: { terminalId: 'KIOSK-SC-017', code: used },
      });
      expect(enrol.statusCode).toBe(201);
    } finally {
      await app.close();
    }
    const expiring = issueCode('KIOSK-SC-018', 'HALL-SC-01');
    const twice = issueCode('KIOSK-SC-019', 'HALL-SC-01');
    expect(admin('codes', 'revoke', twice).code).toBe(EXIT.ok);
    await clock.advance(25 * HOUR);

    const before = snapshot();
    for (const [code, why] of [
      [used, 'has been used already'],
      [expiring, 'has expired already'],
      [twice, 'was revoked already'],
    ] as const) {
      const refused = admin('codes', 'revoke', code);
      expect(refused.code, `${why}: ${refused.stdout}`).toBe(EXIT.failed);
      expect(refused.stderr).toBe(`The code ${code} ${why}; nothing was changed.`);
    }
    const none = admin('codes', 'revoke', '--terminal', 'KIOSK-SC-018');
    expect(none).toMatchObject({
      code: EXIT.failed,
      stderr: 'KIOSK-SC-018 has no open enrolment code; nothing was changed.',
    });
    expect(admin('codes', 'revoke')).toMatchObject({
      code: EXIT.usage,
      stderr: expect.stringContaining('Give one code or --terminal <id>'),
    });
    expect(admin('codes', 'revoke', 'not-a-code')).toMatchObject({
      code: EXIT.usage,
      stderr: expect.stringContaining('expected a code like 7KQ2-M9XD-4HTP'),
    });
    expect(snapshot()).toBe(before);
  });

  it('says so when a code would move an enrolled kiosk to another hall', async () => {
    const first = issueCode('KIOSK-SC-017', 'HALL-SC-01');
    const app = await buildCentralApp({ dbPath, clock, deviceTokens: ['admin-test-trusted-token-01'] });
    try {
      await app.inject({
        method: 'POST',
        url: '/v1/kiosks/enrol',
        payload: { terminalId: 'KIOSK-SC-017', code: first },
      });
    } finally {
      await app.close();
    }
    const moving = admin('codes', 'issue', '--terminal', 'KIOSK-SC-017', '--hall', 'HALL-CITY-01');
    expect(moving.code).toBe(EXIT.ok);
    expect(moving.stderr).toContain(
      'KIOSK-SC-017 is enrolled in HALL-SC-01 now; enrolling with this code moves it to HALL-CITY-01.',
    );
  });
});

describe('central-admin: staff tokens and the fleet', () => {
  it('issues a manager token that opens the fleet list, printing only the token', async () => {
    const issued = admin(
      'staff-token',
      '--staff',
      'M001',
      '--name',
      '李主任',
      '--role',
      'manager',
      '--every-hall',
    );
    expect(issued.code, issued.stderr).toBe(EXIT.ok);
    expect(issued.stdout).toMatch(/^staff_[A-Za-z0-9_-]{32}$/);
    expect(issued.stderr).not.toContain('李主任');
    const app = await buildCentralApp({ dbPath, clock, deviceTokens: ['admin-test-trusted-token-01'] });
    try {
      const fleet = await app.inject({
        method: 'GET',
        url: '/v1/kiosks',
        headers: { authorization: `Bearer ${issued.stdout}` },
      });
      expect(fleet.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('refuses an unknown hall, a bad role and a rule of the role, and changes nothing', () => {
    admin('halls', 'list');
    const before = snapshot();
    const hall = admin(
      'staff-token',
      '--staff',
      'W001',
      '--name',
      '王窗口',
      '--role',
      'window',
      '--hall',
      'HALL-XH-02',
    );
    expect(hall.code).toBe(EXIT.failed);
    expect(hall.stderr).toContain(
      'no hall HALL-XH-02 at this central. Known halls: HALL-CITY-01, HALL-SC-01.',
    );
    const role = admin(
      'staff-token',
      '--staff',
      'W001',
      '--name',
      '王窗口',
      '--role',
      'boss',
      '--hall',
      'HALL-SC-01',
    );
    expect(role).toMatchObject({
      code: EXIT.usage,
      stderr: expect.stringContaining('--role: got "boss", expected window, approver or manager.'),
    });
    const rule = admin('staff-token', '--staff', 'W001', '--name', '王窗口', '--role', 'window');
    expect(rule.code).toBe(EXIT.failed);
    expect(rule.stderr).toContain('window staff are bound to the hall');
    expect(admin('staff-token', '--name', '王窗口', '--role', 'window')).toMatchObject({
      code: EXIT.usage,
      stderr: expect.stringContaining('--staff is required.'),
    });
    expect(hall.stderr + role.stderr + rule.stderr).not.toContain('王窗口');
    expect(snapshot()).toBe(before);
  });

  it('lists kiosks with their device faults; an unknown hall is refused with the known ones', () => {
    const db = openCentralDatabase(dbPath);
    db.prepare(
      `INSERT INTO kiosks (terminal_id, hall_id, token_hash, enrolled_at, last_seen_at, health, outbox_depth)
       VALUES ('KIOSK-SC-017', 'HALL-SC-01', 'x', ?, ?, ?, 2)`,
    ).run(
      clock.now(),
      clock.now(),
      JSON.stringify({ idCardReader: { state: 'ready' }, receiptPrinter: { state: 'paper-out' } }),
    );
    db.close();
    const listed = admin('kiosks', 'list');
    expect(listed.stdout).toMatch(
      /KIOSK-SC-017\s+HALL-SC-01\s+online\s+2026-11-25 09:00\s+2\s+receiptPrinter=paper-out/,
    );
    expect(admin('kiosks', 'list', '--hall', 'HALL-CITY-01').stdout).toBe(
      '(no kiosks enrolled in HALL-CITY-01)',
    );
    const refused = admin('kiosks', 'list', '--hall', 'HALL-XX');
    expect(refused.code).toBe(EXIT.failed);
    expect(refused.stderr).toContain('Known halls: HALL-CITY-01, HALL-SC-01');
  });
});

describe('central-admin: help, usage and the database', () => {
  const commands = [
    ['halls', 'list'],
    ['halls', 'add'],
    ['codes', 'issue'],
    ['codes', 'revoke'],
    ['codes', 'list'],
    ['staff-token'],
    ['kiosks', 'list'],
  ];

  it('has --help at the top, on every group and every command, exit 0, without touching the database', () => {
    const top = admin('--help');
    expect(top.code).toBe(EXIT.ok);
    for (const c of commands) expect(top.stdout).toContain(`  ${c.join(' ')}`);
    expect(top.stdout).toContain('64  usage error');
    expect(admin('halls', '--help')).toMatchObject({
      code: EXIT.ok,
      stdout: expect.stringContaining('halls add'),
    });
    for (const c of commands) {
      const help = admin(...c, '--help');
      expect(help.code, c.join(' ')).toBe(EXIT.ok);
      expect(help.stdout).toContain(`Usage: npm run central-admin -- ${c.join(' ')}`);
    }
    expect(admin().code).toBe(EXIT.usage);
    expect(admin('halls')).toMatchObject({ code: EXIT.usage, stderr: expect.stringContaining('halls list') });
    expect(admin('halls', 'remove')).toMatchObject({
      code: EXIT.usage,
      stderr: expect.stringContaining('Unknown command "halls remove"'),
    });
    expect(admin('explode')).toMatchObject({
      code: EXIT.usage,
      stderr: expect.stringContaining('Unknown command "explode"'),
    });
    expect(() => openCentralDatabase(dbPath, { seed: false }).close()).not.toThrow();
  });

  it('exits 2 with the path when the database cannot be opened', () => {
    const notADatabase = join(dir, 'notes.db');
    writeFileSync(notADatabase, 'these are not the tables you are looking for '.repeat(100));
    const out: string[] = [];
    const err: string[] = [];
    const code = runAdminCli(['halls', 'list'], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      env: { CENTRAL_DB: notADatabase },
      clock,
    });
    expect(code).toBe(EXIT.database);
    expect(err.join('\n')).toContain(`Cannot open the central database ${notADatabase}:`);
    expect(out).toEqual([]);

    const folder = join(dir, 'a-folder.db');
    mkdirSync(folder);
    expect(
      runAdminCli(['halls', 'list'], {
        out: () => undefined,
        err: () => undefined,
        env: { CENTRAL_DB: folder },
        clock,
      }),
    ).toBe(EXIT.database);
  });

  // Two tsx processes: a few seconds under a loaded run.
  it(
    'runs as `npm run central-admin`: help exits 0, a refusal is one line without a stack',
    { timeout: 60_000 },
    async () => {
      const run = promisify(execFile);
      const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
      const env = { ...process.env, CENTRAL_DB: dbPath };
      const help = await run(tsx, ['central/admin-cli.ts', '--help'], { env });
      expect(help.stdout).toContain('Administration of the central');
      await expect(
        run(tsx, ['central/admin-cli.ts', 'codes', 'issue', '--terminal', 'KIOSK-1', '--hall', 'HALL-NONE'], {
          env,
        }),
      ).rejects.toMatchObject({
        code: EXIT.failed,
        stderr: expect.not.stringMatching(/\n\s+at /),
      });
    },
  );
});
