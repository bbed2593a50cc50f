/**
 * Keeps the kiosk backend process running: starts it with a fresh socket and secret, waits for its
 * ready signal, and restarts it with exponential backoff when it exits. No electron import: the
 * process is created by an injected `spawn` (utilityProcess.fork in the shell, a fake in tests) and
 * time comes from an injected Clock, so restart behaviour is tested without sleeping.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Clock, TimerHandle } from '../../domain/clock';
import { LEAVE_KIOSK_EXIT_CODE } from '../backend/maintenance/exit-codes';
import { exitTheSession, type Env } from '../backend/maintenance/leave-request';
import type { BackendEndpoint } from './app-request-handler';
import { backoff, STABLE_AFTER_MS } from './backoff';
import type { Log } from './log';

/** The stdout line a backend may print instead of posting { type: 'ready' }. */
export const READY_LINE = 'KIOSK_BACKEND_READY';
/**
 * A backend that has not said ready by then is stuck (a device open that never returns, a migration
 * gone wrong): kill it and let the backoff take over rather than showing a dead screen forever.
 */
export const READY_TIMEOUT_MS = 30_000;
/** How long an /api request waits for a backend that is starting before it gets a 503. */
export const API_WAIT_FOR_READY_MS = 10_000;
/** How long stop() waits for the backend to exit after being asked to. */
export const STOP_TIMEOUT_MS = 5_000;

/** The slice of a backend process the supervisor uses; main.ts adapts Electron's UtilityProcess. */
export interface BackendChild {
  onExit(listener: (code: number) => void): void;
  onMessage(listener: (message: unknown) => void): void;
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
  kill(): void;
}

export interface SupervisorOptions {
  /** Starts one backend process that listens on `endpoint`. */
  readonly spawn: (endpoint: BackendEndpoint) => BackendChild;
  /** A new, unused endpoint for every start, so a restart never collides with a stale socket file. */
  readonly newEndpoint: () => BackendEndpoint;
  readonly clock: Clock;
  readonly log: Log;
  /**
   * Exit codes by which the backend asks the whole app to end rather than be restarted (the
   * maintenance screen's "leave kiosk mode" for OS maintenance), and who to tell.
   */
  readonly quitOnExitCodes?: readonly number[];
  readonly onQuitRequested?: (code: number) => void;
}

export type SupervisorState = 'stopped' | 'starting' | 'ready' | 'waiting';

interface Running {
  readonly child: BackendChild;
  readonly endpoint: BackendEndpoint;
  readonly startedAt: number;
  readyAt: number | null;
  readyTimer: TimerHandle | null;
}

function isReadyMessage(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'ready';
}

/**
 * A fresh endpoint: a Unix socket in `dir` (a private 0700 directory made by the shell) or a named
 * pipe with an unguessable name on Windows.
 */
export function makeEndpoint(platform: NodeJS.Platform, dir: string, sequence: number): BackendEndpoint {
  const secret = randomBytes(32).toString('hex');
  if (platform === 'win32') {
    return { socketPath: `\\\\.\\pipe\\kiosk-${randomBytes(16).toString('hex')}`, secret };
  }
  // Socket paths are limited to about 100 bytes: keep the name short, the directory comes from tmpdir.
  return { socketPath: path.join(dir, `api-${sequence}.sock`), secret };
}

/**
 * How the shell answers a backend that leaves kiosk mode (exit 78): the whole app ends with 78 rather
 * than the backend being restarted (75 and crashes still restart it). The shell writes the request
 * the session wrapper reads as well: the backend normally has already, and writing it twice is
 * harmless, but a backend that died before writing it must not leave the kiosk stuck in kiosk mode.
 */
export function leaveKioskOnBackendExit(options: {
  readonly env: Env;
  readonly now: () => number;
  readonly log: Log;
  /** Ends the app with this code (Electron's app.exit). */
  readonly exitApp: (code: number) => void;
}): Pick<SupervisorOptions, 'quitOnExitCodes' | 'onQuitRequested'> {
  return {
    quitOnExitCodes: [LEAVE_KIOSK_EXIT_CODE],
    onQuitRequested: (code) =>
      exitTheSession(code, {
        env: options.env,
        now: options.now,
        exit: options.exitApp,
        onRequestFailed: (err) => options.log('error', 'shell.leave-request-failed', { detail: err.message }),
      }),
  };
}

export class BackendSupervisor {
  private stateValue: SupervisorState = 'stopped';
  private running: Running | null = null;
  private attempt = 0;
  private restartTimer: TimerHandle | null = null;
  private readyWaiters = new Set<(endpoint: BackendEndpoint | null) => void>();
  private exitWaiters = new Set<() => void>();

  constructor(private readonly options: SupervisorOptions) {}

  get state(): SupervisorState {
    return this.stateValue;
  }

  start(): void {
    if (this.stateValue !== 'stopped') return;
    this.attempt = 0;
    this.spawnNow();
  }

