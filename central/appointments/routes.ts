import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { issueTicketResponseSchema } from '../contract';
import type { CentralContext } from '../context';
import { idempotencyHeaders, runIdempotent, sendIdempotent, storedError } from '../http/idempotent';
import { deviceSecurity as security, errorResponses as errors } from '../http/route-schemas';
import { ApiError } from '../http/errors';
import { assertHall, callerOf, HALL_CONFINED, reaches } from '../halls/reach';
import { assertActsFor } from '../kiosks/auth';
import { issueResponse } from '../queue/routes';
import { hallDate, hallInstant } from '../../domain/hall-time';
import { closedReason, isOpenDay, openDaysFrom, type HallCalendar } from '../calendar/calendar';
import { CalendarStore } from '../calendar/store';
import {
  appointmentCitizenRequestSchema,
  appointmentCodeSchema,
  appointmentResponseSchema,
  appointmentSlotResponseSchema,
  bookAppointmentRequestSchema,
  checkInRequestSchema,
  listAppointmentSlotsQuerySchema,
  listAppointmentSlotsResponseSchema,
  qrCheckInRequestSchema,
  setSlotCapacityRequestSchema,
  type Appointment,
  type AppointmentSlot,
} from './contract';
import {
  AppointmentStore,
  BOOKING_HORIZON_DAYS,
  CHECK_IN_CLOSES_AFTER_MS,
  CHECK_IN_OPENS_BEFORE_MS,
  parseSlotId,
} from './store';

const tags = ['appointments'];
const BOOK_SCOPE = 'POST /v1/appointments';
const CHECK_IN_SCOPE = 'POST /v1/appointments/:code/check-in';
const QR_CHECK_IN_SCOPE = 'POST /v1/appointments/:code/qr-check-in';
const DAY = 24 * 60 * 60 * 1000;
const codeParams = z.object({ code: appointmentCodeSchema });

