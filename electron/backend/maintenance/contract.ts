import { z } from 'zod';
import { defineEndpoints } from '../api/endpoint';

/**
 * The /api/maintenance/* contract. Pure zod: the renderer builds its client from
 * `maintenanceEndpoints`. Every route but `login` and `pinStatus`
 * needs the token of an open maintenance session in the `x-maintenance-token` header.
 */
export const MAINTENANCE_TOKEN_HEADER = 'x-maintenance-token';

export const maintenanceErrorCodeSchema = z.enum([
  'maintenance-required',
  'wrong-pin',
  'locked',
  'no-pin',
  'config-invalid',
  'config-unavailable',
  'config-not-writable',
  'not-a-dead-letter',
  'reason-required',
  'not-configured',
  'bad-request',
  'not-found',
  'internal',
]);
export type MaintenanceErrorCode = z.infer<typeof maintenanceErrorCodeSchema>;

export const maintenanceErrorBodySchema = z.object({
  ok: z.literal(false),
  error: z.object({
    code: maintenanceErrorCodeSchema,
    detail: z.string().optional(),
    attemptsLeft: z.number().int().optional(),
    /** ISO time when the PIN entry opens again. */
    retryAt: z.string().optional(),
    /** No PIN set: the command that sets one on this terminal. */
    setPinCommand: z.string().optional(),
    /** The configuration could not be written: where, whose folder, and the system's reason. */
    write: z
      .object({
        folder: z.string(),
        /** The folder's owner by name where the system says, else its uid. */
        owner: z.string().nullable(),
        /** EACCES, EPERM, EROFS, ENOSPC, ENOTDIR, ... */
        cause: z.string(),
      })
      .optional(),
  }),
});

/** Whether this terminal has a maintenance PIN at all, asked before the PIN pad is used. */
export const pinStatusResponseSchema = z.object({
  ok: z.literal(true),
  pinSet: z.boolean(),
  /** How to set one, when there is none. */
  setPinCommand: z.string(),
});

export const loginRequestSchema = z.object({
  pin: z.string().regex(/^\d{1,12}$/),
  /** Who is typing the PIN, when the screen asks (the audit log names them); else "unknown". */
  staffId: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,32}$/)
    .optional(),
});
export const loginResponseSchema = z.object({
  ok: z.literal(true),
  token: z.string(),
  idleExitSeconds: z.number().int(),
});

const deviceStatus = z.object({ state: z.string(), detail: z.string().optional() });
const counters = z.object({
  reads: z.number(),
  prints: z.number(),
  scans: z.number(),
  errors: z.number(),
  reconnects: z.number(),
});

export const overviewResponseSchema = z.object({
  ok: z.literal(true),
  terminalId: z.string(),
  hallName: z.string(),
  appVersion: z.string(),
  uptimeSeconds: z.number().int(),
  simulated: z.boolean(),
  devices: z.array(z.object({ name: z.string(), status: deviceStatus, counters: counters.optional() })),
  /** Citizens left without their paper since the printer last worked, a card reader that keeps failing (staff-call/alerts.ts). */
  alerts: z
    .array(
      z.object({
        what: z.enum(['ticket-not-printed', 'receipt-not-printed', 'card-reader-faulty']),
        device: z.string(),
        state: z.string(),
        number: z.string().optional(),
        at: z.string(),
      }),
    )
    .optional(),
});

export const selfTestResponseSchema = z.object({
  ok: z.literal(true),
  results: z.array(z.object({ device: z.string(), ok: z.boolean(), detail: z.string() })),
});

export const testPrintResponseSchema = z.object({
  ok: z.literal(true),
  printed: z.boolean(),
  detail: z.string(),
});

export const testCardResponseSchema = z.object({
  ok: z.literal(true),
  read: z.boolean(),
  detail: z.string(),
  card: z.object({ cardType: z.string(), maskedName: z.string(), maskedIdNumber: z.string() }).optional(),
});

