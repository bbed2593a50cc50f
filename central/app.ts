import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { systemClock, type Clock } from '../domain/clock';
import { healthResponseSchema } from './contract';
import type { CentralContext } from './context';
import { openCentralDatabase } from './db/database';
import { DEVICE_TOKEN_SCHEME, deviceTokenGuard } from './http/auth';
import { batchRoutes, trackSubRequests, type SubRequestResponses } from './http/batch';
import { registerDocs } from './http/docs';
import { installErrorHandling } from './http/errors';
import { deviceSecurity, GuardSecurity, installRouteDocumentation } from './http/route-schemas';
import { installStrictJsonParser } from './http/strict-json';
import { IDEMPOTENCY_PURGE_INTERVAL_MS, IdempotencyStore, runPeriodically } from './http/idempotency';
import { appointmentRoutes } from './appointments/routes';
import { calendarRoutes } from './calendar/routes';
import { evaluationRoutes } from './evaluations/routes';
import { DeviceAuth } from './kiosks/auth';
import { type DeviceRateLimitOptions, installDeviceRateLimit } from './kiosks/rate-limit';
import { kioskRoutes } from './kiosks/routes';
import { paymentRoutes } from './payments/routes';
import { queueRoutes } from './queue/routes';
import { proofRoutes } from './proofs/routes';
import { StaffStore } from './staff/store';
import { CatalogueStore } from './catalogue/store';
import { catalogueRoutes } from './catalogue/routes';
import { caseRoutes } from './cases/routes';
import { caseSignatureRoutes } from './cases/signature-routes';
import { certificateRoutes } from './certificates/routes';
import { loadDataKey, Sealer } from './cases/sealing';
import { CaseStore } from './cases/store';
import { EventBus } from './events/bus';
import { publishTicketCalled } from './events/publishers';
import { eventRoutes } from './events/routes';
import { deviceOrStaffSecurity, STAFF_TOKEN_SCHEME, staffSecurity } from './staff/auth';
import { staffRoutes } from './staff/routes';
import { staffCallEscalationFrom } from './staff-calls/escalation';
import { staffCallRoutes } from './staff-calls/routes';
import { materialScanRoutes } from './material-scans/routes';
import { QueueStore } from './queue/store';
import { CENTRAL_API_VERSION } from './version';

/** Tickets and citizen references are for the day's queue; beyond this they are kept without the reference. */
export const CITIZEN_REF_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
// Requests are small JSON documents; a large body is a mistake or an attack.
const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * How long a client may take over one request. Without these a client that opens a connection and
 * sends its headers or body a byte at a time (or stops) holds a socket and its buffers for as long
 * as it likes; a few thousand such clients exhaust the central's file descriptors.
 */
export interface HttpTimeouts {
  /** Headers are a few hundred bytes sent at once; ten seconds covers a poor mobile link. */
  headersMs: number;
  /** The whole request with its body, up to the 1 MiB batch limit: about 8 s at 1 Mbit/s. */
  requestMs: number;
  /**
   * A socket with no traffic at all is closed after this. Longer than four heartbeats of the live
   * event stream (15 s), so a quiet stream is never cut.
   */
  idleMs: number;
  /** How often Node checks the header and request deadlines (its default, 30 s, would let them overrun). */
  checkIntervalMs: number;
}

export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  idleMs: 60_000,
  checkIntervalMs: 1_000,
};

export interface CentralAppOptions {
  /** SQLite file, or ':memory:'. */
  dbPath: string;
  clock?: Clock;
  /** Bearer tokens accepted from kiosks and staff devices. */
  deviceTokens: string[];
  logger?: boolean | object;
  /** Requests per device token (or address) and window; false turns the limit off. */
  rateLimit?: DeviceRateLimitOptions | false;
  /** Handed to kiosks at enrolment. A standalone central keeps its own in the database (db/settings.ts). */
  citizenRefKey?: string;
  /** Deadlines for a client sending a request; the defaults suit a hall. */
  httpTimeouts?: HttpTimeouts;
  /** An unanswered staff call escalates after this long; by default STAFF_CALL_ESCALATE_AFTER_S or 120 s. */
  staffCallEscalateAfterMs?: number;
  /** Where phones reach this central (a certificate's QR code); by default CENTRAL_PUBLIC_URL, else the request's host. */
  publicBaseUrl?: string;
}

