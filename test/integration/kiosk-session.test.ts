/**
 * The Linux kiosk session end to end, short of the Electron binary: deploy/linux/kiosk-session runs
 * Debian's real cage in its headless backend with a stand-in program as the app, and the unit is
 * checked by systemd-analyze. cage refuses to run as root, so each session drops to uid 65534 with
 * setpriv, with its own XDG_RUNTIME_DIR; it runs in a private mount namespace whose /tmp/.X11-unix
 * is its own, because cage also starts Xwayland and Xwayland refuses a socket folder another user
 * left in the shared /tmp.
 *
 * What stands in for what: the stand-in app replaces "/opt/Kiosk Terminal/kiosk-terminal"
 * (KIOSK_APP); its "leave kiosk mode" is the backend's real exitTheSession, run by node. systemd
 * itself does not run here: the unit's restart rules are asserted on its text, and its ExecStopPost
 * command is run by sh with the EXIT_STATUS systemd would give it.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEAVE_KIOSK_EXIT_CODE } from '../../electron/backend/maintenance/exit-codes';
import { LEAVE_REQUEST_FILE } from '../../electron/backend/maintenance/leave-request';
import {
  repo,
  requireSessionTools,
  SESSION_UID as NOBODY,
  SESSION_UNIT as UNIT,
  SESSION_WRAPPER as WRAPPER,
  sessionUsersFolder,
  startCageSession,
} from '../support/cage-session';

let base = '';
let sequence = 0;

beforeAll(() => {
  requireSessionTools();
  base = mkdtempSync(path.join(os.tmpdir(), 'kiosk-session-'));
  writeFileSync(
    path.join(base, 'leave.mjs'),
    [
      `import { exitTheSession } from ${JSON.stringify(path.join(repo, 'electron/backend/maintenance/leave-request.ts'))};`,
      `exitTheSession(${LEAVE_KIOSK_EXIT_CODE}, { env: process.env, now: Date.now, exit: (c) => process.exit(c),`,
      `  onRequestFailed: (e) => { console.error(e.message); } });`,
    ].join('\n'),
    { mode: 0o644 },
  );
});

afterAll(() => {
  if (base) rmSync(base, { recursive: true, force: true });
});

/** A folder uid 65534 owns alone, like the unit's /run/kiosk. */
const nobodysFolder = (name: string): string => sessionUsersFolder(path.join(base, `${name}-${++sequence}`));

/**
 * A stand-in for the kiosk app: records its arguments and whether a request to leave was there when
 * it started into $STAND_IN_TRACE, then does `body`.
 */
