import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/clock';
import { LEAVE_KIOSK_EXIT_CODE, RESTART_EXIT_CODE } from '../backend/maintenance/exit-codes';
import { LEAVE_REQUEST_FILE } from '../backend/maintenance/leave-request';
import type { BackendEndpoint } from './app-request-handler';
import {
  API_WAIT_FOR_READY_MS,
  BackendSupervisor,
  leaveKioskOnBackendExit,
  makeEndpoint,
  READY_TIMEOUT_MS,
  STOP_TIMEOUT_MS,
  type BackendChild,
} from './backend-supervisor';
import { STABLE_AFTER_MS } from './backoff';
import type { LogFields } from './log';

class FakeChild implements BackendChild {
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  killed = false;
  private exitListeners: ((code: number) => void)[] = [];
  private messageListeners: ((message: unknown) => void)[] = [];

  constructor(readonly endpoint: BackendEndpoint) {}
  onExit(listener: (code: number) => void): void {
    this.exitListeners.push(listener);
  }
  onMessage(listener: (message: unknown) => void): void {
    this.messageListeners.push(listener);
  }
  kill(): void {
    this.killed = true;
  }
  exit(code: number): void {
    for (const l of this.exitListeners) l(code);
  }
  post(message: unknown): void {
    for (const l of this.messageListeners) l(message);
  }
}

const streamsSettle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function setup(quit?: { codes: number[]; requested: number[] }) {
  const clock = new ManualClock();
  const children: FakeChild[] = [];
  const events: { event: string; fields: LogFields | undefined }[] = [];
  let n = 0;
  const supervisor = new BackendSupervisor({
    clock,
    log: (_level, event, fields) => events.push({ event, fields }),
    newEndpoint: () => ({ socketPath: `/tmp/k/api-${++n}.sock`, secret: `secret-${n}` }),
    spawn: (endpoint) => {
      const child = new FakeChild(endpoint);
      children.push(child);
      return child;
    },
    ...(quit
      ? { quitOnExitCodes: quit.codes, onQuitRequested: (code: number) => quit.requested.push(code) }
      : {}),
  });
  const last = (): FakeChild => {
    const child = children.at(-1);
    if (!child) throw new Error('no child spawned');
    return child;
  };
  return { clock, children, events, supervisor, last };
}

