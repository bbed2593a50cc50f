import type { ServerResponse } from 'node:http';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TimerHandle } from '../../domain/clock';
import type { CentralContext } from '../context';
import { openEventStream } from '../events/event-stream';
import { HEARTBEAT_INTERVAL_MS, MAX_BUFFERED_BYTES, RETRY_MS } from '../events/routes';
import { assertHall, callerOf, HALL_CONFINED, reaches } from '../halls/reach';
import { ApiError } from '../http/errors';
import { idempotencyHeaders, runIdempotent, sendIdempotent, storedError } from '../http/idempotent';
import { deviceSecurity, errorResponses as errors } from '../http/route-schemas';
import { assertActsFor, principalOf } from '../kiosks/auth';
import { FLEET_PAGE_HEADERS } from '../kiosks/fleet-page';
import { staffSecurity } from '../staff/auth';
import { browserSessionGuard, browserSessionOf } from '../staff/browser-login';
import { StaffSessions } from '../staff/sessions';
import {
  cancelStaffCallRequestSchema,
  createStaffCallRequestSchema,
  listStaffCallsQuerySchema,
  listStaffCallsResponseSchema,
  staffCallParamsSchema,
  staffCallResponseSchema,
  type StaffCall,
} from './contract';
import { publishStaffCallChange, startEscalationSweep } from './escalation';
import {
  renderStaffCallPage,
  renderStaffCallRow,
  STAFF_CALL_PAGE_SCRIPT,
  STAFF_CALL_PAGE_STYLE,
  STAFF_CALL_PATHS,
} from './page';
import { StaffCallStore, type StaffCallRefusal } from './store';

const tags = ['staff-calls'];
const CREATE_SCOPE = `POST ${STAFF_CALL_PATHS.calls}`;
const CANCEL_SCOPE = `POST ${STAFF_CALL_PATHS.calls}/:callId/cancel`;
/** Hall staff answer calls: window staff and the hall's managers (the duty manager among them). */
const ANSWERING_ROLES = ['window', 'manager'] as const;

export interface StaffCallRoutesOptions {
  ctx: CentralContext;
  /** An open call nobody took within this long is escalated to the hall's duty manager. */
  escalateAfterMs: number;
}

function refusal(reason: StaffCallRefusal): ApiError {
  switch (reason) {
    case 'unknown':
      return new ApiError(404, 'unknown-staff-call', 'No such staff call');
    case 'taken-by-other':
      return new ApiError(409, 'staff-call-taken', 'Another staff member has taken this call');
    case 'ended':
      return new ApiError(409, 'staff-call-ended', 'This call was closed or cancelled');
  }
}

/** A state-changing request by session cookie must come from a page of this central (Origin). */
function assertSameOriginIfBrowser(request: FastifyRequest): void {
  if (browserSessionOf(request) === undefined) return;
  const origin = request.headers.origin;
  let host: string | undefined;
  try {
    host = origin ? new URL(origin).host : undefined;
  } catch {
    host = undefined;
  }
  if (host !== request.host) {
    throw new ApiError(403, 'forbidden', 'Use the staff-call page of this central');
  }
}

