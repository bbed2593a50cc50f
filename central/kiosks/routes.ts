import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema } from '../contract';
import type { CentralContext } from '../context';
import { DEVICE_TOKEN_SCHEME } from '../http/auth';
import { ApiError } from '../http/errors';
import { assertHall, callerOf, HALL_CONFINED, reaches } from '../halls/reach';
import { assertActsFor, principalOf } from './auth';
import {
  createEnrolmentCodeRequestSchema,
  enrolmentCodeResponseSchema,
  enrolRequestSchema,
  enrolResponseSchema,
  fleetQuerySchema,
  fleetResponseSchema,
  heartbeatRequestSchema,
  heartbeatResponseSchema,
  kioskConfigParamsSchema,
  kioskConfigResponseSchema,
  putKioskConfigRequestSchema,
  putKioskConfigResponseSchema,
} from './contract';
import { staffSecurity } from '../staff/auth';
import { browserLoginRoutes, browserSessionGuard, browserSessionOf } from '../staff/browser-login';
import { StaffSessions } from '../staff/sessions';
import { publishFleetChange, registerFleetStream, startOfflineSweep } from './fleet-live';
import {
  FLEET_PAGE_HEADERS,
  FLEET_PAGE_SCRIPT,
  FLEET_PAGE_STYLE,
  FLEET_PATHS,
  renderFleetPage,
} from './fleet-page';
import { KioskStore, MAX_KIOSK_CONFIG_BYTES } from './store';

const security = [{ [DEVICE_TOKEN_SCHEME]: [] }];
const tags = ['kiosks'];
const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  422: errorResponseSchema,
};

export interface KioskRoutesOptions {
  ctx: CentralContext;
  /** Handed to enrolled kiosks so every kiosk computes the same citizen reference. */
  citizenRefKey?: string;
  /**
   * Hook for the live event stream (central/events/): told of a new configuration version inside
   * its transaction. `terminalId` null means every kiosk.
   */
  onConfigChanged?: (change: { version: number; terminalId: string | null }) => void;
}

