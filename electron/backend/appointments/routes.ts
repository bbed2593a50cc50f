import type { FastifyInstance } from 'fastify';
import { registerEndpoints } from '../api/endpoint-routes';
import type { KioskLogger } from '../logging/logger';
import { appointmentEndpoints } from './contract';
import type { AppointmentsService } from './service';

/** Appointments' routes, from their endpoint table. */
export function registerAppointmentRoutes(
  app: FastifyInstance,
  appointments: AppointmentsService,
  options: { logger: KioskLogger; simulated: boolean },
): void {
  registerEndpoints(
    app,
    appointmentEndpoints,
    {
      slots: ({ query }) => appointments.slots(query.category, query.date),
      book: async ({ body }) => {
        const r = await appointments.book(body.slotId);
        return r.ok ? { ok: true, value: { appointment: r.value } } : r;
      },
      today: async () => {
        const r = await appointments.today();
        return r.ok ? { ok: true, value: { appointments: r.value } } : r;
      },
      checkIn: async ({ body }) => {
        const r = await appointments.checkIn(body.code);
        return r.ok ? { ok: true, value: { ticket: r.value } } : r;
      },
      qrCheckIn: async ({ query }) => {
        const r = await appointments.qrCheckInResult(query.seq);
        return r.ok ? { ok: true, value: { ticket: r.value } } : r;
      },
    },
    options,
  );
}