export const testScanResponseSchema = z.object({
  ok: z.literal(true),
  scanned: z.boolean(),
  detail: z.string(),
  /** Length and symbology only: a scanned code may carry personal data. */
  length: z.number().int().optional(),
  symbology: z.string().optional(),
});

export const configChangeSchema = z.object({
  path: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
export const configViewResponseSchema = z.object({
  ok: z.literal(true),
  path: z.string().nullable(),
  text: z.string(),
  hasPrevious: z.boolean(),
});
export const configTextRequestSchema = z.object({ text: z.string().max(200_000) });
export const configChangesResponseSchema = z.object({
  ok: z.literal(true),
  changes: z.array(configChangeSchema),
  /** A change takes effect when the app restarts. */
  restartNeeded: z.boolean(),
});

export const deadLetterSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  kioskSequence: z.number().int(),
  attempts: z.number().int(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  rejectedAt: z.string(),
  purged: z.boolean(),
});

/** Staff give up on a dead letter: why, in their words, and who (else the staff id of the login). */
export const discardRequestSchema = z.object({
  reason: z.string().max(300),
  staffId: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,32}$/)
    .optional(),
});
export const discardResponseSchema = z.object({
  ok: z.literal(true),
  id: z.number().int(),
  kind: z.string(),
});
export const outboxResponseSchema = z.object({
  ok: z.literal(true),
  pending: z.number().int(),
  inFlight: z.number().int(),
  acknowledged: z.number().int(),
  deadLetters: z.number().int(),
  /** The central's deliberate refusals: the citizen's outcome, not a fault, and no Retry. */
  refused: z.number().int(),
  /** Dead letters staff discarded. */
  discarded: z.number().int(),
  oldestPendingAgeSeconds: z.number().int().nullable(),
  reasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  letters: z.array(deadLetterSchema),
  /** The latest refusals, to tell staff what the central said no to. */
  refusals: z.array(deadLetterSchema),
  /** Queue depth over the last day, oldest first. */
  samples: z.array(z.object({ at: z.number(), depth: z.number(), deadLetters: z.number() })),
});
export const retryResponseSchema = z.object({ ok: z.literal(true), state: z.string() });