/** Kiosk enrolment, heartbeat, versioned remote configuration, and the fleet list and page. */
export const kioskRoutes: FastifyPluginAsyncZod<KioskRoutesOptions> = async (app, options) => {
  const { ctx } = options;
  const { clock } = ctx;
  const kiosks = new KioskStore(ctx.db);
  const manager = ctx.deviceAuth.staffGuard('manager');
  const sessions = new StaffSessions(ctx.db, ctx.staff);
  // The fleet page and its stream open in a browser (session cookie) as well as for a staff token.
  const fleetViewer = (onMissing: 'login' | 'unauthorized') =>
    browserSessionGuard({ sessions, clock, bearerGuard: manager, roles: ['manager'], onMissing });
  await app.register(browserLoginRoutes, { sessions, staff: ctx.staff, clock });
  const stopSweep = startOfflineSweep(ctx, kiosks, (err) =>
    app.log.error({ err }, 'fleet offline sweep failed'),
  );
  app.addHook('onClose', async () => stopSweep());

  /** The fleet as far as the manager reaches; naming a hall outside it is 403. */
  function fleetInReach(request: Parameters<typeof callerOf>[0], hallId: string | undefined) {
    if (hallId !== undefined) assertHall(request, hallId);
    const caller = callerOf(request);
    return kiosks.fleet(hallId, clock.now()).filter((k) => reaches(caller, k.hallId));
  }

  app.post(
    '/v1/kiosks/enrolment-codes',
    {
      onRequest: manager,
      schema: {
        summary: 'Issue a one-time enrolment code for a terminal (manager)',
        description:
          'Only for a hall of the manager, and only for a terminal that is new or already of such a hall ' +
          '(a kiosk of another hall is not moved; 403).',
        tags,
        security,
        body: createEnrolmentCodeRequestSchema,
        response: { 201: enrolmentCodeResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { terminalId, hallId } = request.body;
      assertHall(request, hallId);
      const current = kiosks.hallOf(terminalId);
      if (current !== undefined) assertHall(request, current);
      if (!ctx.queue.hall(hallId)) throw new ApiError(422, 'unknown-hall', `No hall ${hallId}`);
      const { code, expiresAt } = kiosks.createEnrolmentCode(terminalId, hallId, clock.now());
      return reply.code(201).send({ code, terminalId, hallId, expiresAt: new Date(expiresAt).toISOString() });
    },
  );

  app.post(
    '/v1/kiosks/enrol',
    {
      schema: {
        summary: 'Enrol a kiosk with its one-time code; answers its device token (shown once)',
        description: 'Authenticated by the one-time code itself; no bearer token.',
        tags,
        body: enrolRequestSchema,
        response: { 201: enrolResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { terminalId, code } = request.body;
      const enrolled = kiosks.enrol(terminalId, code, clock.now());
      if (!enrolled) {
        throw new ApiError(401, 'invalid-enrolment-code', 'The enrolment code is unknown, spent or expired');
      }
      return reply.code(201).send({
        terminalId,
        hallId: enrolled.hallId,
        deviceToken: enrolled.deviceToken,
        ...(options.citizenRefKey ? { citizenRefKey: options.citizenRefKey } : {}),
      });
    },
  );

  app.post(
    '/v1/kiosks/heartbeat',
    {
      onRequest: ctx.deviceAuth.requireDevice,
      schema: {
        summary: 'Kiosk heartbeat: device health, outbox depth and versions',
        tags,
        security,
        body: heartbeatRequestSchema,
        response: { 200: heartbeatResponseSchema, ...errors },
      },
    },
    async (request) => {
      const body = request.body;
      assertActsFor(request, body.terminalId);
      const principal = principalOf(request);
      if (principal?.kind === 'kiosk' && principal.hallId !== body.hallId) {
        throw new ApiError(403, 'forbidden', 'This kiosk is enrolled in another hall');
      }
      if (!ctx.queue.hall(body.hallId)) throw new ApiError(422, 'unknown-hall', `No hall ${body.hallId}`);
      const now = clock.now();
      // The fleet's open pages learn of it in the same transaction that records it.
      const known = ctx.db
        .transaction(() => {
          if (!kiosks.heartbeat(body, now, principal?.kind === 'trusted-device')) return false;
          const kiosk = kiosks.fleetKiosk(body.terminalId, now);
          if (kiosk) publishFleetChange(ctx, 'heartbeat', kiosk);
          return true;
        })
        .immediate();
      if (!known) throw new ApiError(404, 'unknown-terminal', 'This terminal is not enrolled');
      const latestVersion = kiosks.latestConfigVersion(body.terminalId);
      return {
        serverTime: new Date(now).toISOString(),
        config: { latestVersion, changed: latestVersion !== body.versions.config },
      };
    },
  );

  app.get(
    '/v1/kiosks/:terminalId/config',
    {
      onRequest: ctx.deviceAuth.requireDevice,
      schema: {
        summary: "A kiosk's remote configuration: fleet settings overlaid with its own",
        tags,
        security,
        params: kioskConfigParamsSchema,
        response: { 200: kioskConfigResponseSchema, ...errors },
      },
    },
    async (request) => {
      assertActsFor(request, request.params.terminalId);
      return { terminalId: request.params.terminalId, ...kiosks.configFor(request.params.terminalId) };
    },
  );

  app.put(
    '/v1/kiosks/config',
    {
      onRequest: manager,
      schema: {
        summary: 'Publish a new remote configuration version, fleet-wide or for one terminal (manager)',
        description:
          'For one enrolled terminal of a hall of the manager; fleet-wide, or for a terminal not enrolled ' +
          'yet (it may be enrolled in any hall), only by a city-level manager (every hall). 403 otherwise.',
        tags,
        security,
        body: putKioskConfigRequestSchema,
        response: { 201: putKioskConfigResponseSchema, ...errors, 413: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const { terminalId, config } = request.body;
      const hallId = terminalId === undefined ? undefined : kiosks.hallOf(terminalId);
      if (hallId !== undefined) assertHall(request, hallId);
      else if (callerOf(request).reach !== 'every-hall') {
        throw new ApiError(
          403,
          'forbidden',
          'A fleet-wide configuration, or one for a terminal not enrolled yet, needs a manager of every hall',
        );
      }
      if (Buffer.byteLength(JSON.stringify(config)) > MAX_KIOSK_CONFIG_BYTES) {
        throw new ApiError(
          413,
          'config-too-large',
          `Configuration is limited to ${MAX_KIOSK_CONFIG_BYTES} bytes`,
        );
      }
      const version = ctx.db
        .transaction(() => {
          const v = kiosks.putConfig(terminalId, config, clock.now());
          options.onConfigChanged?.({ version: v, terminalId: terminalId ?? null });
          return v;
        })
        .immediate();
      return reply.code(201).send({ version, terminalId: terminalId ?? null });
    },
  );

  app.get(
    '/v1/kiosks',
    {
      onRequest: manager,
      schema: {
        summary: 'Fleet list: every kiosk with its last heartbeat (manager)',
        description: `${HALL_CONFINED} Lists only kiosks of the manager's halls.`,
        tags,
        security,
        querystring: fleetQuerySchema,
        response: { 200: fleetResponseSchema, ...errors },
      },
    },
    async (request) => ({ kiosks: fleetInReach(request, request.query.hallId) }),
  );

  app.get(
    FLEET_PATHS.page,
    {
      onRequest: fleetViewer('login'),
      schema: {
        summary: 'Fleet page for a browser (manager)',
        description:
          `${HALL_CONFINED} Lists only kiosks of the manager's halls. A browser logs in at ${FLEET_PATHS.login} ` +
          'with a staff token and is sent here with a session cookie; without either it is sent to the login page. ' +
          `The page follows ${FLEET_PATHS.events} and updates itself.`,
        tags,
        // The guard is the browser-session one, whose security the document cannot infer.
        security: staffSecurity,
        querystring: fleetQuerySchema,
        produces: ['text/html'],
        response: { 200: z.string().describe('HTML page'), ...errors },
      },
    },
    async (request, reply) => {
      const session = browserSessionOf(request);
      const p = request.principal;
      const staffName = session?.member.displayName ?? (p?.kind === 'staff' ? p.displayName : undefined);
      return reply
        .headers(FLEET_PAGE_HEADERS)
        .type('text/html; charset=utf-8')
        .send(
          renderFleetPage(
            fleetInReach(request, request.query.hallId),
            clock.now(),
            staffName === undefined ? undefined : { displayName: staffName, session: session !== undefined },
          ),
        );
    },
  );

  registerFleetStream(app, {
    ctx,
    guard: fleetViewer('unauthorized'),
    sessions,
    fleetInReach: (request) => fleetInReach(request, undefined),
  });

  // The page's script and style: files of their own, as the page's CSP allows no inline code.
  app.get(FLEET_PATHS.script, { schema: { hide: true } }, async (_request, reply) =>
    reply
      .headers({ 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' })
      .type('text/javascript; charset=utf-8')
      .send(FLEET_PAGE_SCRIPT),
  );
  app.get(FLEET_PATHS.style, { schema: { hide: true } }, async (_request, reply) =>
    reply
      .headers({ 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' })
      .type('text/css; charset=utf-8')
      .send(FLEET_PAGE_STYLE),
  );
};