describe('BackendSupervisor', () => {
  it('ends the app instead of restarting when the backend asks to leave kiosk mode', async () => {
    const quit = { codes: [78], requested: [] as number[] };
    const { supervisor, clock, children } = setup(quit);
    supervisor.start();
    children.at(-1)?.exit(75);
    await clock.advance(1_000);
    expect(children).toHaveLength(2);
    children.at(-1)?.exit(78);
    expect(quit.requested).toEqual([78]);
    expect(supervisor.state).toBe('stopped');
    await clock.advance(60_000);
    expect(children).toHaveLength(2);
  });

  it('hands out the endpoint once the backend posts ready', async () => {
    const { supervisor, last } = setup();
    supervisor.start();
    expect(supervisor.state).toBe('starting');
    const pending = supervisor.endpoint();
    last().post({ type: 'ready' });
    await expect(pending).resolves.toEqual({ socketPath: '/tmp/k/api-1.sock', secret: 'secret-1' });
    expect(supervisor.state).toBe('ready');
    await expect(supervisor.endpoint()).resolves.toEqual(last().endpoint);
  });

  it('also accepts the ready line on stdout and logs other lines', async () => {
    const { supervisor, last, events } = setup();
    supervisor.start();
    last().stdout.write('{"msg":"opening store"}\nKIOSK_BACKEND_READY\n');
    await streamsSettle();
    expect(supervisor.state).toBe('ready');
    expect(events).toContainEqual({
      event: 'shell.backend.output',
      fields: { stream: 'stdout', line: '{"msg":"opening store"}' },
    });
  });

  it('ignores messages that are not the ready signal', () => {
    const { supervisor, last } = setup();
    supervisor.start();
    last().post('ready');
    last().post({ type: 'status' });
    last().post(null);
    expect(supervisor.state).toBe('starting');
  });

  it('answers null at once while the backend is down and restarts it with growing delays', async () => {
    const { supervisor, clock, children, events } = setup();
    supervisor.start();
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      children.at(-1)?.exit(1);
      expect(supervisor.state).toBe('waiting');
      await expect(supervisor.endpoint()).resolves.toBeNull();
      const scheduled = events.filter((e) => e.event === 'shell.backend.restart-scheduled').at(-1);
      delays.push(Number(scheduled?.fields?.delayMs));
      const before = children.length;
      await clock.advance(delays.at(-1)! - 1);
      expect(children.length).toBe(before);
      await clock.advance(1);
      expect(children.length).toBe(before + 1);
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    // Every start gets its own socket and secret.
    expect(new Set(children.map((c) => c.endpoint.socketPath)).size).toBe(children.length);
    expect(new Set(children.map((c) => c.endpoint.secret)).size).toBe(children.length);
  });

  it('goes back to the short delay after a stable period', async () => {
    const { supervisor, clock, children, events } = setup();
    supervisor.start();
    children.at(-1)?.exit(1);
    await clock.advance(1_000);
    children.at(-1)?.exit(1);
    await clock.advance(2_000);
    children.at(-1)?.post({ type: 'ready' });
    await clock.advance(STABLE_AFTER_MS);
    children.at(-1)?.exit(1);
    const scheduled = events.filter((e) => e.event === 'shell.backend.restart-scheduled').at(-1);
    expect(scheduled?.fields?.delayMs).toBe(1_000);
  });

  it('does not count a crash soon after ready as stable', async () => {
    const { supervisor, clock, children, events } = setup();
    supervisor.start();
    children.at(-1)?.exit(1);
    await clock.advance(1_000);
    children.at(-1)?.post({ type: 'ready' });
    await clock.advance(STABLE_AFTER_MS - 1);
    children.at(-1)?.exit(1);
    const scheduled = events.filter((e) => e.event === 'shell.backend.restart-scheduled').at(-1);
    expect(scheduled?.fields?.delayMs).toBe(2_000);
  });

  it('kills a backend that never says ready, then restarts it', async () => {
    const { supervisor, clock, last, children } = setup();
    supervisor.start();
    await clock.advance(READY_TIMEOUT_MS - 1);
    expect(last().killed).toBe(false);
    await clock.advance(1);
    expect(last().killed).toBe(true);
    last().exit(0);
    await clock.advance(1_000);
    expect(children).toHaveLength(2);
  });

  it('lets a request wait a bounded time for a starting backend', async () => {
    const { supervisor, clock } = setup();
    supervisor.start();
    const pending = supervisor.endpoint();
    await clock.advance(API_WAIT_FOR_READY_MS);
    await expect(pending).resolves.toBeNull();
  });

  it('releases waiting requests when the starting backend dies', async () => {
    const { supervisor, last } = setup();
    supervisor.start();
    const pending = supervisor.endpoint();
    last().exit(1);
    await expect(pending).resolves.toBeNull();
  });

  it('ignores a late ready from a process it already gave up on', async () => {
    const { supervisor, clock, children } = setup();
    supervisor.start();
    const first = children[0]!;
    first.exit(1);
    await clock.advance(1_000);
    first.post({ type: 'ready' });
    expect(supervisor.state).toBe('starting');
  });

  it('stops for good: kills the backend, waits for it and never restarts', async () => {
    const { supervisor, clock, last, children } = setup();
    supervisor.start();
    last().post({ type: 'ready' });
    let stopped = false;
    const stopping = supervisor.stop().then(() => (stopped = true));
    expect(last().killed).toBe(true);
    await clock.advance(10);
    expect(stopped).toBe(false);
    last().exit(0);
    await stopping;
    await clock.advance(60_000);
    expect(children).toHaveLength(1);
    expect(supervisor.state).toBe('stopped');
  });

  it('does not wait forever for a backend that ignores the kill', async () => {
    const { supervisor, clock } = setup();
    supervisor.start();
    let stopped = false;
    void supervisor.stop().then(() => (stopped = true));
    await clock.advance(STOP_TIMEOUT_MS);
    expect(stopped).toBe(true);
  });

  it('restarts when spawning itself throws', async () => {
    const clock = new ManualClock();
    let calls = 0;
    const supervisor = new BackendSupervisor({
      clock,
      log: () => {},
      newEndpoint: () => ({ socketPath: '/tmp/x.sock', secret: 's' }),
      spawn: (endpoint) => {
        calls += 1;
        if (calls === 1) throw new Error('entry missing');
        return new FakeChild(endpoint);
      },
    });
    supervisor.start();
    expect(supervisor.state).toBe('waiting');
    await clock.advance(1_000);
    expect(calls).toBe(2);
    expect(supervisor.state).toBe('starting');
  });
});