export const syncResponseSchema = z.object({
  ok: z.literal(true),
  online: z.boolean(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
  centralBaseUrl: z.string(),
  heartbeat: z
    .object({ at: z.string(), ok: z.boolean(), detail: z.string(), clockSkewSeconds: z.number().nullable() })
    .nullable(),
  /** The catalogue is not cached on this kiosk yet: null until it is. */
  catalogueVersion: z.string().nullable(),
});

export const logsResponseSchema = z.object({
  ok: z.literal(true),
  logFile: z.string().nullable(),
  lines: z.array(
    z.object({
      time: z.string(),
      level: z.number(),
      event: z.string(),
      outcome: z.enum(['success', 'failure', 'unknown']),
      fields: z.record(z.string(), z.unknown()),
    }),
  ),
  /** The catalogue, to pick an event from. */
  events: z.array(z.object({ id: z.string(), outcome: z.string(), meaning: z.string() })),
});

export const networkCheckResponseSchema = z.object({
  ok: z.literal(true),
  reachable: z.boolean(),
  url: z.string(),
  latencyMs: z.number(),
  status: z.number().optional(),
  clockSkewSeconds: z.number().nullable().optional(),
  error: z.string().optional(),
});

export const auditResponseSchema = z.object({
  ok: z.literal(true),
  entries: z.array(
    z.object({
      at: z.string(),
      action: z.string(),
      result: z.enum(['ok', 'refused', 'failed']),
      detail: z.string().nullable(),
      /** Who typed the PIN, for login attempts ('unknown' when not given). */
      staff: z.string().nullable().optional(),
    }),
  ),
});

export const okSchema = z.object({ ok: z.literal(true) });

export const retryParamsSchema = z.object({ id: z.coerce.number().int().min(1) });

export const logsQuerySchema = z.object({
  /** An event id of the catalogue, or part of one; empty for all. */
  event: z.string().optional(),
  /** 'true': failures only; anything else: every line. */
  failuresOnly: z.string().optional(),
});

/**
 * The dead letters as a file for whoever investigates them off the kiosk: counts, reasons and
 * letters, never payloads or sealed fields. A download, so it has no `ok` of its own.
 */
export const deadLetterExportSchema = outboxResponseSchema.omit({ ok: true, samples: true }).extend({
  terminalId: z.string(),
  exportedAt: z.string(),
  note: z.string(),
});
export type DeadLetterExport = z.infer<typeof deadLetterExportSchema>;

/**
 * Field staff's endpoints. Every one but `login` and `pinStatus` needs the maintenance token header; failures
 * carry `maintenanceErrorBodySchema`'s codes.
 */
export const maintenanceEndpoints = defineEndpoints({
  login: {
    method: 'POST',
    path: '/api/maintenance/login',
    body: loginRequestSchema,
    response: loginResponseSchema,
  },
  /** Open, like login: the PIN pad asks first whether there is a PIN to type. */
  pinStatus: { method: 'GET', path: '/api/maintenance/pin-status', response: pinStatusResponseSchema },
  touch: { method: 'POST', path: '/api/maintenance/touch', response: okSchema },
  logout: { method: 'POST', path: '/api/maintenance/logout', response: okSchema },
  overview: { method: 'GET', path: '/api/maintenance/overview', response: overviewResponseSchema },
  selfTest: {
    method: 'POST',
    path: '/api/maintenance/devices/self-test',
    response: selfTestResponseSchema,
  },
  testPrint: {
    method: 'POST',
    path: '/api/maintenance/devices/test-print',
    response: testPrintResponseSchema,
  },
  /** The A4 printer's test page (a 404 not-found where the terminal has none). */
  testPrintA4: {
    method: 'POST',
    path: '/api/maintenance/devices/test-print-a4',
    response: testPrintResponseSchema,
  },
  testCard: { method: 'POST', path: '/api/maintenance/devices/test-card', response: testCardResponseSchema },
  testScan: { method: 'POST', path: '/api/maintenance/devices/test-scan', response: testScanResponseSchema },
  config: { method: 'GET', path: '/api/maintenance/config', response: configViewResponseSchema },
  checkConfig: {
    method: 'POST',
    path: '/api/maintenance/config/check',
    body: configTextRequestSchema,
    response: configChangesResponseSchema,
  },
  applyConfig: {
    method: 'POST',
    path: '/api/maintenance/config/apply',
    body: configTextRequestSchema,
    response: configChangesResponseSchema,
  },
  rollbackConfig: {
    method: 'POST',
    path: '/api/maintenance/config/rollback',
    response: configChangesResponseSchema,
  },
  outbox: { method: 'GET', path: '/api/maintenance/outbox', response: outboxResponseSchema },
  retry: {
    method: 'POST',
    path: '/api/maintenance/outbox/:id/retry',
    params: retryParamsSchema,
    response: retryResponseSchema,
  },
  discard: {
    method: 'POST',
    path: '/api/maintenance/outbox/:id/discard',
    params: retryParamsSchema,
    body: discardRequestSchema,
    response: discardResponseSchema,
  },
  /** A file download (content-disposition: attachment), sent as it is: no `ok` in it. */
  exportDeadLetters: {
    method: 'GET',
    path: '/api/maintenance/outbox/export',
    response: deadLetterExportSchema,
  },
  sync: { method: 'GET', path: '/api/maintenance/sync', response: syncResponseSchema },
  logs: {
    method: 'GET',
    path: '/api/maintenance/logs',
    query: logsQuerySchema,
    response: logsResponseSchema,
  },
  networkCheck: {
    method: 'POST',
    path: '/api/maintenance/network-check',
    response: networkCheckResponseSchema,
  },
  restart: { method: 'POST', path: '/api/maintenance/restart', response: okSchema },
  leaveKiosk: { method: 'POST', path: '/api/maintenance/leave-kiosk', response: okSchema },
  audit: { method: 'GET', path: '/api/maintenance/audit', response: auditResponseSchema },
});
