import Fastify, { type FastifyInstance } from 'fastify';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, systemClock, type Clock } from '../../../domain/clock';
import { sampleIdentity } from '../../../drivers/id-card-reader/simulated-sdt-device';
import { previousPathOf } from '../../../kiosk-config/config-file';
import { parseConfig } from '../../../kiosk-config/load-config';
import { startKiosk, type Kiosk } from '../kiosk';
import { createTestLogger } from '../logging/logger';
import type { ConfigEditorIo } from './config-editor';
import { MAINTENANCE_TOKEN_HEADER } from './contract';
import { AuditLog } from './audit-log';
import { LEAVE_KIOSK_EXIT_CODE, RESTART_EXIT_CODE } from './exit-codes';
import type { PinVerifier } from './maintenance-auth';
import { hashPin, verifyPin } from './pin-hash';
import { registerMaintenanceRoutes } from './routes';

const PIN = '135790';
// The schema's floor (N = 2^14, r = 8): the cheapest hash a configuration may carry.
const pinHash = await hashPin(PIN, { N: 2 ** 14, r: 8, p: 1 });

let kiosk: Kiosk | undefined;
let app: FastifyInstance | undefined;

afterEach(async () => {
  await app?.close();
  await kiosk?.close();
  app = undefined;
  kiosk = undefined;
});

async function start(
  opts: {
    clock?: Clock;
    file?: Record<string, unknown>;
    logFile?: boolean;
    verifyPin?: PinVerifier;
    configIo?: ConfigEditorIo;
    /** Headers added on the way out, as the browser host adds its security headers. */
    onSend?: boolean;
  } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-maint-'));
  const configPath = join(dir, 'kiosk.json');
  const fileContent = {
    dataDir: join(dir, 'data'),
    store: { keyFile: join(dir, 'keys', 'store.key') },
    maintenance: { pinHash, idleExitSeconds: 60 },
    ...opts.file,
  };
  writeFileSync(configPath, JSON.stringify(fileContent, null, 2));
  const logFile = join(dir, 'logs', 'kiosk.log');
  const memory = createTestLogger();
  const logger = opts.logFile ? createTestLogger({ file: { path: logFile } }) : memory;
  kiosk = await startKiosk(parseConfig(fileContent), { clock: opts.clock ?? systemClock, logger });
  const exits: number[] = [];
  const routes: { method: string; url: string }[] = [];
  app = Fastify();
  if (opts.onSend) {
    app.addHook('onSend', async (_request, reply, payload) => {
      reply.header('x-content-type-options', 'nosniff');
      return payload;
    });
  }
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) if (m !== 'HEAD') routes.push({ method: m, url: r.url });
  });
  registerMaintenanceRoutes(app, kiosk, {
    configPath,
    logFile,
    exit: (c) => exits.push(c),
    ...(opts.verifyPin ? { verifyPin: opts.verifyPin } : {}),
    ...(opts.configIo ? { configIo: opts.configIo } : {}),
  });
  await app.ready();
  const a = app;
  const login = async (pin = PIN) =>
    a.inject({ method: 'POST', url: '/api/maintenance/login', payload: { pin } });
  const token = async () => (await login()).json().token as string;
  const call = (method: 'GET' | 'POST', url: string, tok: string, payload?: unknown) =>
    a.inject({ method, url, headers: { [MAINTENANCE_TOKEN_HEADER]: tok }, ...(payload ? { payload } : {}) });
  return { kiosk, app: a, configPath, logFile, memory, exits, routes, login, token, call };
}