describe('leaveKioskOnBackendExit', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function shell(env: Record<string, string>) {
    const clock = new ManualClock();
    const children: FakeChild[] = [];
    const appExits: number[] = [];
    const events: { event: string; fields: LogFields | undefined }[] = [];
    const log = (_level: string, event: string, fields?: LogFields) => events.push({ event, fields });
    let n = 0;
    const supervisor = new BackendSupervisor({
      clock,
      log,
      newEndpoint: () => ({ socketPath: `/tmp/k/api-${++n}.sock`, secret: `secret-${n}` }),
      spawn: (endpoint) => {
        const child = new FakeChild(endpoint);
        children.push(child);
        return child;
      },
      ...leaveKioskOnBackendExit({
        env,
        now: () => clock.now(),
        log,
        exitApp: (code) => appExits.push(code),
      }),
    });
    supervisor.start();
    return { clock, children, appExits, events, supervisor };
  }

  const runtimeDir = (): string => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-run-'));
    dirs.push(dir);
    return dir;
  };

  it('restarts the backend on 75 and writes no request, so the session stays in kiosk mode', async () => {
    const dir = runtimeDir();
    const { clock, children, appExits } = shell({ KIOSK_RUNTIME_DIR: dir });
    children.at(-1)?.exit(RESTART_EXIT_CODE);
    await clock.advance(1_000);
    expect(children).toHaveLength(2);
    expect(appExits).toEqual([]);
    expect(existsSync(path.join(dir, LEAVE_REQUEST_FILE))).toBe(false);
  });

  it('on 78 writes the request for the session wrapper and ends the app with 78, never restarting', async () => {
    const dir = runtimeDir();
    const { clock, children, appExits, supervisor } = shell({ KIOSK_RUNTIME_DIR: dir });
    children.at(-1)?.exit(LEAVE_KIOSK_EXIT_CODE);
    expect(appExits).toEqual([78]);
    expect(readFileSync(path.join(dir, LEAVE_REQUEST_FILE), 'utf8')).toContain('leave kiosk mode');
    expect(supervisor.state).toBe('stopped');
    await clock.advance(60_000);
    expect(children).toHaveLength(1);
  });

  it('still ends the app with 78 when the request cannot be written, and logs why', () => {
    const missing = path.join(runtimeDir(), 'gone');
    const { children, appExits, events } = shell({ KIOSK_RUNTIME_DIR: missing });
    children.at(-1)?.exit(LEAVE_KIOSK_EXIT_CODE);
    expect(appExits).toEqual([78]);
    const failed = events.find((e) => e.event === 'shell.leave-request-failed');
    expect(String(failed?.fields?.detail)).toContain(`${missing}/${LEAVE_REQUEST_FILE} (ENOENT)`);
  });

  it('ends the app with 78 without a request where there is no runtime folder (Windows)', () => {
    const { children, appExits, events } = shell({});
    children.at(-1)?.exit(LEAVE_KIOSK_EXIT_CODE);
    expect(appExits).toEqual([78]);
    expect(events.some((e) => e.event === 'shell.leave-request-failed')).toBe(false);
  });
});

describe('makeEndpoint', () => {
  it('puts a short Unix socket in the private directory', () => {
    const endpoint = makeEndpoint('linux', '/tmp/kiosk-Ab12Cd', 3);
    expect(endpoint.socketPath).toBe(path.join('/tmp/kiosk-Ab12Cd', 'api-3.sock'));
    expect(endpoint.secret).toMatch(/^[0-9a-f]{64}$/);
  });

  it('uses an unguessable named pipe on Windows', () => {
    const a = makeEndpoint('win32', '', 1);
    const b = makeEndpoint('win32', '', 1);
    expect(a.socketPath).toMatch(/^\\\\\.\\pipe\\kiosk-[0-9a-f]{32}$/);
    expect(a.socketPath).not.toBe(b.socketPath);
    expect(a.secret).not.toBe(b.secret);
  });
});
