import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { systemClock, type Clock } from '../drivers/clock';
import { healthResponseSchema } from './contract';
import type { CentralContext } from './context';
import { openCentralDatabase } from './db/database';
import { DEVICE_TOKEN_SCHEME, deviceTokenGuard } from './http/auth';
import { registerDocs } from './http/docs';
import { installErrorHandling } from './http/errors';
import { IDEMPOTENCY_PURGE_INTERVAL_MS, IdempotencyStore, runPeriodically } from './http/idempotency';
import { queueRoutes } from './queue/routes';
import { QueueStore } from './queue/store';
import { CENTRAL_API_VERSION } from './version';

/** Tickets and citizen references are for the day's queue; beyond this they are kept without the reference. */
export const CITIZEN_REF_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
// Requests are small JSON documents; a large body is a mistake or an attack.
const BODY_LIMIT_BYTES = 64 * 1024;

export interface CentralAppOptions {
  /** SQLite file, or ':memory:'. */
  dbPath: string;
  clock?: Clock;
  /** Bearer tokens accepted from kiosks and staff devices. */
  deviceTokens: string[];
  logger?: boolean | object;
}

export async function buildCentralApp(opts: CentralAppOptions): Promise<FastifyInstance> {
  const clock = opts.clock ?? systemClock;
  const requireDeviceToken = deviceTokenGuard(opts.deviceTokens);
  const db = openCentralDatabase(opts.dbPath);
  const ctx: CentralContext = {
    db,
    clock,
    idempotency: new IdempotencyStore(db, clock),
    queue: new QueueStore(db),
  };

  const app = Fastify({
    logger: (opts.logger ?? false) as FastifyServerOptions['logger'],
    bodyLimit: BODY_LIMIT_BYTES,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  const stopHousekeeping = runPeriodically(
    clock,
    IDEMPOTENCY_PURGE_INTERVAL_MS,
    () => {
      ctx.idempotency.purgeExpired();
      ctx.queue.forgetCitizenRefs(clock.now() - CITIZEN_REF_RETENTION_MS);
    },
    (err) => app.log.error({ err }, 'central housekeeping failed'),
  );
  app.addHook('onClose', async () => {
    stopHousekeeping();
    db.close();
  });

  try {
    await registerRoutes(app, ctx, requireDeviceToken);
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
): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Central acceptance API',
        description: 'Reference central service of the one-window government service system',
        version: CENTRAL_API_VERSION,
      },
      components: { securitySchemes: { [DEVICE_TOKEN_SCHEME]: { type: 'http', scheme: 'bearer' } } },
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
    await authed.register(queueRoutes, { ctx });
  });

  await app.ready();
}
