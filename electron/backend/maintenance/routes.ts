import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { maskIdNumber, maskName } from '../../../domain/masking';
import type { ConfigChange } from '../../../kiosk-config/config-file';
import { configPathFrom } from '../../../kiosk-config/load-config';
import { ANSWERED, registerEndpoints, type EndpointHandlers } from '../api/endpoint-routes';
import type { Kiosk } from '../kiosk';
import { LOG_EVENTS } from '../logging/log-events';
import { searchLogs } from '../logging/log-search';
import { LOG_FILE_ENV_VAR } from '../logging/logger';
import { AuditLog, type AuditResult } from './audit-log';
import { ConfigEditor, type ConfigCheck, type ConfigEditorIo } from './config-editor';
import {
  MAINTENANCE_TOKEN_HEADER,
  maintenanceEndpoints,
  type DeadLetterExport,
  type MaintenanceErrorCode,
} from './contract';
import { deadLetterReasons, listDeadLetters, listRefusals, scrubReason } from './dead-letters';
import { LEAVE_KIOSK_EXIT_CODE, RESTART_EXIT_CODE } from './exit-codes';
import { exitTheSession } from './leave-request';
import { APP_VERSION, fleetServicesOf } from './fleet-services';
import { MaintenanceAuth, type PinVerifier } from './maintenance-auth';
import { checkCentral } from './network-check';
import { depthSamples } from './queue-depth';
import { testPage } from './test-page';
import { a4TestPage } from '../proofs/test-page';

const NO_CONFIG_FILE =
  'The kiosk runs on built-in defaults: start it with --config <file> or KIOSK_CONFIG to edit a configuration file.';

/** Where the packages put the configuration: the command shown when a terminal has no PIN names it. */
const DEFAULT_CONFIG_PATH = '/etc/kiosk/kiosk.json';

/** How long the scan test waits for a code to be shown to the scanner. */
export const SCAN_TEST_TIMEOUT_MS = 15_000;

const STATUS: Record<MaintenanceErrorCode, number> = {
  'maintenance-required': 401,
  'wrong-pin': 401,
  locked: 423,
  'no-pin': 409,
  'config-invalid': 422,
  'config-unavailable': 409,
  'config-not-writable': 409,
  'not-a-dead-letter': 409,
  'reason-required': 400,
  'not-configured': 409,
  'bad-request': 400,
  'not-found': 404,
  internal: 500,
};

/** Asked before a session exists: the PIN entry and whether there is a PIN at all. */
const OPEN_PATHS = new Set<string>([maintenanceEndpoints.login.path, maintenanceEndpoints.pinStatus.path]);

type FailureExtra = {
  detail?: string;
  attemptsLeft?: number;
  retryAt?: string;
  setPinCommand?: string;
  write?: { folder: string; owner: string | null; cause: string };
};

/** The door's refusal body: its codes (wrong PIN, locked, ...) are its own, not the citizen API's. */
function sendFailure(reply: FastifyReply, code: MaintenanceErrorCode, extra: FailureExtra = {}) {
  return reply.code(STATUS[code]).send({ ok: false, error: { code, ...extra } });
}

/** A refusal with the door's own codes, sent by the handler itself. */
const fail = (reply: FastifyReply, code: MaintenanceErrorCode, extra: FailureExtra = {}): typeof ANSWERED => {
  void sendFailure(reply, code, extra);
  return ANSWERED;
};

export interface MaintenanceRouteOptions {
  /** The configuration file the kiosk runs on; default: --config / KIOSK_CONFIG of this process. */
  configPath?: string;
  /** The JSON-lines log file; default: KIOSK_LOG_FILE. */
  logFile?: string;
  /** Ends the process with a code the session acts on; replaced in tests. */
  exit?: (code: number) => void;
  fetch?: typeof fetch;
  /** The PIN check; replaced in tests to count the checks a burst of attempts gets. */
  verifyPin?: PinVerifier;
  /** How the configuration is written; replaced in tests by a disk that refuses. */
  configIo?: ConfigEditorIo;
}

/**
 * /api/maintenance/*: field staff's screens, from the maintenance endpoint table. Only `login` is open; everything else needs the token
 * of the one open maintenance session (which idles out), and every request is in the audit log.
 */