describe('/api/maintenance', () => {
  it('answers nothing but login without a maintenance session', async () => {
    const { app, routes, token } = await start();
    expect(routes.length).toBeGreaterThan(15);
    for (const r of routes) {
      // Asked before a session exists; pin-status says only whether a PIN is set.
      if (r.url === '/api/maintenance/login' || r.url === '/api/maintenance/pin-status') continue;
      const url = r.url.replace(':id', '1');
      const none = await app.inject({ method: r.method as 'GET', url });
      expect(none.statusCode, `${r.method} ${url}`).toBe(401);
      expect(none.json().error.code).toBe('maintenance-required');
      const forged = await app.inject({
        method: r.method as 'GET',
        url,
        headers: { [MAINTENANCE_TOKEN_HEADER]: 'f'.repeat(64) },
      });
      expect(forged.statusCode, `${r.method} ${url} forged`).toBe(401);
    }
    const ok = await app.inject({
      method: 'GET',
      url: '/api/maintenance/overview',
      headers: { [MAINTENANCE_TOKEN_HEADER]: await token() },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ ok: true, terminalId: 'KIOSK-DEV-001', simulated: true });
    expect(ok.json().devices.map((d: { name: string }) => d.name)).toEqual([
      'idCardReader',
      'receiptPrinter',
    ]);
  });

  it('locks the PIN entry after 5 wrong PINs and audits each try', async () => {
    const clock = new ManualClock(Date.now());
    const { login, call, token } = await start({ clock });
    for (let left = 4; left >= 1; left--) {
      const r = await login('000000');
      expect(r.statusCode).toBe(401);
      expect(r.json().error).toEqual({ code: 'wrong-pin', attemptsLeft: left });
    }
    const locked = await login('000000');
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.retryAt).toBe(new Date(clock.now() + 30_000).toISOString());
    expect((await login()).statusCode).toBe(423);
    await clock.advance(30_000);
    const tok = await token();
    const audit = (await call('GET', '/api/maintenance/audit', tok)).json().entries as {
      action: string;
      result: string;
    }[];
    expect(audit.filter((e) => e.action === 'enter').map((e) => e.result)).toEqual([
      'ok',
      'refused',
      'refused',
      'refused',
      'refused',
      'refused',
      'refused',
    ]);
  });

  it('checks at most 5 PINs of 40 wrong ones sent at once; the right one after them is refused unchecked', async () => {
    const clock = new ManualClock(Date.now());
    // Checks wait for the test to let them finish: the burst is provably still being checked.
    let checks = 0;
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const gated: PinVerifier = async (pin, stored) => {
      checks++;
      await released;
      return verifyPin(pin, stored);
    };
    const { app, login, call, token } = await start({ clock, verifyPin: gated });
    const answered: number[] = [];
    const burst = Array.from({ length: 40 }, (_, i) =>
      app
        .inject({
          method: 'POST',
          url: '/api/maintenance/login',
          payload: { pin: String(100000 + i), staffId: 'attacker-1' },
        })
        .then((r) => {
          answered.push(r.statusCode);
          return r;
        }),
    );
    // 35 are refused at once, without a check, while 5 wait for theirs.
    await expect.poll(() => answered.length).toBe(35);
    expect(answered.every((c) => c === 423)).toBe(true);
    const right = await login();
    expect(right.statusCode).toBe(423);
    expect(right.json().error).toEqual({
      code: 'locked',
      retryAt: new Date(clock.now() + 30_000).toISOString(),
    });
    release();
    const results = await Promise.all(burst);
    expect(checks).toBe(5);
    expect(results.filter((r) => r.statusCode === 401)).toHaveLength(4);
    expect(results.filter((r) => r.statusCode === 423)).toHaveLength(36);
    // The lock holds for the right PIN until it expires.
    expect((await login()).statusCode).toBe(423);
    expect(checks).toBe(5);
    await clock.advance(30_000);
    const tok = await token();
    expect(checks).toBe(6);
    const audit = (await call('GET', '/api/maintenance/audit', tok)).json().entries as {
      action: string;
      result: string;
      detail: string | null;
      staff: string | null;
    }[];
    const refused = audit.filter((e) => e.action === 'enter' && e.result === 'refused');
    // Every refused attempt is in the audit log, with who typed it and whether its PIN was checked.
    expect(refused).toHaveLength(42);
    expect(refused.filter((e) => e.staff === 'attacker-1')).toHaveLength(40);
    expect(refused.filter((e) => e.detail?.startsWith('wrong PIN'))).toHaveLength(5);
    expect(refused.filter((e) => e.detail?.endsWith('PIN not checked'))).toHaveLength(37);
    expect(audit[0]).toMatchObject({ action: 'enter', result: 'ok', staff: 'unknown' });
  });

  it('audits a login that takes over an open session, with the staff id given', async () => {
    const { app, call, token } = await start();
    const first = await token();
    const second = await app.inject({
      method: 'POST',
      url: '/api/maintenance/login',
      payload: { pin: PIN, staffId: 'ZJ-0042' },
    });
    expect(second.statusCode).toBe(200);
    const tok = second.json().token as string;
    expect((await call('GET', '/api/maintenance/sync', first)).statusCode).toBe(401);
    const audit = (await call('GET', '/api/maintenance/audit', tok)).json().entries as {
      action: string;
      result: string;
      staff: string | null;
    }[];
    // Newest first; the refused request with the replaced token is not an action (401s are not).
    expect(audit.slice(0, 3).map((e) => [e.action, e.result, e.staff])).toEqual([
      ['enter', 'ok', 'ZJ-0042'],
      ['session.taken-over', 'ok', 'ZJ-0042'],
      ['enter', 'ok', 'unknown'],
    ]);
    expect(audit.filter((e) => e.action === 'session.taken-over')).toHaveLength(1);
  });

  it('closes the session after the idle time and audits the exit', async () => {
    const clock = new ManualClock(Date.now());
    const { call, token } = await start({ clock });
    const tok = await token();
    await clock.advance(59_000);
    expect((await call('GET', '/api/maintenance/sync', tok)).statusCode).toBe(200);
    await clock.advance(59_000);
    expect((await call('POST', '/api/maintenance/touch', tok)).statusCode).toBe(200);
    await clock.advance(60_000);
    expect((await call('GET', '/api/maintenance/sync', tok)).statusCode).toBe(401);
    const fresh = await token();
    const audit = (await call('GET', '/api/maintenance/audit', fresh)).json().entries as {
      action: string;
      detail: string;
    }[];
    expect(audit).toContainEqual(expect.objectContaining({ action: 'exit', detail: 'idle' }));
    expect(audit).toContainEqual(expect.objectContaining({ action: 'GET sync' }));
    expect(audit.map((e) => e.action)).not.toContain('POST touch');
  });

  it('stops the idle timer of an open session when the host closes', async () => {
    const clock = new ManualClock(Date.now());
    const started = await start({ clock });
    await started.token();
    expect(clock.pendingTimers).toBeGreaterThan(0);
    const before = clock.pendingTimers;
    await started.app.close();
    app = undefined;
    expect(clock.pendingTimers).toBe(before - 1);
    await started.kiosk.close();
    kiosk = undefined;
    // Nothing left to fire into the closed store.
    await expect(clock.advance(120_000)).resolves.toBeUndefined();
  });

  it('validates a config edit, shows the diff, writes atomically and rolls back', async () => {
    const { call, token, configPath } = await start({
      file: { central: { deviceToken: 'secret-token-0123456789' } },
    });
    const tok = await token();
    const view = (await call('GET', '/api/maintenance/config', tok)).json();
    expect(view.text).not.toContain('secret-token');
    expect(view.text).not.toContain('scrypt$');
    const edited = JSON.parse(view.text as string) as Record<string, unknown>;

    const bad = await call('POST', '/api/maintenance/config/check', tok, {
      text: JSON.stringify({ ...edited, devices: { receiptPrinter: { paperWidthMm: 70 } } }),
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.detail).toContain(
      'devices.receiptPrinter.paperWidthMm: got 70, expected a paper width of 58 or 80',
    );
    const refused = await call('POST', '/api/maintenance/config/apply', tok, {
      text: JSON.stringify({ ...edited, devices: { receiptPrinter: { paperWidthMm: 70 } } }),
    });
    expect(refused.statusCode).toBe(422);
    expect(existsSync(previousPathOf(configPath))).toBe(false);
    expect(
      (await call('POST', '/api/maintenance/config/check', tok, { text: '{"terminalId":' })).json().error
        .detail,
    ).toMatch(/not valid JSON/);

    const good = JSON.stringify({ ...edited, terminalId: 'KIOSK-SC-017' });
    const diff = (await call('POST', '/api/maintenance/config/check', tok, { text: good })).json();
    expect(diff.changes).toEqual([{ path: 'terminalId', after: 'KIOSK-SC-017' }]);
    const applied = await call('POST', '/api/maintenance/config/apply', tok, { text: good });
    expect(applied.json()).toMatchObject({ ok: true, restartNeeded: true });
    const written = JSON.parse(readFileSync(configPath, 'utf8'));
    expect(written.terminalId).toBe('KIOSK-SC-017');
    // The redacted secrets went back in, untouched.
    expect(written.central.deviceToken).toBe('secret-token-0123456789');
    expect(written.maintenance.pinHash).toBe(pinHash);

    const back = await call('POST', '/api/maintenance/config/rollback', tok);
    expect(back.json().changes).toEqual([{ path: 'terminalId', before: 'KIOSK-SC-017' }]);
    expect(JSON.parse(readFileSync(configPath, 'utf8')).terminalId).toBeUndefined();
  });

  it('sends a refusal and the export once, as written, behind a host that adds headers on the way out', async () => {
    const { call, login, token } = await start({ onSend: true });
    const wrong = await login('000000');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['x-content-type-options']).toBe('nosniff');
    expect(wrong.json()).toEqual({ ok: false, error: { code: 'wrong-pin', attemptsLeft: 4 } });
    const tok = await token();
    const exported = await call('GET', '/api/maintenance/outbox/export', tok);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toContain('attachment');
    const file = exported.json<Record<string, unknown>>();
    expect(file).toMatchObject({ terminalId: 'KIOSK-DEV-001', deadLetters: 0 });
    expect(file).not.toHaveProperty('ok');
  });

  it('lists dead letters without personal data, retries one, exports them', async () => {
    const { kiosk, call, token } = await start();
    const now = Date.now();
    const queued = kiosk.outbox.enqueue('unknown-kind:1', () => ({ citizenRef: 'ab'.repeat(32) }), now, {
      idNumber: '11010519491231002X',
    });
    await kiosk.delivery.deliver(queued.id);
    expect(kiosk.outbox.get(queued.id)?.state).toBe('rejected');
    const tok = await token();
    const outbox = (await call('GET', '/api/maintenance/outbox', tok)).json();
    expect(outbox).toMatchObject({
      deadLetters: 1,
      reasons: [{ reason: 'no handler for unknown-kind', count: 1 }],
    });
    expect(outbox.letters[0]).toMatchObject({ id: queued.id, kind: 'unknown-kind', attempts: 1 });
    expect(outbox.samples.length).toBeGreaterThan(0);
    const exported = await call('GET', '/api/maintenance/outbox/export', tok);
    expect(exported.headers['content-disposition']).toContain('dead-letters-KIOSK-DEV-001.json');
    expect(exported.body).not.toContain('citizenRef');
    expect(exported.body).not.toContain('11010519491231002X');

    const retried = await call('POST', `/api/maintenance/outbox/${queued.id}/retry`, tok);
    expect(retried.json()).toEqual({ ok: true, state: 'rejected' });
    expect(kiosk.outbox.get(queued.id)?.attempts).toBe(2);
    const again = await call('POST', '/api/maintenance/outbox/99999/retry', tok);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('not-a-dead-letter');
  });

  it('runs the self-tests: status, a test page with Chinese and a QR code, a masked card read', async () => {
    const { kiosk, call, token } = await start();
    const tok = await token();
    const self = (await call('POST', '/api/maintenance/devices/self-test', tok)).json();
    expect(self.results.map((r: { device: string; ok: boolean }) => [r.device, r.ok])).toEqual([
      ['idCardReader', true],
      ['receiptPrinter', true],
    ]);
    const printed = (await call('POST', '/api/maintenance/devices/test-print', tok)).json();
    expect(printed).toMatchObject({ printed: true });
    const paper = kiosk.devices.simulatedPrinter!.paperLines();
    expect(paper).toContain('中文测试：政务服务自助终端，一窗受理。');
    expect(paper.some((l) => l.startsWith('[QR] KIOSK-SELFTEST:'))).toBe(true);

    const none = (await call('POST', '/api/maintenance/devices/test-card', tok)).json();
    expect(none).toMatchObject({ read: false, detail: 'no card on the reader' });
    kiosk.devices.simulatedCard!.placeCard(
      sampleIdentity({ name: '李四光', idNumber: '11010519491231002X' }),
    );
    const card = await call('POST', '/api/maintenance/devices/test-card', tok);
    expect(card.json().card).toEqual({
      cardType: 'resident',
      maskedName: '李**',
      maskedIdNumber: '110105********002X',
    });
    expect(card.body).not.toContain('李四光');

    const scan = await call('POST', '/api/maintenance/devices/test-scan', tok);
    expect(scan.statusCode).toBe(409);
    expect(scan.json().error.code).toBe('not-configured');

    kiosk.devices.simulatedPrinter!.setState('paper-out');
    const out = (await call('POST', '/api/maintenance/devices/test-print', tok)).json();
    expect(out).toMatchObject({ printed: false, detail: 'not printed: printer paper-out' });
    const overview = (await call('GET', '/api/maintenance/overview', tok)).json();
    expect(overview.devices[1]).toMatchObject({ name: 'receiptPrinter', status: { state: 'paper-out' } });
  });

  it('waits for a scan on the clock in the scan test', async () => {
    const clock = new ManualClock(Date.now());
    const { kiosk, call, token } = await start({
      clock,
      file: { devices: { qrScanner: { mode: 'serial' } } },
    });
    const tok = await token();
    // The request runs over several event-loop turns before it waits on the clock: let it get
    // there (setImmediate yields to I/O; it stands in for no time), acting until it answers.
    const until = async <T>(request: Promise<T>, act: () => Promise<void>): Promise<T> => {
      let settled = false;
      void request.finally(() => (settled = true));
      while (!settled) {
        await act();
        await new Promise((r) => setImmediate(r));
      }
      return request;
    };
    const sim = kiosk.devices.simulatedScanner as { scan(text: string): void };
    const scanned = await until(call('POST', '/api/maintenance/devices/test-scan', tok), async () => {
      sim.scan('HEALTH-CODE-123');
      await clock.advance(10);
    });
    expect(scanned.json()).toMatchObject({ scanned: true, length: 15 });
    expect(scanned.body).not.toContain('HEALTH-CODE');
    const timedOut = await until(call('POST', '/api/maintenance/devices/test-scan', tok), () =>
      clock.advance(1_000),
    );
    expect(timedOut.json()).toMatchObject({ scanned: false });
  });

  it('checks the network, shows sync and searches the log file by event', async () => {
    const { call, token } = await start({ logFile: true });
    const tok = await token();
    const net = (await call('POST', '/api/maintenance/network-check', tok)).json();
    expect(net).toMatchObject({ ok: true, reachable: true, status: 200 });
    const sync = (await call('GET', '/api/maintenance/sync', tok)).json();
    expect(sync).toMatchObject({ ok: true, online: true });
    const logs = (await call('GET', '/api/maintenance/logs?event=network.', tok)).json();
    expect(logs.lines[0]).toMatchObject({ event: 'network.check-ok', outcome: 'success' });
    expect(logs.events.length).toBeGreaterThan(30);
    const failures = (await call('GET', '/api/maintenance/logs?failuresOnly=true', tok)).json();
    expect(failures.lines.every((l: { outcome: string }) => l.outcome === 'failure')).toBe(true);
  });

  it('restarts with the restart exit code and leaves kiosk mode with its own', async () => {
    const { call, token, exits } = await start();
    expect((await call('POST', '/api/maintenance/restart', await token())).json()).toEqual({ ok: true });
    expect((await call('POST', '/api/maintenance/leave-kiosk', await token())).json()).toEqual({ ok: true });
    expect(exits).toEqual([RESTART_EXIT_CODE, LEAVE_KIOSK_EXIT_CODE]);
  });

  it('says when no PIN is set and how to set one, instead of counting wrong PINs', async () => {
    const { app, login, configPath } = await start({ file: { maintenance: {} } });
    const status = await app.inject({ method: 'GET', url: '/api/maintenance/pin-status' });
    expect(status.json()).toEqual({
      ok: true,
      pinSet: false,
      setPinCommand: `kiosk-config set-pin --config ${configPath}`,
    });
    for (let i = 0; i < 6; i++) {
      const r = await login();
      expect(r.statusCode).toBe(409);
      expect(r.json().error).toMatchObject({
        code: 'no-pin',
        setPinCommand: `kiosk-config set-pin --config ${configPath}`,
      });
      expect(r.json().error).not.toHaveProperty('attemptsLeft');
    }
  });

  it('tells a terminal with a PIN that there is one', async () => {
    const { app } = await start();
    const status = await app.inject({ method: 'GET', url: '/api/maintenance/pin-status' });
    expect(status.json()).toMatchObject({ ok: true, pinSet: true });
  });
});