/** One call's row for the page's script: the central renders it, so the markup is written once. */
export function staffCallRowFrame(call: StaffCall): string {
  const data = { callId: call.callId, status: call.status, html: renderStaffCallRow(call) };
  return `event: staff-call.row\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * 帮办代办: kiosks raise and cancel calls (device token, idempotent), hall staff see, take and close
 * them (staff token, or the fleet page's browser session), each confined to the caller's halls.
 * Open calls nobody takes escalate to the duty manager.
 */
export const staffCallRoutes: FastifyPluginAsyncZod<StaffCallRoutesOptions> = async (app, options) => {
  const { ctx, escalateAfterMs } = options;
  const { clock } = ctx;
  const calls = new StaffCallStore(ctx.db);
  const sessions = new StaffSessions(ctx.db, ctx.staff);
  const staffGuard = (onMissing: 'login' | 'unauthorized') =>
    browserSessionGuard({
      sessions,
      clock,
      bearerGuard: ctx.deviceAuth.staffGuard(...ANSWERING_ROLES),
      roles: [...ANSWERING_ROLES],
      onMissing,
    });
  const stopSweep = startEscalationSweep(ctx, calls, escalateAfterMs, (err) =>
    app.log.error({ err }, 'staff call escalation sweep failed'),
  );
  app.addHook('onClose', async () => stopSweep());

  const inReach = (request: FastifyRequest, hallId: string | undefined) => {
    if (hallId !== undefined) assertHall(request, hallId);
    const caller = callerOf(request);
    return calls.live((h) => reaches(caller, h) && (hallId === undefined || h === hallId));
  };
  /** The staff member acting: by session, or by staff token. */
  const actingStaff = (request: FastifyRequest) => {
    const session = browserSessionOf(request);
    if (session) return { staffId: session.member.staffId, displayName: session.member.displayName };
    const p = principalOf(request);
    const member = p?.kind === 'staff' ? ctx.staff.byId(p.staffId) : undefined;
    if (!member) throw new ApiError(403, 'forbidden', 'This action needs a staff token');
    return { staffId: member.staffId, displayName: member.displayName };
  };
  /** The call a staff member acts on, 404 if unknown and 403 if of a hall outside their reach. */
  const staffCallInReach = (request: FastifyRequest, callId: string) => {
    const call = calls.get(callId);
    if (!call) throw refusal('unknown');
    assertHall(request, call.hallId);
    return call;
  };

  app.post(
    STAFF_CALL_PATHS.calls,
    {
      onRequest: ctx.deviceAuth.requireDevice,
      schema: {
        summary: 'A kiosk calls for staff (帮办代办) (idempotent by Idempotency-Key)',
        description:
          'Says where the citizen stands (terminal, its place in the hall, the screen) and nothing about who ' +
          'they are: the body is strict, so any other field is refused 400. The call id is the kiosk’s own ' +
          '(409 staff-call-exists when another call has it). Staff pages and the kiosk’s stream learn of it ' +
          `at once; nobody taking it within the escalation deadline escalates it to the duty manager. ${HALL_CONFINED}`,
        tags,
        security: deviceSecurity,
        headers: idempotencyHeaders,
        body: createStaffCallRequestSchema,
        response: { 201: staffCallResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const body = request.body;
      assertActsFor(request, body.terminalId);
      assertHall(request, body.hallId);
      if (!ctx.queue.hall(body.hallId)) throw new ApiError(422, 'unknown-hall', `No hall ${body.hallId}`);
      const result = runIdempotent(ctx, request, CREATE_SCOPE, body, () => {
        const call = calls.create(body, clock.now());
        if (!call) return storedError(new ApiError(409, 'staff-call-exists', 'This call id is taken'));
        publishStaffCallChange(ctx, 'created', call);
        return { status: 201, body: { call } };
      });
      return sendIdempotent(reply, result);
    },
  );

  app.post(
    `${STAFF_CALL_PATHS.calls}/:callId/cancel`,
    {
      onRequest: ctx.deviceAuth.requireDevice,
      schema: {
        summary: 'The kiosk withdraws its call: the citizen cancelled, or their session ended (idempotent)',
        description:
          'Only the calling terminal may cancel (403 otherwise). A call that has ended already is answered ' +
          'as it ended, so a late cancel changes nothing and is not an error.',
        tags,
        security: deviceSecurity,
        headers: idempotencyHeaders,
        params: staffCallParamsSchema,
        body: cancelStaffCallRequestSchema,
        response: { 200: staffCallResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { callId } = request.params;
      const body = request.body;
      assertActsFor(request, body.terminalId);
      const existing = calls.get(callId);
      if (!existing) throw refusal('unknown');
      assertHall(request, existing.hallId);
      if (existing.terminalId !== body.terminalId) {
        throw new ApiError(403, 'forbidden', 'This call was made by another terminal');
      }
      const result = runIdempotent(ctx, request, CANCEL_SCOPE, { callId, ...body }, () => {
        const change = calls.cancel(callId, body.reason, clock.now());
        if (!change.ok) return storedError(refusal(change.refusal));
        if (change.changed) publishStaffCallChange(ctx, 'cancelled', change.call);
        return { status: 200, body: { call: change.call } };
      });
      return sendIdempotent(reply, result);
    },
  );

  app.get(
    `${STAFF_CALL_PATHS.calls}/:callId`,
    {
      onRequest: ctx.deviceAuth.requireDevice,
      schema: {
        summary: 'The calling kiosk reads its call (after its event stream was down)',
        tags,
        security: deviceSecurity,
        params: staffCallParamsSchema,
        response: { 200: staffCallResponseSchema, ...errors },
      },
    },
    async (request) => {
      const call = calls.get(request.params.callId);
      if (!call) throw refusal('unknown');
      assertActsFor(request, call.terminalId);
      assertHall(request, call.hallId);
      return { call };
    },
  );

  app.get(
    STAFF_CALL_PATHS.calls,
    {
      onRequest: staffGuard('unauthorized'),
      schema: {
        summary: 'Open and taken staff calls, oldest first (window staff, manager)',
        description: `${HALL_CONFINED} Lists only calls of the staff member's halls.`,
        tags,
        security: staffSecurity,
        querystring: listStaffCallsQuerySchema,
        response: { 200: listStaffCallsResponseSchema, ...errors },
      },
    },
    async (request) => ({ calls: inReach(request, request.query.hallId) }),
  );

  for (const action of ['take', 'close'] as const) {
    app.post(
      `${STAFF_CALL_PATHS.calls}/:callId/${action}`,
      {
        onRequest: staffGuard('unauthorized'),
        schema: {
          summary:
            action === 'take'
              ? 'A staff member takes a call and goes to the kiosk (window staff, manager)'
              : 'A staff member closes a call: the citizen was helped (window staff, manager)',
          description:
            (action === 'take'
              ? 'An open call only; 409 staff-call-taken when someone else took it first, staff-call-ended once ' +
                'it ended. Taking one’s own call again answers it unchanged. The kiosk’s screen shows the name. '
              : 'An open or taken call; closing a closed call answers it unchanged, a cancelled one is 409 ' +
                'staff-call-ended. ') +
            `Kiosks are refused 403. A browser session posts from this central's page (Origin). ${HALL_CONFINED}`,
          tags,
          security: staffSecurity,
          params: staffCallParamsSchema,
          response: { 200: staffCallResponseSchema, ...errors },
        },
      },
      async (request) => {
        assertSameOriginIfBrowser(request);
        const { callId } = request.params;
        staffCallInReach(request, callId);
        const staff = actingStaff(request);
        return ctx.db
          .transaction(() => {
            const now = clock.now();
            const change =
              action === 'take' ? calls.take(callId, staff, now) : calls.close(callId, staff.staffId, now);
            if (!change.ok) throw refusal(change.refusal);
            if (change.changed) {
              publishStaffCallChange(ctx, action === 'take' ? 'taken' : 'closed', change.call);
            }
            return { call: change.call };
          })
          .immediate();
      },
    );
  }

  app.get(
    STAFF_CALL_PATHS.page,
    {
      onRequest: staffGuard('login'),
      schema: {
        summary: 'Staff-call page for a browser (manager session, or a staff token)',
        description:
          `${HALL_CONFINED} Lists the open and taken calls of the staff member's halls, follows ` +
          `${STAFF_CALL_PATHS.events} and offers take and close. A browser logs in on the fleet page's login.`,
        tags,
        security: staffSecurity,
        querystring: listStaffCallsQuerySchema,
        produces: ['text/html'],
        response: { 200: z.string().describe('HTML page'), ...errors },
      },
    },
    async (request, reply) => {
      const viewer = actingStaff(request);
      return reply
        .headers(FLEET_PAGE_HEADERS)
        .type('text/html; charset=utf-8')
        .send(renderStaffCallPage(inReach(request, request.query.hallId), viewer, escalateAfterMs / 1000));
    },
  );

  const open = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const raw of open) raw.end();
    open.clear();
  });
  app.get(
    STAFF_CALL_PATHS.events,
    {
      onRequest: staffGuard('unauthorized'),
      schema: {
        summary: 'Live staff calls for the staff-call page (server-sent events; window staff, manager)',
        description:
          'On connect, one `staff-call.row` event per open or taken call in the caller’s halls; then one per ' +
          'change (taken, escalated, closed, cancelled, new). Each carries `{ callId, status, html }`. ' +
          '`staff-call.session-ended` when a browser session expires. A comment line is sent every 15 s.',
        tags,
        security: staffSecurity,
        produces: ['text/event-stream'],
        response: { 200: z.string().describe('text/event-stream'), 401: errors[401], 403: errors[403] },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const session = browserSessionOf(request);
      const snapshot = inReach(request, undefined);
      const raw = openEventStream(reply);
      open.add(raw);
      const send = (chunk: string) => {
        if (raw.writableEnded || raw.destroyed) return;
        raw.write(chunk);
        if (raw.writableLength > MAX_BUFFERED_BYTES) raw.destroy();
      };
      send(`retry: ${RETRY_MS}\n\n`);
      for (const call of snapshot) send(staffCallRowFrame(call));
      const { unsubscribe } = ctx.events.subscribe(
        {
          lastSent: 0,
          fleetReaches: (hallId) => reaches(caller, hallId),
          deliver: (event) => {
            if (event.type === 'fleet.staff-call-changed') send(staffCallRowFrame(event.data.call));
          },
        },
        undefined,
      );
      const timers: TimerHandle[] = [];
      const beat = () => {
        send(': keep-alive\n\n');
        timers[0] = clock.setTimeout(beat, HEARTBEAT_INTERVAL_MS);
      };
      timers[0] = clock.setTimeout(beat, HEARTBEAT_INTERVAL_MS);
      if (session) {
        timers[1] = clock.setTimeout(
          () => {
            send('event: staff-call.session-ended\ndata: {}\n\n');
            raw.end();
          },
          Math.max(0, session.expiresAt - clock.now()),
        );
      }
      raw.on('close', () => {
        unsubscribe();
        open.delete(raw);
        for (const t of timers) clock.clearTimeout(t);
      });
      return reply;
    },
  );

  app.get(STAFF_CALL_PATHS.script, { schema: { hide: true } }, async (_request, reply) =>
    reply
      .headers({ 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' })
      .type('text/javascript; charset=utf-8')
      .send(STAFF_CALL_PAGE_SCRIPT),
  );
  app.get(STAFF_CALL_PATHS.style, { schema: { hide: true } }, async (_request, reply) =>
    reply
      .headers({ 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' })
      .type('text/css; charset=utf-8')
      .send(STAFF_CALL_PAGE_STYLE),
  );
};
