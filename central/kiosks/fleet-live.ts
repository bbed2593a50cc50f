import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { TimerHandle } from '../../domain/clock';
import { errorResponseSchema } from '../contract';
import type { CentralContext } from '../context';
import { FLEET_EVENT_PREFIX } from '../events/contract';
import { HEARTBEAT_INTERVAL_MS, MAX_BUFFERED_BYTES, RETRY_MS } from '../events/routes';
import { callerOf, reaches } from '../halls/reach';
import { runPeriodically } from '../http/idempotency';
import { browserSessionOf, type RequestGuard } from '../staff/browser-login';
import { staffSecurity } from '../staff/auth';
import type { StaffSessions } from '../staff/sessions';
import type { FleetKiosk } from './contract';
import { FLEET_PATHS, renderFleetRow } from './fleet-page';
import { FLEET_OFFLINE_SWEEP_MS, type KioskStore } from './store';
import { openEventStream } from '../events/event-stream';

/** One kiosk's row for the page's script: the central renders it, so the markup is written once. */
export function fleetRowFrame(kiosk: FleetKiosk, at: string): string {
  const data = {
    terminalId: kiosk.terminalId,
    hallId: kiosk.hallId,
    online: kiosk.online,
    at,
    html: renderFleetRow(kiosk),
  };
  return `event: fleet.row\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Tells the page that the fleet changed: a heartbeat (device states, outbox) or a silence. */
export function publishFleetChange(
  ctx: CentralContext,
  reason: 'heartbeat' | 'offline',
  kiosk: FleetKiosk,
): void {
  ctx.events.publish({
    type: `${FLEET_EVENT_PREFIX}kiosk-changed`,
    hallId: kiosk.hallId,
    data: { reason, kiosk },
  });
}

/**
 * Announces kiosks that went silent: with no request arriving, nothing else would tell an open
 * fleet page. Runs on every node; the store's conditional update lets one of them announce each.
 * Returns the stop function.
 */
export function startOfflineSweep(ctx: CentralContext, kiosks: KioskStore, onError: (err: unknown) => void) {
  return runPeriodically(
    ctx.clock,
    FLEET_OFFLINE_SWEEP_MS,
    () =>
      ctx.db
        .transaction(() => {
          for (const kiosk of kiosks.noteOffline(ctx.clock.now())) publishFleetChange(ctx, 'offline', kiosk);
        })
        .immediate(),
    onError,
  );
}

/**
 * The fleet page's stream (server-sent events): on each connect the whole fleet in the caller's
 * reach, then each change as it is committed. No resume: a page that reconnects is sent the fleet
 * anew, which is what it would rebuild from anyway. A browser session ends the stream when it expires.
 */
export function registerFleetStream(
  app: FastifyInstance,
  deps: {
    ctx: CentralContext;
    guard: RequestGuard;
    sessions: StaffSessions;
    fleetInReach: (request: FastifyRequest) => FleetKiosk[];
  },
): void {
  const { ctx } = deps;
  const open = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const raw of open) raw.end();
    open.clear();
  });

  app.get(
    FLEET_PATHS.events,
    {
      onRequest: deps.guard,
      schema: {
        summary:
          'Live fleet for the fleet page (server-sent events; manager, staff token or browser session)',
        description:
          'On connect, one `fleet.row` event per kiosk in the caller’s halls; then one per heartbeat and per kiosk ' +
          'gone silent. Each carries `{ terminalId, hallId, online, at, html }`, the row as the page shows it. ' +
          '`fleet.session-ended` when a browser session expires. A comment line is sent every 15 s.',
        tags: ['kiosks'],
        security: staffSecurity,
        produces: ['text/event-stream'],
        response: {
          200: z.string().describe('text/event-stream'),
          401: errorResponseSchema,
          403: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const session = browserSessionOf(request);
      const snapshot = deps.fleetInReach(request);
      const raw = openEventStream(reply);
      open.add(raw);
      const send = (chunk: string) => {
        if (raw.writableEnded || raw.destroyed) return;
        raw.write(chunk);
        if (raw.writableLength > MAX_BUFFERED_BYTES) raw.destroy();
      };
      send(`retry: ${RETRY_MS}\n\n`);
      const at = new Date(ctx.clock.now()).toISOString();
      for (const kiosk of snapshot) send(fleetRowFrame(kiosk, at));

      const { unsubscribe } = ctx.events.subscribe(
        {
          lastSent: 0,
          fleetReaches: (hallId) => reaches(caller, hallId),
          deliver: (event) => {
            if (event.type === 'fleet.kiosk-changed') send(fleetRowFrame(event.data.kiosk, event.at));
          },
        },
        undefined,
      );
      const timers: TimerHandle[] = [];
      const beat = () => {
        send(': keep-alive\n\n');
        timers[0] = ctx.clock.setTimeout(beat, HEARTBEAT_INTERVAL_MS);
      };
      timers[0] = ctx.clock.setTimeout(beat, HEARTBEAT_INTERVAL_MS);
      if (session) {
        timers[1] = ctx.clock.setTimeout(
          () => {
            send('event: fleet.session-ended\ndata: {}\n\n');
            raw.end();
          },
          Math.max(0, session.expiresAt - ctx.clock.now()),
        );
      }
      raw.on('close', () => {
        unsubscribe();
        open.delete(raw);
        for (const t of timers) ctx.clock.clearTimeout(t);
      });
      return reply;
    },
  );
}