describe('/api/maintenance outbox: refusals and discarded dead letters', () => {
  const deadLetter = (k: Kiosk, stream = 'unknown-kind:1') => {
    const now = Date.now();
    const queued = k.outbox.enqueue(stream, () => ({ category: 'A' }), now, {
      idNumber: '11010519491231002X',
    });
    k.outbox.reject(queued.id, 'HTTP 400 bad-request: body does not parse', null, now);
    return queued.id;
  };

  it("shows a central's refusal as refused, not as a dead letter, and offers no retry or discard", async () => {
    const { kiosk, call, token } = await start();
    const now = Date.now();
    const queued = kiosk.outbox.enqueue('ticket:A', () => ({ category: 'A' }), now);
    kiosk.outbox.reject(queued.id, 'HTTP 409 active-ticket-exists: already holds A012', null, now, 'refused');
    const tok = await token();
    const outbox = (await call('GET', '/api/maintenance/outbox', tok)).json();
    expect(outbox).toMatchObject({ deadLetters: 0, refused: 1, letters: [] });
    expect(outbox.refusals[0]).toMatchObject({ id: queued.id, kind: 'ticket' });
    const retried = await call('POST', `/api/maintenance/outbox/${queued.id}/retry`, tok);
    expect(retried.json().error.code).toBe('not-a-dead-letter');
    const discarded = await call('POST', `/api/maintenance/outbox/${queued.id}/discard`, tok, {
      reason: 'no need',
    });
    expect(discarded.statusCode).toBe(409);
    expect(discarded.json().error.code).toBe('not-a-dead-letter');
    expect(kiosk.outbox.get(queued.id)?.settledAs).toBe('refused');
  });

  it('discards a dead letter with a reason: audited by who, which item and kind, and its payload is gone', async () => {
    const { kiosk, app, call } = await start();
    const id = deadLetter(kiosk);
    const tok = (
      await app.inject({
        method: 'POST',
        url: '/api/maintenance/login',
        payload: { pin: PIN, staffId: 'zhang.wei' },
      })
    ).json().token as string;
    const r = await call('POST', `/api/maintenance/outbox/${id}/discard`, tok, {
      reason: '  中心已人工补录，无需重发  ',
    });
    expect(r.json()).toEqual({ ok: true, id, kind: 'unknown-kind' });
    expect(kiosk.outbox.get(id)).toMatchObject({ state: 'rejected', settledAs: 'discarded', payload: {} });
    expect(kiosk.outbox.openPersonal(id)).toBeUndefined();
    const outbox = (await call('GET', '/api/maintenance/outbox', tok)).json();
    expect(outbox).toMatchObject({ deadLetters: 0, discarded: 1, letters: [] });
    const line = new AuditLog(kiosk.db).list(10).find((e) => e.action === 'POST outbox/:id/discard');
    expect(line).toMatchObject({
      result: 'ok',
      staff: 'zhang.wei',
      detail: `item ${id} (unknown-kind) discarded: 中心已人工补录，无需重发`,
    });
    expect(JSON.stringify(line)).not.toContain('11010519491231002X');
  });

  it('keeps personal numbers typed into the reason out of the audit', async () => {
    const { kiosk, call, token } = await start();
    const id = deadLetter(kiosk);
    const tok = await token();
    await call('POST', `/api/maintenance/outbox/${id}/discard`, tok, {
      reason: '群众 11010519491231002X 电话 13812345678 已到窗口办理',
    });
    const line = new AuditLog(kiosk.db).list(10).find((e) => e.action === 'POST outbox/:id/discard');
    expect(line?.detail).toContain('[number removed]');
    expect(line?.detail).not.toContain('11010519491231002X');
    expect(line?.detail).not.toContain('13812345678');
  });

  it('refuses a discard without a reason, and keeps the dead letter as it was', async () => {
    const { kiosk, call, token } = await start();
    const id = deadLetter(kiosk);
    const tok = await token();
    for (const reason of ['', '   ']) {
      const r = await call('POST', `/api/maintenance/outbox/${id}/discard`, tok, { reason });
      expect(r.statusCode).toBe(400);
      expect(r.json().error).toMatchObject({ code: 'reason-required' });
    }
    const missing = await call('POST', `/api/maintenance/outbox/${id}/discard`, tok, {});
    expect(missing.statusCode).toBe(400);
    expect(kiosk.outbox.get(id)).toMatchObject({
      state: 'rejected',
      settledAs: null,
      payload: { category: 'A' },
    });
    expect(kiosk.outbox.openPersonal(id)).toEqual({ idNumber: '11010519491231002X' });
    expect((await call('GET', '/api/maintenance/outbox', tok)).json().deadLetters).toBe(1);
  });

  it('refuses the discard of an unknown id', async () => {
    const { call, token } = await start();
    const r = await call('POST', '/api/maintenance/outbox/99999/discard', await token(), { reason: 'gone' });
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('not-found');
  });

  it('of two discards of one dead letter at once, one succeeds and the other is refused', async () => {
    const { kiosk, call, token } = await start();
    const id = deadLetter(kiosk);
    const tok = await token();
    const answers = await Promise.all([
      call('POST', `/api/maintenance/outbox/${id}/discard`, tok, { reason: 'first' }),
      call('POST', `/api/maintenance/outbox/${id}/discard`, tok, { reason: 'second' }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const lines = new AuditLog(kiosk.db).list(10).filter((e) => e.action === 'POST outbox/:id/discard');
    expect(lines.map((l) => l.result).sort()).toEqual(['ok', 'refused']);
    expect(kiosk.outbox.stats(Date.now())).toMatchObject({ deadLetters: 0, discarded: 1 });
  });
});

describe('/api/maintenance config apply on a disk that refuses', () => {
  const refusing = (code: string): ConfigEditorIo => ({
    mark: () => undefined,
    write: () => {
      throw Object.assign(new Error(`${code}: permission denied, open '/etc/kiosk/.kiosk.json.tmp'`), {
        code,
      });
    },
  });

  it('says which folder is not writable, whose it is and why, and leaves the file as it was', async () => {
    const { call, token, configPath } = await start({ configIo: refusing('EACCES') });
    const before = readFileSync(configPath, 'utf8');
    const tok = await token();
    const edited = JSON.parse((await call('GET', '/api/maintenance/config', tok)).json().text as string);
    const r = await call('POST', '/api/maintenance/config/apply', tok, {
      text: JSON.stringify({ ...edited, terminalId: 'KIOSK-SC-017' }),
    });
    expect(r.statusCode).toBe(409);
    const error = r.json().error;
    expect(error.code).toBe('config-not-writable');
    expect(error.write).toMatchObject({ folder: dirname(configPath), cause: 'EACCES' });
    // The temp folder is the test's own: owned by whoever runs it, by name.
    expect(error.write.owner).toBe(userInfo().username);
    expect(readFileSync(configPath, 'utf8')).toBe(before);
  });
});
