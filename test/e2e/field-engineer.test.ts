/**
 * A field engineer's whole job, step by step, with only what a terminal and the central give them:
 * the .deb, `kiosk-config` on PATH, `npm run central-admin` at the central, and the fleet page.
 *
 * What stands in for what (the rest is real):
 * - The Electron binary is not on this machine. The installed package's `kiosk-terminal` is a
 *   stand-in whose --kiosk-config mode runs the bundled CLI with node (test/support/deb-root.ts);
 *   under cage, the app is the real kiosk backend process (electron/backend/process-main.ts), which
 *   is what the Electron shell runs, on the Unix socket the shell would forward to.
 * - The terminal's devices are the simulators; a card reader on a serial port that is not there is
 *   the missing reader.
 * - The package is installed into a throwaway root, not onto this machine; the session runs as uid
 *   65534 in place of the kiosk user, and systemd does not run (the unit is checked by
 *   test/integration/kiosk-session.test.ts).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLEET_PATHS } from '../../central/kiosks/fleet-page';
import { LEAVE_KIOSK_EXIT_CODE } from '../../electron/backend/maintenance/exit-codes';
import { MAINTENANCE_TOKEN_HEADER } from '../../electron/backend/maintenance/contract';
import { buildDeb } from '../../scripts/package-deb.mjs';
import {
  repo,
  requireSessionTools,
  SESSION_UID,
  sessionUsersFolder,
  startCageSession,
  type CageSession,
} from '../support/cage-session';
import { launchChromium } from '../support/chromium';
import { dpkgIn, standInApp, throwawayRoot } from '../support/deb-root';

const TERMINAL = 'KIOSK-SC-017';
const HALL = 'HALL-SC-01';
const PIN = '246810';
/** What the issue asks of a device fault on the fleet page: a deadline for a wait, not a sleep. */
const FAULT_SHOWN_WITHIN_MS = 5_000;
const STEP_TIMEOUT_MS = 30_000;

let dir = '';
let root = '';
let central: ChildProcess | undefined;
let centralUrl = '';
let centralDb = '';
let browser: Browser | undefined;

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `kiosk-config` as the engineer types it: the command the package put on PATH. */
function kioskConfig(args: string[], input?: string): Ran {
  const ran = spawnSync(path.join(root, 'usr/bin/kiosk-config'), args, {
    encoding: 'utf8',
    input,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
  });
  return { status: ran.status, stdout: ran.stdout, stderr: ran.stderr };
}

/** `npm run central-admin -- …` at the central, on the database the central runs on. */
function centralAdmin(args: string[]): Ran {
  const ran = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(repo, 'central/admin-cli.ts'), ...args],
    {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, CENTRAL_DB: centralDb },
    },
  );
  return { status: ran.status, stdout: ran.stdout, stderr: ran.stderr };
}

function said(ran: Ran): string {
  return `exit ${ran.status}\n${ran.stdout}\n${ran.stderr}`;
}

