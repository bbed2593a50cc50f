import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LEAVE_KIOSK_EXIT_CODE, RESTART_EXIT_CODE } from './exit-codes';
import {
  exitTheSession,
  LEAVE_REQUEST_FILE,
  LeaveRequestError,
  leaveRequestPath,
  writeLeaveRequest,
} from './leave-request';

const NOW = Date.UTC(2026, 11, 7, 8, 30, 0);
const dirs: string[] = [];
const runtimeDir = (): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-runtime-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function session(env: Record<string, string>) {
  const exits: number[] = [];
  const failures: LeaveRequestError[] = [];
  const exit = (code: number) =>
    exitTheSession(code, {
      env,
      now: () => NOW,
      exit: (c) => exits.push(c),
      onRequestFailed: (e) => failures.push(e),
    });
  return { exit, exits, failures };
}

describe('leaveRequestPath', () => {
  it("prefers the unit's KIOSK_RUNTIME_DIR, then systemd's first RUNTIME_DIRECTORY", () => {
    expect(leaveRequestPath({ KIOSK_RUNTIME_DIR: '/run/kiosk', RUNTIME_DIRECTORY: '/run/other' })).toBe(
      `/run/kiosk/${LEAVE_REQUEST_FILE}`,
    );
    expect(leaveRequestPath({ RUNTIME_DIRECTORY: '/run/kiosk:/run/kiosk-extra' })).toBe(
      `/run/kiosk/${LEAVE_REQUEST_FILE}`,
    );
  });

  it('has no place for the request without a runtime folder (blank counts as none)', () => {
    expect(leaveRequestPath({})).toBeNull();
    expect(leaveRequestPath({ KIOSK_RUNTIME_DIR: ' ', RUNTIME_DIRECTORY: '' })).toBeNull();
  });
});

describe('writeLeaveRequest', () => {
  it('writes a request only the kiosk user can read, saying when it was made', () => {
    const dir = runtimeDir();
    const file = writeLeaveRequest({ KIOSK_RUNTIME_DIR: dir }, NOW);
    expect(file).toBe(path.join(dir, LEAVE_REQUEST_FILE));
    expect(readFileSync(path.join(dir, LEAVE_REQUEST_FILE), 'utf8')).toContain('2026-12-07T08:30:00.000Z');
    expect(statSync(path.join(dir, LEAVE_REQUEST_FILE)).mode & 0o777).toBe(0o600);
  });

  it('asking twice leaves one request', () => {
    const dir = runtimeDir();
    writeLeaveRequest({ KIOSK_RUNTIME_DIR: dir }, NOW);
    writeLeaveRequest({ KIOSK_RUNTIME_DIR: dir }, NOW + 1000);
    expect(readFileSync(path.join(dir, LEAVE_REQUEST_FILE), 'utf8')).toContain('2026-12-07T08:30:01.000Z');
  });

  it('refuses a runtime folder that does not exist with a plain message naming the folder', () => {
    const missing = path.join(runtimeDir(), 'gone');
    expect(() => writeLeaveRequest({ KIOSK_RUNTIME_DIR: missing }, NOW)).toThrow(LeaveRequestError);
    expect(() => writeLeaveRequest({ KIOSK_RUNTIME_DIR: missing }, NOW)).toThrow(
      `Cannot write the request to leave kiosk mode to ${missing}/${LEAVE_REQUEST_FILE} (ENOENT)`,
    );
  });
});

describe('exitTheSession', () => {
  it('writes the request, then exits 78, when staff leave kiosk mode', () => {
    const dir = runtimeDir();
    const { exit, exits, failures } = session({ KIOSK_RUNTIME_DIR: dir });
    exit(LEAVE_KIOSK_EXIT_CODE);
    expect(exits).toEqual([78]);
    expect(failures).toEqual([]);
    expect(statSync(path.join(dir, LEAVE_REQUEST_FILE)).isFile()).toBe(true);
  });

  it('writes no request for a restart, so the session starts the app again', () => {
    const dir = runtimeDir();
    const { exit, exits } = session({ KIOSK_RUNTIME_DIR: dir });
    exit(RESTART_EXIT_CODE);
    exit(1);
    expect(exits).toEqual([75, 1]);
    expect(() => statSync(path.join(dir, LEAVE_REQUEST_FILE))).toThrow(/ENOENT/);
  });

  it('exits 78 as before when no runtime folder is set', () => {
    const { exit, exits, failures } = session({});
    exit(LEAVE_KIOSK_EXIT_CODE);
    expect(exits).toEqual([78]);
    expect(failures).toEqual([]);
  });

  it('still exits 78 when the request cannot be written, and says why', () => {
    const missing = path.join(runtimeDir(), 'gone');
    const { exit, exits, failures } = session({ KIOSK_RUNTIME_DIR: missing });
    exit(LEAVE_KIOSK_EXIT_CODE);
    expect(exits).toEqual([78]);
    expect(failures.map((f) => f.file)).toEqual([path.join(missing, LEAVE_REQUEST_FILE)]);
  });
});
