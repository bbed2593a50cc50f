import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { caseRequest, http, STAFF, submit, useCentralWithStaff } from './cases/test-support';
import { ticketRequest, TOKEN } from './test-support';

const run = promisify(execFile);
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');

const { central } = useCentralWithStaff();

function demo(args: string[], token?: string) {
  return run(
    TSX,
    ['central/demo-cli.ts', ...args, '--url', central.baseUrl, ...(token ? ['--token', token] : [])],
    {
      env: { ...process.env, CENTRAL_STAFF_TOKEN: '' },
    },
  );
}

describe('central:demo CLI', () => {
  it('issues a staff token into the database, advances a case to handed-out and calls the next ticket', async () => {
    const { stdout: token } = await demo([
      'staff-token',
      '--db',
      central.dbPath,
      '--staff',
      'DEMO-M',
      '--name',
      '演示主任',
      '--role',
      'manager',
      '--every-hall',
    ]);
    expect(token.trim()).toMatch(/^staff_[A-Za-z0-9_-]{32}$/);

    const api = http(central.baseUrl);
    const created = await submit(api, caseRequest({}, 501));
    const { caseNumber } = created.json.case;
    const advanced = await demo(['advance', caseNumber, '--all'], token.trim());
    expect(advanced.stdout).toContain('hand-out');
    expect(advanced.stdout).toContain('handed-out');
    expect(advanced.stdout).not.toContain('张三丰');
    const detail = await api.get(`/v1/staff/cases/${created.json.case.caseId}`, STAFF.manager);
    expect(detail.json.case.status).toBe('handed-out');

    const issued = await api.post('/v1/queue/tickets', ticketRequest(), TOKEN, {
      'idempotency-key': 'demo-ticket-001',
    });
    expect(issued.status).toBe(201);
    const called = await demo(
      ['call-next', '--hall', 'HALL-CITY-01', '--category', 'A', '--window', '7'],
      STAFF.window,
    );
    expect(called.stdout.trim()).toBe(`called ${issued.json.ticket.number} to window 7`);
  });

  it('explains itself with --help (exit 0), and staff-token --help is the administration CLI’s', async () => {
    const help = await run(TSX, ['central/demo-cli.ts', '--help']);
    expect(help.stdout).toContain('Usage: npm run central:demo -- <command> [options]');
    for (const command of ['staff-token', 'cases', 'advance', 'call-next', 'watch']) {
      expect(help.stdout).toContain(`  ${command}`);
    }
    const tokenHelp = await run(TSX, ['central/demo-cli.ts', 'staff-token', '--help']);
    expect(tokenHelp.stdout).toContain('Usage: npm run central-admin -- staff-token');
    await expect(run(TSX, ['central/demo-cli.ts', '--bogus'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('See: npm run central:demo -- --help'),
    });
  });

  it('fails with a message, not a stack, on a bad command or a refused call', async () => {
    await expect(demo(['explode'])).rejects.toMatchObject({ code: 2 });
    await expect(demo(['advance', 'BJ20261125999999'], STAFF.manager)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('central:demo: no case BJ20261125999999'),
    });
    await expect(demo(['cases'], 'not-a-staff-token-000000000')).rejects.toMatchObject({
      stderr: expect.stringContaining('HTTP 401'),
    });
  });

  it('binds a staff token to its hall: window staff without --hall are refused, and the hall is stored', async () => {
    const base = [
      'staff-token',
      '--db',
      central.dbPath,
      '--staff',
      'DEMO-W',
      '--name',
      '演示窗口',
      '--role',
      'window',
    ];
    await expect(demo(base)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('bound to the hall'),
    });
    const { stdout: token } = await demo([...base, '--hall', 'HALL-SC-01']);
    const me = await http(central.baseUrl).get('/v1/staff/me', token.trim());
    expect(me.json).toMatchObject({ hallIds: ['HALL-SC-01'], everyHall: false });
  });
});