/** Appointments: daily slots with capacity; book, look up, cancel, and check in for a priority ticket. */
export const appointmentRoutes: FastifyPluginAsyncZod<{ ctx: CentralContext }> = async (app, { ctx }) => {
  const { clock, queue } = ctx;
  const store = new AppointmentStore(ctx.db);
  const calendars = new CalendarStore(ctx.db);
  const requireDevice = ctx.deviceAuth.requireDevice;

  /** A slot is offered only within the hall's opening hours of its day. */
  const withinHours = (calendar: HallCalendar, slot: AppointmentSlot) =>
    slot.startTime >= calendar.opensAt && slot.endTime <= calendar.closesAt;

  /**
   * Checks in a booking found by card or by QR code: within its window, on the day, for a priority
   * ticket. After the window the booking has expired; before it, check-in is not open yet.
   */
  function checkInFound(found: Appointment & { citizenRef: string }, terminalId: string) {
    if (found.status !== 'booked') {
      return storedError(
        new ApiError(
          409,
          'invalid-appointment-state',
          `Cannot check in an appointment that is ${found.status}`,
        ),
      );
    }
    const now = clock.now();
    const opens = hallInstant(found.serviceDate, found.startTime) - CHECK_IN_OPENS_BEFORE_MS;
    const closes = hallInstant(found.serviceDate, found.endTime) + CHECK_IN_CLOSES_AFTER_MS;
    if (now > closes) {
      throw new ApiError(
        422,
        'appointment-expired',
        `The appointment of ${found.serviceDate} ${found.startTime} has expired (check-in closed 15 minutes after ${found.endTime})`,
      );
    }
    if (now < opens) {
      throw new ApiError(
        422,
        'check-in-closed',
        `Check-in is open from an hour before ${found.startTime} to 15 minutes after ${found.endTime} on ${found.serviceDate}`,
      );
    }
    const outcome = queue.issue(
      {
        hallId: found.hallId,
        category: found.category,
        terminalId,
        citizenRef: found.citizenRef,
        priority: 'appointment',
        kioskSequence: 1,
        requestedAt: new Date(now).toISOString(),
      },
      found.serviceDate,
      now,
      { priorityReason: 'appointment' },
    );
    if (outcome.kind === 'issued') store.markCheckedIn(found.code, outcome.ticket.ticketId, now);
    return issueResponse(outcome, found.category);
  }

  /** The slot named by an id, its day created on first use; 422 unknown-slot otherwise. */
  function requireSlot(slotId: string) {
    const parsed = parseSlotId(slotId);
    if (!parsed || !queue.hasCategory(parsed.hallId, parsed.category)) {
      throw new ApiError(422, 'unknown-slot', 'No such appointment slot');
    }
    store.ensureDay(parsed.hallId, parsed.category, parsed.date);
    return store.slot(slotId)!;
  }

  /** The booking of this code and citizen, if it is of a hall the caller reaches (403 otherwise). */
  function requireAppointment(request: FastifyRequest, code: string, citizenRef: string) {
    const found = store.find(code, citizenRef);
    // Same answer for a wrong code and someone else's code: codes cannot be probed.
    if (!found)
      throw new ApiError(404, 'unknown-appointment', 'No appointment with this code for this citizen');
    assertHall(request, found.hallId);
    return found;
  }

  app.get(
    '/v1/appointment-slots',
    {
      onRequest: requireDevice,
      schema: {
        summary: 'Slots of a hall and category on a day, with what is still available',
        description: HALL_CONFINED,
        tags,
        security,
        querystring: listAppointmentSlotsQuerySchema,
        response: { 200: listAppointmentSlotsResponseSchema, ...errors },
      },
    },
    async (request) => {
      const { hallId, category, date } = request.query;
      assertHall(request, hallId);
      if (!queue.hall(hallId)) throw new ApiError(404, 'unknown-hall', `No hall ${hallId}`);
      if (!queue.hasCategory(hallId, category)) {
        throw new ApiError(404, 'unknown-category', `No queue category ${category} in hall ${hallId}`);
      }
      if (Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw new ApiError(400, 'bad-request', 'Not a date');
      const calendar = calendars.calendarOf(hallId);
      const open = isOpenDay(calendar, date);
      return {
        open,
        bookableDates: openDaysFrom(calendar, hallDate(clock.now()), BOOKING_HORIZON_DAYS),
        slots: open ? store.slotsOfDay(hallId, category, date).filter((s) => withinHours(calendar, s)) : [],
      };
    },
  );

  app.put(
    '/v1/appointment-slots/:slotId/capacity',
    {
      onRequest: ctx.deviceAuth.staffGuard('manager'),
      schema: {
        summary: "Set a slot's capacity (manager); existing bookings are kept",
        description: `${HALL_CONFINED} The hall is the slot's.`,
        tags,
        security,
        params: z.object({ slotId: z.string().min(1).max(100) }),
        body: setSlotCapacityRequestSchema,
        response: { 200: appointmentSlotResponseSchema, ...errors },
      },
    },
    async (request) => {
      const slot = requireSlot(request.params.slotId);
      assertHall(request, slot.hallId);
      return { slot: store.setCapacity(request.params.slotId, request.body.capacity)! };
    },
  );

  app.post(
    '/v1/appointments',
    {
      onRequest: requireDevice,
      schema: {
        summary: 'Book an appointment (idempotent by Idempotency-Key)',
        description: `${HALL_CONFINED} The hall is the slot's.`,
        tags,
        security,
        headers: idempotencyHeaders,
        body: bookAppointmentRequestSchema,
        response: { 201: appointmentResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const slotHall = parseSlotId(body.slotId)?.hallId;
      if (slotHall !== undefined) assertHall(request, slotHall);
      const result = runIdempotent(ctx, request, BOOK_SCOPE, body, () => {
        const slot = requireSlot(body.slotId);
        const now = clock.now();
        const today = hallDate(now);
        // The kiosk offers only open days, but the central decides: never trust the caller's calendar.
        const calendar = calendars.calendarOf(slot.hallId);
        const closed = closedReason(calendar, slot.serviceDate);
        if (closed !== undefined) {
          throw new ApiError(
            422,
            'hall-closed',
            closed === 'weekly'
              ? `The hall does not open on ${slot.serviceDate}`
              : `The hall is closed on ${slot.serviceDate} (${closed})`,
          );
        }
        if (!withinHours(calendar, slot)) {
          throw new ApiError(422, 'slot-closed', 'This slot is outside the opening hours');
        }
        if (hallInstant(slot.serviceDate, slot.startTime) <= now) {
          throw new ApiError(422, 'slot-closed', 'This slot has already started');
        }
        if (
          hallInstant(slot.serviceDate, '00:00') >=
          hallInstant(today, '00:00') + BOOKING_HORIZON_DAYS * DAY
        ) {
          throw new ApiError(422, 'slot-closed', `Bookings open ${BOOKING_HORIZON_DAYS} days ahead`);
        }
        const outcome = store.book(slot, body.citizenRef, now);
        switch (outcome.kind) {
          case 'booked':
            return { status: 201, body: { appointment: outcome.appointment } };
          case 'slot-full':
            return storedError(new ApiError(409, 'slot-full', 'This slot is fully booked'));
          case 'appointment-exists':
            return storedError(
              new ApiError(
                409,
                'appointment-exists',
                `The citizen already has appointment ${outcome.appointment.code} that day in this category`,
              ),
            );
        }
      });
      return sendIdempotent(reply, result);
    },
  );

  app.post(
    '/v1/appointments/:code/lookup',
    {
      onRequest: requireDevice,
      schema: {
        summary: "Look up a booking by its code and the citizen's reference",
        description: `${HALL_CONFINED} The hall is the booking's.`,
        tags,
        security,
        params: codeParams,
        body: appointmentCitizenRequestSchema,
        response: { 200: appointmentResponseSchema, ...errors },
      },
    },
    async (request) => {
      const { citizenRef: _ref, ...appointment } = requireAppointment(
        request,
        request.params.code,
        request.body.citizenRef,
      );
      return { appointment };
    },
  );

  app.post(
    '/v1/appointments/:code/cancel',
    {
      onRequest: requireDevice,
      schema: {
        summary: 'Cancel a booking (its code and the citizen reference together identify it)',
        description: `${HALL_CONFINED} The hall is the booking's.`,
        tags,
        security,
        params: codeParams,
        body: appointmentCitizenRequestSchema,
        response: { 200: appointmentResponseSchema, ...errors },
      },
    },
    async (request) => {
      const { code } = request.params;
      return ctx.db
        .transaction(() => {
          const found = requireAppointment(request, code, request.body.citizenRef);
          if (found.status === 'cancelled') return { appointment: stripRef(found) };
          if (found.status !== 'booked' || !store.cancel(code, clock.now())) {
            throw new ApiError(
              409,
              'invalid-appointment-state',
              `Cannot cancel an appointment that is ${found.status}`,
            );
          }
          return { appointment: stripRef(requireAppointment(request, code, request.body.citizenRef)) };
        })
        .immediate();
    },
  );

  app.post(
    '/v1/appointments/:code/check-in',
    {
      onRequest: requireDevice,
      schema: {
        summary: 'Check in on the day: answers a priority ticket (idempotent by Idempotency-Key)',
        description: `Open from an hour before the slot to a quarter of an hour after it ends. ${HALL_CONFINED} The hall is the booking's: a kiosk checks in only bookings of its own hall.`,
        tags,
        security,
        headers: idempotencyHeaders,
        params: codeParams,
        body: checkInRequestSchema,
        response: { 201: issueTicketResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const body = request.body;
      assertActsFor(request, body.terminalId);
      const result = runIdempotent(ctx, request, CHECK_IN_SCOPE, { code, ...body }, () => {
        return checkInFound(requireAppointment(request, code, body.citizenRef), body.terminalId);
      });
      return sendIdempotent(reply, result);
    },
  );
  app.post(
    '/v1/appointments/:code/qr-check-in',
    {
      onRequest: requireDevice,
      schema: {
        summary: "Check in by the booking's QR code alone, without a card (idempotent by Idempotency-Key)",
        description:
          'The QR token proves the citizen holds the booking. 404 unknown-appointment for a wrong code or ' +
          'token (they cannot be probed), 403 appointment-other-hall for a booking of another hall, 422 ' +
          `appointment-expired after its window. ${HALL_CONFINED}`,
        tags,
        security,
        headers: idempotencyHeaders,
        params: codeParams,
        body: qrCheckInRequestSchema,
        response: { 201: issueTicketResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const body = request.body;
      assertActsFor(request, body.terminalId);
      const result = runIdempotent(ctx, request, QR_CHECK_IN_SCOPE, { code, ...body }, () => {
        const found = store.findByQr(code, body.token);
        if (!found) throw new ApiError(404, 'unknown-appointment', 'No appointment with this QR code');
        // The token holder may know it is another hall's booking: say so plainly, never check it in.
        if (!reaches(callerOf(request), found.hallId)) {
          throw new ApiError(403, 'appointment-other-hall', 'This appointment is for another hall');
        }
        return checkInFound(found, body.terminalId);
      });
      return sendIdempotent(reply, result);
    },
  );
};

function stripRef<T extends { citizenRef: string }>(found: T): Omit<T, 'citizenRef'> {
  const { citizenRef: _ref, ...rest } = found;
  return rest;
}