/** `npm run central` as a process of its own, on a port of its choosing. */
async function startCentralProcess(): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repo, 'central/server.ts')], {
    cwd: repo,
    env: {
      ...process.env,
      CENTRAL_PORT: '0',
      CENTRAL_DB: centralDb,
      CENTRAL_DEVICE_TOKENS: randomBytes(24).toString('hex'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  central = child;
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the central did not start:\n${output}`)),
      STEP_TIMEOUT_MS,
    );
    const seen = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.on('exit', (code) => reject(new Error(`the central exited ${code}:\n${output}`)));
  });
}

function readConfig(file: string): Record<string, Record<string, unknown>> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
}

/** The engineer edits the file (as with an editor), keeping its owner and mode. */
function editConfig(file: string, edit: (config: Record<string, Record<string, unknown>>) => void): void {
  const config = readConfig(file);
  edit(config);
  const { mode } = statSync(file);
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`, { mode });
}

/** One call to the backend's /api on the socket the Electron shell forwards to. */
function backendCall(
  socketPath: string,
  secret: string,
  method: string,
  urlPath: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        socketPath,
        path: urlPath,
        method,
        headers: {
          'x-kiosk-secret': secret,
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            json: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Waits until the session's output holds `text`; fails when the session ends or the step's time is up. */
async function sessionSays(session: CageSession, text: string): Promise<void> {
  if (session.stdout().includes(text)) return;
  await new Promise<void>((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      session.child.stdout?.off('data', seen);
      reject(
        new Error(`the session ${why} before it said "${text}":\n${session.stdout()}\n${session.stderr()}`),
      );
    };
    const timer = setTimeout(() => fail('took too long'), STEP_TIMEOUT_MS);
    const seen = () => {
      if (!session.stdout().includes(text)) return;
      clearTimeout(timer);
      session.child.stdout?.off('data', seen);
      resolve();
    };
    session.child.stdout?.on('data', seen);
    void session.ended.then((status) => fail(`ended with ${status}`));
  });
}

/** The kiosk terminal under cage, as kiosk.service starts it, with the real backend as the app. */
function startTerminal(configPath: string): { session: CageSession; socket: string; secret: string } {
  const runtime = sessionUsersFolder(mkdtempSync(path.join(dir, 'run-')));
  const socketDir = sessionUsersFolder(mkdtempSync(path.join(dir, 'socket-')));
  const socket = path.join(socketDir, 'api.sock');
  const secret = randomBytes(32).toString('hex');
  const app = path.join(dir, 'backend-as-app');
  writeFileSync(
    app,
    `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} --import tsx ${JSON.stringify(path.join(repo, 'electron/backend/process-main.ts'))}\n`,
    { mode: 0o755 },
  );
  const session = startCageSession({
    base: mkdtempSync(path.join(dir, 'session-')),
    app,
    timeoutMs: 120_000,
    env: {
      KIOSK_CONFIG: configPath,
      KIOSK_RUNTIME_DIR: runtime,
      KIOSK_API_SOCKET: socket,
      KIOSK_API_SECRET: secret,
    },
  });
  return { session, socket, secret };
}

async function fleetRow(page: Page, text: string, timeout = STEP_TIMEOUT_MS): Promise<void> {
  await page.locator(`tr[data-terminal="${TERMINAL}"]`).getByText(text).waitFor({ timeout });
}

beforeAll(async () => {
  requireSessionTools();
  dir = mkdtempSync(path.join(os.tmpdir(), 'field-engineer-'));
  // The session's user passes through it to its own folders, as through / to /run/kiosk.
  chmodSync(dir, 0o755);
  centralDb = path.join(dir, 'central', 'central.db');
  centralUrl = await startCentralProcess();
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  central?.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("a field engineer's job from the docs alone", () => {
  it('installs, enrols, diagnoses a missing card reader and a printer out of paper, leaves kiosk mode and comes back', async () => {
    // 1. Install the package. Its post-install makes the kiosk user and folders.
    const deb = buildDeb({ appDir: standInApp(dir), outDir: path.join(dir, 'deb') });
    root = throwawayRoot(dir);
    const installed = dpkgIn(root, '-i', deb);
    expect(installed.status, installed.stderr).toBe(0);
    expect(readFileSync(path.join(root, 'etc/passwd'), 'utf8')).toMatch(/^kiosk:/m);
    expect(kioskConfig(['--help']).stdout).toContain('create');

    // 2. At the central: the hall is there, a manager gets a staff token and a one-time code.
    const halls = centralAdmin(['halls', 'list']);
    expect(halls.status, said(halls)).toBe(0);
    expect(halls.stdout).toContain(HALL);
    const staff = centralAdmin([
      'staff-token',
      '--staff',
      'M-SC-01',
      '--name',
      '李主任',
      '--role',
      'manager',
      '--hall',
      HALL,
    ]);
    expect(staff.status, said(staff)).toBe(0);
    const staffToken = staff.stdout.split('\n')[0]?.trim() ?? '';
    const issued = centralAdmin(['codes', 'issue', '--terminal', TERMINAL, '--hall', HALL, '--json']);
    expect(issued.status, said(issued)).toBe(0);
    const { code } = JSON.parse(issued.stdout) as { code: string };

    // 3. On the terminal: create the file into a folder that does not exist yet, validate, PIN.
    const configPath = path.join(dir, 'etc-kiosk', 'kiosk.json');
    // The package's /var/lib/kiosk, in the throwaway root, owned by the session's user.
    const stateDir = sessionUsersFolder(path.join(dir, 'var-lib-kiosk'));
    const created = kioskConfig([
      'create',
      '--profile',
      'district',
      '--terminal-id',
      TERMINAL,
      '--hall-id',
      HALL,
      '--hall-name',
      '上城区市民之家',
      '--state-dir',
      stateDir,
      '--out',
      configPath,
    ]);
    expect(created.status, said(created)).toBe(0);
    expect(kioskConfig(['validate', configPath]).status).toBe(0);
    const pinSet = kioskConfig(['set-pin', '--config', configPath], `${PIN}\n${PIN}\n`);
    expect(pinSet.status, said(pinSet)).toBe(0);
    expect(readFileSync(configPath, 'utf8')).not.toContain(PIN);

    // 4. Enrol: the device token and the citizen-reference key are written, never printed.
    const enrolled = kioskConfig(['enrol', '--config', configPath, '--code', code, '--central', centralUrl]);
    expect(enrolled.status, said(enrolled)).toBe(0);
    const central = readConfig(configPath).central ?? {};
    expect(central.mode).toBe('remote');
    expect(typeof central.deviceToken).toBe('string');
    expect(typeof central.citizenRefKey).toBe('string');
    expect(enrolled.stdout + enrolled.stderr).not.toContain(String(central.deviceToken));
    const validated = kioskConfig(['validate', configPath]);
    expect(validated.status, said(validated)).toBe(0);
    // Simulated devices in remote mode are worth a warning, not a refusal.
    expect(validated.stdout + validated.stderr).toMatch(/Warning/);

    // 5. Self-test: the simulators say so rather than PASS.
    const selfTest = kioskConfig(['self-test', '--config', configPath]);
    expect(selfTest.stdout, said(selfTest)).toMatch(/^SIMULATED\s+idCardReader/m);
    expect(selfTest.stdout).not.toMatch(/^PASS\s+idCardReader/m);
    // A remote kiosk on simulators is not ready for citizens, unless the engineer says it may be.
    expect(selfTest.status).toBe(1);
    expect(kioskConfig(['self-test', '--config', configPath, '--allow-simulated']).status).toBe(0);

    // 6. A card reader that is not there: the self-test names it and fails; the engineer fixes the
    //    file and the self-test comes back.
    editConfig(configPath, (c) => {
      (c.devices as Record<string, unknown>).idCardReader = {
        transport: { kind: 'serial', path: path.join(dir, 'no-such-reader') },
      };
    });
    const missing = kioskConfig(['self-test', '--config', configPath, '--allow-simulated']);
    expect(missing.status, said(missing)).toBe(1);
    expect(missing.stdout).toMatch(/^FAIL\s+idCardReader/m);
    editConfig(configPath, (c) => {
      (c.devices as Record<string, unknown>).idCardReader = { transport: { kind: 'simulated' } };
    });
    expect(kioskConfig(['validate', configPath]).status).toBe(0);
    const fixed = kioskConfig(['self-test', '--config', configPath, '--allow-simulated']);
    expect(fixed.status, said(fixed)).toBe(0);
    expect(fixed.stdout).not.toMatch(/^FAIL/m);

    // The kiosk user reads the file (no kiosk group on this machine: uid 65534 stands in for
    // the kiosk user).
    chownSync(configPath, SESSION_UID, SESSION_UID);
    chownSync(path.dirname(configPath), SESSION_UID, SESSION_UID);

    // 7. Start under cage: the fleet page shows the terminal, then its printer out of paper.
    const first = startTerminal(configPath);
    await sessionSays(first.session, 'KIOSK_BACKEND_READY');
    const page = await (browser as Browser).newPage();
    await page.goto(`${centralUrl}${FLEET_PATHS.page}`);
    await page.getByLabel('工作人员令牌 Staff token').fill(staffToken);
    await page.getByRole('button', { name: '登录 Log in' }).click();
    await page.waitForURL((url) => url.pathname === FLEET_PATHS.page);
    await fleetRow(page, '在线 online');
    const paperOut = await backendCall(first.socket, first.secret, 'POST', '/api/dev/printer/state', {
      state: 'paper-out',
    });
    expect(paperOut.status).toBe(200);
    const outAt = Date.now();
    await fleetRow(page, 'receiptPrinter: 缺纸 paper-out', FAULT_SHOWN_WITHIN_MS);
    expect(Date.now() - outAt).toBeLessThan(FAULT_SHOWN_WITHIN_MS);

    // 8. Leave kiosk mode from maintenance: the session ends with 78, so systemd gives the console.
    const login = await backendCall(first.socket, first.secret, 'POST', '/api/maintenance/login', {
      pin: PIN,
      staffId: 'F-017',
    });
    expect(login.status, JSON.stringify(login.json)).toBe(200);
    const left = await backendCall(
      first.socket,
      first.secret,
      'POST',
      '/api/maintenance/leave-kiosk',
      undefined,
      {
        [MAINTENANCE_TOKEN_HEADER]: String(login.json.token),
      },
    );
    expect(left.status).toBe(200);
    expect(await first.session.ended, first.session.stderr()).toBe(LEAVE_KIOSK_EXIT_CODE);

    // 9. Come back (`systemctl start kiosk`): the kiosk runs again, the printer refilled.
    const again = startTerminal(configPath);
    await sessionSays(again.session, 'KIOSK_BACKEND_READY');
    await backendCall(again.socket, again.secret, 'POST', '/api/dev/printer/state', { state: 'ready' });
    await fleetRow(page, 'receiptPrinter: 正常 ready', FAULT_SHOWN_WITHIN_MS);
    const relogin = await backendCall(again.socket, again.secret, 'POST', '/api/maintenance/login', {
      pin: PIN,
    });
    await backendCall(again.socket, again.secret, 'POST', '/api/maintenance/leave-kiosk', undefined, {
      [MAINTENANCE_TOKEN_HEADER]: String(relogin.json.token),
    });
    expect(await again.session.ended).toBe(LEAVE_KIOSK_EXIT_CODE);
    await page.close();

    // 10. Remove the package: the files go, the kiosk's data stays.
    expect(dpkgIn(root, '-r', 'kiosk-terminal').status).toBe(0);
    expect(existsSync(path.join(root, 'usr/bin/kiosk-config'))).toBe(false);
  }, 240_000);
});