  /**
   * The endpoint to forward /api to. Waits a bounded time while the backend is starting; null while
   * it is down, so the renderer is told at once instead of hanging through a 30 s backoff.
   */
  endpoint(waitMs = API_WAIT_FOR_READY_MS): Promise<BackendEndpoint | null> {
    if (this.stateValue === 'ready' && this.running) return Promise.resolve(this.running.endpoint);
    if (this.stateValue !== 'starting') return Promise.resolve(null);
    return new Promise((resolve) => {
      const waiter = (endpoint: BackendEndpoint | null): void => {
        this.options.clock.clearTimeout(timer);
        this.readyWaiters.delete(waiter);
        resolve(endpoint);
      };
      const timer = this.options.clock.setTimeout(() => waiter(null), waitMs);
      this.readyWaiters.add(waiter);
    });
  }

  /** Stops the backend for good (app quit). Resolves when it has exited or after STOP_TIMEOUT_MS. */
  stop(): Promise<void> {
    this.stateValue = 'stopped';
    if (this.restartTimer) this.options.clock.clearTimeout(this.restartTimer);
    this.restartTimer = null;
    this.settleWaiters(null);
    const running = this.running;
    if (!running) return Promise.resolve();
    if (running.readyTimer) this.options.clock.clearTimeout(running.readyTimer);
    return new Promise((resolve) => {
      const done = (): void => {
        this.options.clock.clearTimeout(timer);
        this.exitWaiters.delete(done);
        resolve();
      };
      const timer = this.options.clock.setTimeout(done, STOP_TIMEOUT_MS);
      this.exitWaiters.add(done);
      running.child.kill();
    });
  }

  private spawnNow(): void {
    this.restartTimer = null;
    const endpoint = this.options.newEndpoint();
    let child: BackendChild;
    try {
      child = this.options.spawn(endpoint);
    } catch (err) {
      this.options.log('error', 'shell.backend.exited', { code: null, detail: (err as Error).message });
      this.scheduleRestart(false);
      return;
    }
    const running: Running = {
      child,
      endpoint,
      startedAt: this.options.clock.now(),
      readyAt: null,
      readyTimer: null,
    };
    this.running = running;
    this.stateValue = 'starting';
    this.options.log('info', 'shell.backend.spawned', { attempt: this.attempt });

    running.readyTimer = this.options.clock.setTimeout(() => {
      running.readyTimer = null;
      if (this.running !== running || running.readyAt !== null) return;
      this.options.log('error', 'shell.backend.ready-timeout', { timeoutMs: READY_TIMEOUT_MS });
      child.kill();
    }, READY_TIMEOUT_MS);

    child.onMessage((message) => {
      if (isReadyMessage(message)) this.markReady(running);
    });
    this.pipeLines(running, child.stdout, 'stdout');
    this.pipeLines(running, child.stderr, 'stderr');
    child.onExit((code) => this.handleExit(running, code));
  }

  private pipeLines(running: Running, stream: NodeJS.ReadableStream | null, name: 'stdout' | 'stderr'): void {
    if (!stream) return;
    const lines = createInterface({ input: stream, crlfDelay: Infinity });
    lines.on('line', (line) => {
      if (name === 'stdout' && line.trim() === READY_LINE) {
        this.markReady(running);
        return;
      }
      this.options.log('info', 'shell.backend.output', { stream: name, line });
    });
  }

  private markReady(running: Running): void {
    if (this.running !== running || running.readyAt !== null || this.stateValue !== 'starting') return;
    running.readyAt = this.options.clock.now();
    if (running.readyTimer) this.options.clock.clearTimeout(running.readyTimer);
    running.readyTimer = null;
    this.stateValue = 'ready';
    this.options.log('info', 'shell.backend.ready', { startMs: running.readyAt - running.startedAt });
    this.settleWaiters(running.endpoint);
  }

  private handleExit(running: Running, code: number): void {
    if (this.running !== running) return;
    this.running = null;
    if (running.readyTimer) this.options.clock.clearTimeout(running.readyTimer);
    const now = this.options.clock.now();
    for (const done of [...this.exitWaiters]) done();
    if (this.stateValue === 'stopped') {
      this.options.log('info', 'shell.backend.exited', { code, uptimeMs: now - running.startedAt });
      return;
    }
    if (this.options.quitOnExitCodes?.includes(code)) {
      this.stateValue = 'stopped';
      this.options.log('info', 'shell.backend.quit-requested', { code });
      this.settleWaiters(null);
      this.options.onQuitRequested?.(code);
      return;
    }
    this.options.log('error', 'shell.backend.exited', { code, uptimeMs: now - running.startedAt });
    this.settleWaiters(null);
    const stable = running.readyAt !== null && now - running.readyAt >= STABLE_AFTER_MS;
    this.scheduleRestart(stable);
  }

  private scheduleRestart(stable: boolean): void {
    if (stable) this.attempt = 0;
    const delayMs = backoff(this.attempt);
    this.attempt += 1;
    this.stateValue = 'waiting';
    this.options.log('warn', 'shell.backend.restart-scheduled', { delayMs, attempt: this.attempt });
    this.restartTimer = this.options.clock.setTimeout(() => this.spawnNow(), delayMs);
  }

  private settleWaiters(endpoint: BackendEndpoint | null): void {
    for (const waiter of [...this.readyWaiters]) waiter(endpoint);
  }
}
