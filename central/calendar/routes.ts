import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CentralContext } from '../context';
import { hallDate } from '../../domain/hall-time';
import { ApiError } from '../http/errors';
import { deviceSecurity as security, errorResponses as errors } from '../http/route-schemas';
import { assertHall, callerOf, HALL_CONFINED } from '../halls/reach';
import { addDays, closedReason, isServiceDate, type Weekday } from './calendar';
import {
  hallCalendarQuerySchema,
  hallCalendarResponseSchema,
  setCalendarDayRequestSchema,
  setHallWeekRequestSchema,
} from './contract';
import { CalendarStore, EVERY_HALL } from './store';

const tags = ['calendar'];
const hallParams = z.object({ hallId: z.string().min(1).max(64) });

/** Hall calendars: which days a hall serves citizens, read by kiosks and set by managers. */
export const calendarRoutes: FastifyPluginAsyncZod<{ ctx: CentralContext }> = async (app, { ctx }) => {
  const store = new CalendarStore(ctx.db);
  const manager = ctx.deviceAuth.staffGuard('manager');

  function requireHall(hallId: string) {
    if (!ctx.queue.hall(hallId)) throw new ApiError(404, 'unknown-hall', `No hall ${hallId}`);
  }

  function view(hallId: string, from: string, days: number) {
    const calendar = store.calendarOf(hallId);
    return {
      hallId,
      openWeekdays: [...calendar.openWeekdays],
      opensAt: calendar.opensAt,
      closesAt: calendar.closesAt,
      days: Array.from({ length: days }, (_, i) => {
        const d = addDays(from, i);
        const reason = closedReason(calendar, d);
        return { date: d, open: reason === undefined, closedReason: reason ?? null };
      }),
    };
  }

  app.get(
    '/v1/halls/:hallId/calendar',
    {
      onRequest: ctx.deviceAuth.requireDeviceOrStaff,
      schema: {
        summary: "A hall's opening week and hours, and which of the coming days it is open",
        description: HALL_CONFINED,
        tags,
        security,
        params: hallParams,
        querystring: hallCalendarQuerySchema,
        response: { 200: hallCalendarResponseSchema, ...errors },
      },
    },
    async (request) => {
      const { hallId } = request.params;
      assertHall(request, hallId);
      requireHall(hallId);
      if (!isServiceDate(request.query.from)) throw new ApiError(400, 'bad-request', 'from is not a date');
      return view(hallId, request.query.from, request.query.days);
    },
  );

  app.put(
    '/v1/halls/:hallId/calendar',
    {
      onRequest: manager,
      schema: {
        summary: "Set a hall's opening weekdays and hours (manager)",
        description: HALL_CONFINED,
        tags,
        security,
        params: hallParams,
        body: setHallWeekRequestSchema,
        response: { 200: hallCalendarResponseSchema, ...errors },
      },
    },
    async (request) => {
      const { hallId } = request.params;
      assertHall(request, hallId);
      requireHall(hallId);
      const { openWeekdays, opensAt, closesAt } = request.body;
      store.setWeek(hallId, openWeekdays as Weekday[], opensAt, closesAt, ctx.clock.now());
      return view(hallId, hallDate(ctx.clock.now()), 14);
    },
  );

  app.put(
    '/v1/calendar-days/:date',
    {
      onRequest: manager,
      schema: {
        summary: 'Set a holiday or a 调休 working day, for one hall or every hall (manager)',
        description:
          "scope '*' (the State Council's days, for every hall) needs a city-level manager; a hall scope " +
          "needs a manager of that hall. kind 'none' removes the date's exception.",
        tags,
        security,
        params: z.object({ date: z.string().max(10) }),
        body: setCalendarDayRequestSchema,
        response: { 200: z.object({ ok: z.literal(true) }), ...errors },
      },
    },
    async (request) => {
      const { date } = request.params;
      if (!isServiceDate(date)) throw new ApiError(400, 'bad-request', `${date} is not a date (YYYY-MM-DD)`);
      const { scope, kind, name } = request.body;
      if (scope === EVERY_HALL) {
        if (callerOf(request).reach !== 'every-hall') {
          throw new ApiError(403, 'forbidden', 'Only a city-level manager sets days for every hall');
        }
      } else {
        assertHall(request, scope);
        requireHall(scope);
      }
      store.setDay(scope, date, kind === 'none' ? null : kind, name);
      return { ok: true as const };
    },
  );
};