export function registerMaintenanceRoutes(
  app: FastifyInstance,
  kiosk: Kiosk,
  options: MaintenanceRouteOptions = {},
): void {
  const { clock, logger, db } = kiosk;
  const audit = new AuditLog(db);
  const auth = new MaintenanceAuth({
    db,
    clock,
    settings: kiosk.config.maintenance,
    ...(options.verifyPin ? { verify: options.verifyPin } : {}),
    onIdleExit: () => {
      record('exit', 'ok', 'idle');
      logger.info('maintenance.exited', { reason: 'idle' });
    },
  });
  // An open session's idle timer must not fire into a closed store after the host has shut down.
  app.addHook('onClose', async () => auth.logout());
  const configPath = options.configPath ?? configPathFrom(process.argv.slice(2), process.env);
  const editor = new ConfigEditor(configPath, options.configIo);
  const setPinCommand = `kiosk-config set-pin --config ${configPath ?? DEFAULT_CONFIG_PATH}`;
  /** Who typed the PIN of the open session, as the screen gave it: the audit names them. */
  let sessionStaff = 'unknown';
  const logFile = options.logFile ?? process.env[LOG_FILE_ENV_VAR];
  const exit =
    options.exit ??
    ((code: number) =>
      exitTheSession(code, {
        env: process.env,
        now: () => clock.now(),
        exit: (c) => process.exit(c),
        // The app still ends: the session then restarts it, and the log says why it did not leave.
        onRequestFailed: (err) =>
          logger.warn('maintenance.action-failed', {
            action: 'leave-kiosk',
            result: 'failed',
            detail: err.message,
          }),
      }));
  const record = (action: string, result: AuditResult, detail?: string, staff?: string | null) => {
    audit.record(clock.now(), action, result, detail, staff ?? undefined);
    if (result === 'ok') logger.info('maintenance.action', { action, ...(detail ? { detail } : {}) });
    else logger.warn('maintenance.action-failed', { action, result, ...(detail ? { detail } : {}) });
  };
  /** Request → action name and what the handler wants audited beyond status. */
  const auditDetail = new WeakMap<
    FastifyRequest,
    { detail?: string; result?: AuditResult; staff?: string }
  >();
  const note = (request: FastifyRequest, detail: string, result?: AuditResult, staff?: string) =>
    auditDetail.set(request, { detail, result, ...(staff ? { staff } : {}) });
  /** A configuration the disk refused, as its own answer; anything else is the editor's refusal. */
  const configFailure = (
    request: FastifyRequest,
    reply: FastifyReply,
    r: Extract<ConfigCheck, { ok: false }>,
  ): typeof ANSWERED => {
    if (r.write) {
      note(request, `not written: ${r.write.folder} (${r.write.cause})`, 'failed');
      logger.warn('config.write-failed', { folder: r.write.folder, cause: r.write.cause });
      return fail(reply, 'config-not-writable', { detail: r.message, write: r.write });
    }
    note(request, r.message.split('\n').slice(1).join('; ').slice(0, 300) || r.message, 'refused');
    return fail(reply, 'config-invalid', { detail: r.message });
  };
  const exitAfterReply = (reply: FastifyReply, code: number) => {
    reply.raw.once('finish', () => exit(code));
  };

  const done = <T>(value: T) => ({ ok: true as const, value });
  const outboxView = () => {
    const now = clock.now();
    const stats = kiosk.outbox.stats(now);
    const letters = listDeadLetters(db);
    return {
      pending: stats.pending,
      inFlight: stats.inFlight,
      acknowledged: stats.acknowledged,
      deadLetters: stats.deadLetters,
      refused: stats.refused,
      discarded: stats.discarded,
      refusals: listRefusals(db),
      oldestPendingAgeSeconds:
        stats.oldestPendingAgeMs === null ? null : Math.floor(stats.oldestPendingAgeMs / 1000),
      reasons: deadLetterReasons(letters),
      letters,
    };
  };
  const changes = (r: { changes: ConfigChange[] }) =>
    done({ changes: r.changes, restartNeeded: r.changes.length > 0 });

  const handlers: EndpointHandlers<typeof maintenanceEndpoints> = {
    login: async ({ body: b }, { reply }) => {
      // Who typed the PIN, when the screen asks; every attempt is audited under it.
      const staff = b.staffId ?? 'unknown';
      const r = await auth.login(b.pin);
      if (r.ok) {
        if (r.tookOver) {
          record(
            'session.taken-over',
            'ok',
            'the open maintenance session was replaced by a new login',
            staff,
          );
          logger.warn('maintenance.session-taken-over', {});
        }
        record('enter', 'ok', undefined, staff);
        sessionStaff = staff;
        logger.info('maintenance.entered', {});
        return done({ token: r.token, idleExitSeconds: r.idleExitSeconds });
      }
      if (r.reason === 'no-pin') {
        record('enter', 'refused', 'no PIN set', staff);
        return fail(reply, 'no-pin', { detail: `Set a PIN with: ${setPinCommand}`, setPinCommand });
      }
      if (r.reason === 'locked') {
        const retryAt = new Date(r.retryAt).toISOString();
        record(
          'enter',
          'refused',
          r.verified ? `wrong PIN, locked until ${retryAt}` : `locked until ${retryAt}, PIN not checked`,
          staff,
        );
        logger.warn('maintenance.locked', { until: retryAt, checked: r.verified });
        return fail(reply, 'locked', { retryAt });
      }
      record('enter', 'refused', `wrong PIN, ${r.attemptsLeft} left`, staff);
      logger.warn('maintenance.pin-refused', { attemptsLeft: r.attemptsLeft });
      return fail(reply, 'wrong-pin', { attemptsLeft: r.attemptsLeft });
    },

    pinStatus: () => done({ pinSet: Boolean(kiosk.config.maintenance.pinHash), setPinCommand }),

    // Staff activity on the screen (typing in the editor) keeps the session open; not audited.
    touch: () => done({}),

    logout: () => {
      auth.logout();
      logger.info('maintenance.exited', { reason: 'staff' });
      return done({});
    },

    overview: () => {
      const counters = kiosk.devices.counters();
      const started = fleetServicesOf(db)?.startedAt ?? clock.now() - process.uptime() * 1000;
      return done({
        terminalId: kiosk.config.terminalId,
        hallName: kiosk.config.hall.name,
        appVersion: APP_VERSION,
        uptimeSeconds: Math.max(0, Math.floor((clock.now() - started) / 1000)),
        simulated: kiosk.simulated,
        devices: Object.entries(kiosk.devices.status())
          .filter(([, s]) => s !== undefined)
          .map(([name, status]) => ({
            name,
            status: status!,
            ...(counters[name as keyof typeof counters]
              ? { counters: counters[name as keyof typeof counters] }
              : {}),
          })),
        alerts: kiosk.alerts.list(),
      });
    },

    selfTest: async (_input, { request }) => {
      const results = await kiosk.devices.selfTest();
      for (const r of results) {
        if (r.ok) logger.info('selftest.passed', { device: r.device });
        else logger.warn('selftest.failed', { device: r.device, detail: r.detail });
      }
      const failed = results.filter((r) => !r.ok).map((r) => r.device);
      note(
        request,
        failed.length ? `failed: ${failed.join(', ')}` : 'all passed',
        failed.length ? 'failed' : 'ok',
      );
      return done({ results });
    },

    testPrint: async (_input, { request }) => {
      const result = await kiosk.devices.print(
        testPage(kiosk.config.terminalId, clock.now(), kiosk.config.hall.name),
        `selftest-${clock.now()}`,
      );
      const detail = result.ok ? 'test page printed' : `not printed: printer ${result.status.state}`;
      if (result.ok) logger.info('selftest.passed', { device: 'receiptPrinter', test: 'test-page' });
      else logger.warn('selftest.failed', { device: 'receiptPrinter', test: 'test-page', detail });
      note(request, detail, result.ok ? 'ok' : 'failed');
      return done({ printed: result.ok, detail });
    },

    testPrintA4: async (_input, { request }) => {
      if (!kiosk.devices.a4Printer)
        return { ok: false, code: 'not-found', detail: 'no A4 printer configured' };
      const result = await kiosk.devices.printA4({
        pdf: await a4TestPage(kiosk.config.terminalId, clock.now()),
        jobKey: `selftest-a4-${clock.now()}`,
        jobName: 'a4-test-page',
      });
      const detail = result.ok ? 'A4 test page printed' : `not printed: A4 printer ${result.status.state}`;
      if (result.ok) logger.info('selftest.passed', { device: 'a4Printer', test: 'test-page' });
      else logger.warn('selftest.failed', { device: 'a4Printer', test: 'test-page', detail });
      note(request, detail, result.ok ? 'ok' : 'failed');
      return done({ printed: result.ok, detail });
    },

    testCard: async (_input, { request }) => {
      const r = await kiosk.devices.reader.readCard();
      if (!r.ok) {
        const detail = r.error === 'no-card' ? 'no card on the reader' : `${r.error}: ${r.detail}`;
        logger.warn('selftest.failed', { device: 'idCardReader', test: 'card-read', detail });
        note(request, detail, 'failed');
        return done({ read: false, detail });
      }
      const id = r.card.identity;
      logger.info('selftest.passed', { device: 'idCardReader', test: 'card-read', cardType: id.cardType });
      note(request, `card read (${id.cardType})`);
      return done({
        read: true,
        detail: 'card read',
        card: {
          cardType: id.cardType,
          maskedName: maskName(id.name),
          maskedIdNumber: maskIdNumber(id.idNumber),
        },
      });
    },

    testScan: async (_input, { request, reply }) => {
      if (!kiosk.config.devices.qrScanner) {
        note(request, 'no scanner configured', 'refused');
        return fail(reply, 'not-configured', { detail: 'This terminal has no scanner configured.' });
      }
      const scan = await new Promise<{ text: string; symbology?: string } | undefined>((resolve) => {
        const timer = clock.setTimeout(() => {
          off();
          resolve(undefined);
        }, SCAN_TEST_TIMEOUT_MS);
        const off = kiosk.devices.onScan((s) => {
          clock.clearTimeout(timer);
          off();
          resolve(s);
        });
      });
      if (!scan) {
        note(request, 'no code scanned in time', 'failed');
        return done({ scanned: false, detail: 'no code was scanned in time' });
      }
      note(request, `scanned ${scan.text.length} characters`);
      return done({
        scanned: true,
        detail: 'code scanned',
        length: scan.text.length,
        ...(scan.symbology ? { symbology: scan.symbology } : {}),
      });
    },

    config: () => done(editor.view()),

    checkConfig: ({ body: b }, { reply }) => {
      const r = editor.check(b.text);
      if (!r.ok) return fail(reply, 'config-invalid', { detail: r.message });
      return changes(r);
    },

    applyConfig: ({ body: b }, { request, reply }) => {
      if (!configPath) return fail(reply, 'config-unavailable', { detail: NO_CONFIG_FILE });
      const r = editor.apply(b.text);
      if (!r.ok) return configFailure(request, reply, r);
      const paths = r.changes.map((c) => c.path).join(', ');
      note(request, `changed: ${paths || 'nothing'}`);
      logger.info('config.changed', { fields: r.changes.map((c) => c.path) });
      return changes(r);
    },

    rollbackConfig: (_input, { request, reply }) => {
      if (!configPath) return fail(reply, 'config-unavailable', { detail: NO_CONFIG_FILE });
      const r = editor.rollback();
      if (!r.ok) return configFailure(request, reply, r);
      note(request, `restored: ${r.changes.map((c) => c.path).join(', ') || 'nothing'}`);
      logger.info('config.rolled-back', { fields: r.changes.map((c) => c.path) });
      return changes(r);
    },

    outbox: () => done({ ...outboxView(), samples: depthSamples(db, clock.now()) }),

    retry: async ({ params }, { request, reply }) => {
      const { id } = params;
      if (!kiosk.outbox.requeue(id, clock.now())) {
        note(request, `item ${id}`, 'refused');
        return fail(reply, 'not-a-dead-letter', {
          detail: `Item ${id} is not a dead letter that can be retried.`,
        });
      }
      logger.info('outbox.requeued', { outboxId: id });
      const after = await kiosk.delivery.deliver(id);
      note(request, `item ${id}: ${after?.state ?? 'unknown'}`);
      return done({ state: after?.state ?? 'unknown' });
    },

    // Staff give up on a dead letter: their reason and who, in the audit; the payload is gone.
    discard: ({ params, body }, { request, reply }) => {
      const { id } = params;
      const reason = scrubReason(body.reason.trim()) ?? '';
      const staff = body.staffId ?? sessionStaff;
      if (reason === '') {
        note(request, `item ${id}: no reason given`, 'refused', staff);
        return fail(reply, 'reason-required', {
          detail: 'Say why the dead letter is discarded: the reason goes into the audit log.',
        });
      }
      const r = kiosk.outbox.discard(id, clock.now());
      if (!r.ok) {
        note(request, `item ${id}: ${r.reason}`, 'refused', staff);
        return r.reason === 'not-found'
          ? fail(reply, 'not-found', { detail: `There is no outbox item ${id}.` })
          : fail(reply, 'not-a-dead-letter', {
              detail: `Item ${id} is not a dead letter (it was delivered, refused by the central or discarded already).`,
            });
      }
      note(request, `item ${id} (${r.value.kind}) discarded: ${reason}`, 'ok', staff);
      logger.info('outbox.discarded', { outboxId: id, kind: r.value.kind });
      return done({ id, kind: r.value.kind });
    },

    // A file to save, sent as it is (no `ok` in it), named after the terminal.
    exportDeadLetters: (_input, { request, reply }) => {
      note(request, 'dead letters exported');
      const file: DeadLetterExport = {
        terminalId: kiosk.config.terminalId,
        exportedAt: new Date(clock.now()).toISOString(),
        note: 'Personal data removed: payloads and sealed fields are not exported.',
        ...outboxView(),
      };
      void reply
        .header('content-disposition', `attachment; filename="dead-letters-${kiosk.config.terminalId}.json"`)
        .send(file);
      return ANSWERED;
    },

    sync: () => {
      const s = kiosk.delivery.syncStatus();
      const last = fleetServicesOf(db)?.heartbeat.lastResult();
      return done({
        online: s.online,
        lastSuccessAt: s.lastSuccessAt === null ? null : new Date(s.lastSuccessAt).toISOString(),
        lastError: s.lastError,
        centralBaseUrl: kiosk.centralBaseUrl,
        heartbeat: last
          ? {
              at: new Date(last.at).toISOString(),
              ok: last.outcome.ok,
              detail: last.outcome.ok ? 'ok' : last.outcome.reason,
              clockSkewSeconds: last.outcome.ok
                ? Math.round((Date.parse(last.outcome.serverTime) - last.at) / 1000)
                : null,
            }
          : null,
        catalogueVersion: null,
      });
    },

    logs: ({ query }) =>
      done({
        logFile: logFile ?? null,
        lines: searchLogs(logFile, {
          event: (query.event ?? '').slice(0, 80),
          failuresOnly: query.failuresOnly === 'true',
          limit: 200,
        }),
        events: Object.entries(LOG_EVENTS).map(([id, e]) => ({ id, outcome: e.outcome, meaning: e.meaning })),
      }),

    networkCheck: async (_input, { request }) => {
      const r = await checkCentral({
        baseUrl: kiosk.centralBaseUrl,
        // The token in use now, not the one the kiosk started with: re-enrolment renews it.
        deviceToken: kiosk.connection.token,
        hallId: kiosk.config.hall.id,
        clock,
        fetch: options.fetch,
      });
      if (r.ok)
        logger.info('network.check-ok', { latencyMs: r.latencyMs, clockSkewSeconds: r.clockSkewSeconds });
      else logger.warn('network.check-failed', { error: r.error, latencyMs: r.latencyMs });
      note(request, r.ok ? `reachable in ${r.latencyMs} ms` : r.error, r.ok ? 'ok' : 'failed');
      return done(
        r.ok
          ? {
              reachable: true,
              url: r.url,
              latencyMs: r.latencyMs,
              status: r.status,
              clockSkewSeconds: r.clockSkewSeconds,
            }
          : { reachable: false, url: r.url, latencyMs: r.latencyMs, error: r.error },
      );
    },

    restart: (_input, { request, reply }) => {
      note(request, `exit ${RESTART_EXIT_CODE}`);
      logger.info('kiosk.restart-requested', { exitCode: RESTART_EXIT_CODE });
      auth.logout();
      exitAfterReply(reply, RESTART_EXIT_CODE);
      return done({});
    },

    leaveKiosk: (_input, { request, reply }) => {
      note(request, `exit ${LEAVE_KIOSK_EXIT_CODE}`);
      logger.info('kiosk.leave-kiosk-requested', { exitCode: LEAVE_KIOSK_EXIT_CODE });
      auth.logout();
      exitAfterReply(reply, LEAVE_KIOSK_EXIT_CODE);
      return done({});
    },

    audit: () => done({ entries: audit.list(100).map((e) => ({ ...e, at: new Date(e.at).toISOString() })) }),
  };

  app.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      if (OPEN_PATHS.has(request.routeOptions.url ?? '')) return;
      const token = request.headers[MAINTENANCE_TOKEN_HEADER];
      if (!auth.check(typeof token === 'string' ? token : undefined)) {
        logger.warn('maintenance.unauthorized', { path: request.routeOptions.url ?? request.url });
        return sendFailure(reply, 'maintenance-required');
      }
    });
    // Every authorised request is an audited action: what (method and route), when, result.
    scope.addHook('onResponse', async (request, reply) => {
      const url = request.routeOptions.url ?? request.url;
      if (OPEN_PATHS.has(url) || url === maintenanceEndpoints.touch.path || reply.statusCode === 401) return;
      const extra = auditDetail.get(request);
      const result: AuditResult =
        extra?.result ?? (reply.statusCode < 400 ? 'ok' : reply.statusCode >= 500 ? 'failed' : 'refused');
      record(
        `${request.method} ${url.replace('/api/maintenance/', '')}`,
        result,
        extra?.detail,
        extra?.staff,
      );
    });
    registerEndpoints(scope, maintenanceEndpoints, handlers, { logger, simulated: kiosk.simulated });
  });
}