export async function buildCentralApp(opts: CentralAppOptions): Promise<FastifyInstance> {
  const clock = opts.clock ?? systemClock;
  const requireDeviceToken = deviceTokenGuard(opts.deviceTokens);
  const db = openCentralDatabase(opts.dbPath);
  const staffLookup = new StaffStore(db, () => clock.now());
  const events = new EventBus(db, clock);
  // The document's security of each route follows from the guard the route runs.
  const guardSecurity = new GuardSecurity();
  const deviceAuth = guardSecurity.documenting(
    new DeviceAuth(db, opts.deviceTokens, (t) => staffLookup.byToken(t)),
    staffSecurity,
  );
  guardSecurity.set(deviceAuth.requireDevice, deviceSecurity);
  guardSecurity.set(deviceAuth.requireTrustedDevice, deviceSecurity);
  guardSecurity.set(deviceAuth.requireDeviceOrStaff, deviceOrStaffSecurity);
  const ctx: CentralContext = {
    db,
    clock,
    idempotency: new IdempotencyStore(db, clock),
    queue: new QueueStore(db, clock),
    deviceAuth,
    staff: staffLookup,
    events,
    catalogue: new CatalogueStore(db),
    cases: new CaseStore(db, clock, new Sealer(loadDataKey(opts.dbPath)), events),
  };

  const timeouts = opts.httpTimeouts ?? DEFAULT_HTTP_TIMEOUTS;
  const app = Fastify({
    logger: (opts.logger ?? false) as FastifyServerOptions['logger'],
    bodyLimit: BODY_LIMIT_BYTES,
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.idleMs,
    http: {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      connectionsCheckingInterval: timeouts.checkIntervalMs,
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  installStrictJsonParser(app);
  // The API speaks JSON only: a text/plain body is a 415, not a string for the schema to refuse.
  app.removeContentTypeParser('text/plain');
  await installDeviceRateLimit(
    app,
    opts.rateLimit,
    (token) => deviceAuth.resolve(token) !== undefined || staffLookup.byToken(token) !== undefined,
  );
  const subRequests = trackSubRequests(app);
  installRouteDocumentation(app, {
    securityOf: (guard) => guardSecurity.of(guard),
    rateLimited: opts.rateLimit !== false,
  });

  const stopHousekeeping = runPeriodically(
    clock,
    IDEMPOTENCY_PURGE_INTERVAL_MS,
    () => {
      ctx.idempotency.purgeExpired();
      ctx.queue.forgetCitizenRefs(clock.now() - CITIZEN_REF_RETENTION_MS);
      ctx.events.purgeExpired();
    },
    (err) => app.log.error({ err }, 'central housekeeping failed'),
  );
  app.addHook('onClose', async () => {
    stopHousekeeping();
    db.close();
  });

  try {
    await registerRoutes(app, ctx, requireDeviceToken, subRequests, opts);
  } catch (err) {
    await app.close();
    throw err;
  }
  return app;
}

async function registerRoutes(
  app: FastifyInstance,
  ctx: CentralContext,
  requireDeviceToken: ReturnType<typeof deviceTokenGuard>,
  subRequests: SubRequestResponses,
  opts: CentralAppOptions,
): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Central acceptance API',
        description: 'Reference central service of the one-window government service system',
        version: CENTRAL_API_VERSION,
      },
      components: {
        securitySchemes: {
          [DEVICE_TOKEN_SCHEME]: { type: 'http', scheme: 'bearer' },
          [STAFF_TOKEN_SCHEME]: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  registerDocs(app);

  app.get(
    '/v1/health',
    { schema: { summary: 'Liveness check', tags: ['system'], response: { 200: healthResponseSchema } } },
    async () => ({ ok: true as const, version: CENTRAL_API_VERSION }),
  );

  // Everything registered in this scope requires a device token. New slices register here.
  await app.register(async (authed) => {
    authed.addHook('onRequest', requireDeviceToken);
  });

  // Counter-side slices guard each route themselves (enrolled kiosks, trusted devices, staff roles).
  await app.register(queueRoutes, { ctx, onTicketCalled: publishTicketCalled(ctx.events) });
  await app.register(appointmentRoutes, { ctx });
  await app.register(calendarRoutes, { ctx });
  await app.register(paymentRoutes, { ctx });
  await app.register(evaluationRoutes, { ctx });
  await app.register(kioskRoutes, {
    ctx,
    citizenRefKey: opts.citizenRefKey,
    onConfigChanged: ({ version, terminalId }) =>
      ctx.events.publish({ type: 'config.changed', terminalId, data: { version } }),
  });
  await app.register(catalogueRoutes, { ctx });
  await app.register(caseRoutes, { ctx });
  await app.register(certificateRoutes, { ctx });
  await app.register(eventRoutes, { ctx });
  await app.register(staffRoutes, { ctx });
  await app.register(caseSignatureRoutes, { ctx });
  await app.register(staffCallRoutes, {
    ctx,
    escalateAfterMs: opts.staffCallEscalateAfterMs ?? staffCallEscalationFrom(process.env),
  });
  await app.register(proofRoutes, {
    ctx,
    sealer: new Sealer(loadDataKey(opts.dbPath)),
    publicBaseUrl: opts.publicBaseUrl ?? process.env.CENTRAL_PUBLIC_URL,
    ...(opts.rateLimit === false ? { verifyRateLimit: false as const } : {}),
  });
  await app.register(materialScanRoutes, { ctx, sealer: new Sealer(loadDataKey(opts.dbPath)) });
  await app.register(batchRoutes, { ctx, subRequests });

  await app.ready();
}