function standIn(body: string): string {
  const file = path.join(base, `app-${++sequence}`);
  writeFileSync(
    file,
    [
      '#!/bin/sh',
      'printf "%s\\n" "$*" > "$STAND_IN_TRACE/args"',
      // cage sets WAYLAND_DISPLAY for its client: proof the stand-in ran inside the compositor.
      'printf "%s\\n" "${WAYLAND_DISPLAY:-}" > "$STAND_IN_TRACE/wayland"',
      `if [ -n "\${KIOSK_RUNTIME_DIR:-}" ] && [ -e "$KIOSK_RUNTIME_DIR/${LEAVE_REQUEST_FILE}" ]; then`,
      '  echo present > "$STAND_IN_TRACE/request-at-start"',
      'else',
      '  echo absent > "$STAND_IN_TRACE/request-at-start"',
      'fi',
      body,
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  return file;
}

const LEAVING = () =>
  standIn(
    `exec ${JSON.stringify(process.execPath)} --import tsx ${JSON.stringify(path.join(base, 'leave.mjs'))}`,
  );

interface SessionRun {
  readonly status: number | null;
  readonly stderr: string;
  readonly args: string;
  readonly waylandDisplay: string;
  readonly requestAtStart: string;
  readonly requestAfter: boolean;
}

/** Runs the wrapper as the kiosk unit would, under uid 65534, and waits for it to end. */
async function runSession(
  app: string,
  options: { runtimeDir?: boolean; stale?: boolean } = {},
): Promise<SessionRun> {
  const runtimeDir = options.runtimeDir === false ? null : nobodysFolder('run');
  const trace = nobodysFolder('trace');
  const request = runtimeDir ? path.join(runtimeDir, LEAVE_REQUEST_FILE) : null;
  if (options.stale && request) {
    writeFileSync(request, 'left from an earlier run\n');
    chownSync(request, NOBODY, NOBODY);
  }
  const session = startCageSession({
    base,
    app,
    env: { STAND_IN_TRACE: trace, ...(runtimeDir ? { KIOSK_RUNTIME_DIR: runtimeDir } : {}) },
  });
  const status = await session.ended;
  const stderr = session.stderr();
  const read = (name: string) =>
    existsSync(path.join(trace, name)) ? readFileSync(path.join(trace, name), 'utf8').trim() : '';
  return {
    status,
    stderr,
    args: read('args'),
    waylandDisplay: read('wayland'),
    requestAtStart: read('request-at-start'),
    requestAfter: request ? existsSync(request) : false,
  };
}

describe('kiosk-session under cage (headless)', () => {
  it('exits 78 when the app leaves kiosk mode through the backend, and removes the request', async () => {
    const run = await runSession(LEAVING());
    expect(run.waylandDisplay).toMatch(/^wayland-\d+$/);
    expect(run.args).toBe('--ozone-platform=wayland');
    expect(run.stderr).toContain('staff left kiosk mode; exit 78');
    expect(run.status).toBe(78);
    expect(run.requestAfter).toBe(false);
  });

  it.each([
    ['restart the app (75)', 'exit 75'],
    ['a clean exit (0)', 'exit 0'],
    ['a failure (1)', 'exit 1'],
    ['a crash (SIGSEGV)', 'kill -SEGV $$'],
    ['78 without a request', 'exit 78'],
  ])('does not exit 78 after %s, so systemd restarts the kiosk', async (_what, body) => {
    const run = await runSession(standIn(body));
    expect(run.waylandDisplay).toMatch(/^wayland-\d+$/);
    expect(run.args).toBe('--ozone-platform=wayland');
    expect(run.status).not.toBe(78);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/without a request to leave kiosk mode|cage ended with status/);
  });

  it('removes a stale request before starting cage, so it cannot stop the kiosk', async () => {
    const run = await runSession(standIn('exit 0'), { stale: true });
    expect(run.stderr).toContain('removing an old request to leave kiosk mode');
    expect(run.requestAtStart).toBe('absent');
    expect(run.status).not.toBe(78);
    expect(run.requestAfter).toBe(false);
  });

  it('still leaves kiosk mode when asked after a stale request was removed', async () => {
    const run = await runSession(LEAVING(), { stale: true });
    expect(run.requestAtStart).toBe('absent');
    expect(run.status).toBe(78);
  });

  it('without a runtime folder says so and cannot leave kiosk mode (the app restarts)', async () => {
    const run = await runSession(LEAVING(), { runtimeDir: false });
    expect(run.stderr).toContain('no runtime folder (KIOSK_RUNTIME_DIR)');
    expect(run.status).not.toBe(78);
  });
});

describe('kiosk.service', () => {
  const unit = readFileSync(UNIT, 'utf8');
  const values = (key: string): string[] =>
    unit
      .split('\n')
      .filter((line) => line.startsWith(`${key}=`))
      .map((line) => line.slice(key.length + 1));

  it('runs the wrapper, restarts on anything but 78 and gives the console back on 78', () => {
    expect(values('ExecStart')).toEqual(['/usr/lib/kiosk-terminal/kiosk-session']);
    expect(values('Restart')).toEqual(['always']);
    expect(values('RestartPreventExitStatus')).toEqual(['78']);
    expect(values('ExecStopPost')).toHaveLength(1);
    expect(values('User')).toEqual(['kiosk']);
  });

  it("gives the app the runtime folder the wrapper reads, the kiosk user's alone", () => {
    expect(values('RuntimeDirectory')).toEqual(['kiosk']);
    expect(values('RuntimeDirectoryMode')).toEqual(['0700']);
    expect(values('Environment')).toContain('KIOSK_RUNTIME_DIR=/run/kiosk');
  });

  it('agrees with the backend on the request file and the exit code', () => {
    const wrapper = readFileSync(WRAPPER, 'utf8');
    expect(wrapper).toMatch(
      new RegExp(`^LEAVE_REQUEST_FILE=${LEAVE_REQUEST_FILE.replace('.', '\\.')}$`, 'm'),
    );
    expect(wrapper).toMatch(new RegExp(`^LEAVE_KIOSK_EXIT_CODE=${LEAVE_KIOSK_EXIT_CODE}$`, 'm'));
  });

  it('starts getty@tty1 from ExecStopPost on 78 only, as root', () => {
    const [stopPost] = values('ExecStopPost');
    const match = /^\+\/bin\/sh -c '(.+)'$/.exec(stopPost ?? '');
    expect(match, 'ExecStopPost runs as root (+) through /bin/sh -c').not.toBeNull();
    const bin = nobodysFolder('bin');
    const calls = path.join(bin, 'calls');
    writeFileSync(path.join(bin, 'systemctl'), `#!/bin/sh\necho "$*" >> ${JSON.stringify(calls)}\n`, {
      mode: 0o755,
    });
    const stopWith = (status: string) =>
      spawnSync('/bin/sh', ['-c', match?.[1] ?? ''], {
        env: { PATH: `${bin}:/usr/bin:/bin`, EXIT_STATUS: status },
      });
    for (const status of ['0', '1', '75', '143', 'SEGV']) expect(stopWith(status).status).toBe(0);
    expect(existsSync(calls)).toBe(false);
    expect(stopWith('78').status).toBe(0);
    expect(readFileSync(calls, 'utf8')).toBe('start getty@tty1.service\n');
  });

  it('passes systemd-analyze verify with the wrapper in place', () => {
    const root = nobodysFolder('root');
    const installed = path.join(root, 'usr/lib/kiosk-terminal/kiosk-session');
    mkdirSync(path.dirname(installed), { recursive: true });
    writeFileSync(installed, readFileSync(WRAPPER), { mode: 0o755 });
    // verify checks that ExecStart exists; this machine has no package installed, so the copy
    // points into a folder that has the wrapper where the package puts it.
    const copy = path.join(root, 'kiosk.service');
    writeFileSync(copy, unit.replace('ExecStart=/usr/lib/', `ExecStart=${root}/usr/lib/`));
    const verified = spawnSync('systemd-analyze', ['verify', copy], { encoding: 'utf8' });
    expect(`${verified.stdout}${verified.stderr}`.trim()).toBe('');
    expect(verified.status).toBe(0);
  });

  it('systemd-analyze verify does catch a wrapper that is missing', () => {
    const root = nobodysFolder('root');
    const copy = path.join(root, 'kiosk.service');
    writeFileSync(copy, unit.replace('ExecStart=/usr/lib/', `ExecStart=${root}/missing/`));
    const verified = spawnSync('systemd-analyze', ['verify', copy], { encoding: 'utf8' });
    expect(verified.status).not.toBe(0);
    expect(verified.stderr).toContain(`${root}/missing/kiosk-terminal/kiosk-session is not executable`);
  });
});
