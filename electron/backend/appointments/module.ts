import type { KioskModule } from '../kiosk-module';
import { appointmentOutboxKinds, type AppointmentOutboxDeps } from './outbox';
import { registerAppointmentRoutes } from './routes';
import { AppointmentsService, type AppointmentsDeps } from './service';

export interface AppointmentsModule extends KioskModule {
  readonly service: AppointmentsService;
}

/** Appointments: booking and checking in, delivered through the outbox (BOOK and CHECK_IN kinds). */
export function createAppointmentsModule(
  deps: AppointmentsDeps &
    Pick<AppointmentOutboxDeps, 'outbox'> & {
      central: AppointmentsDeps['central'] & AppointmentOutboxDeps['central'];
      simulated: boolean;
    },
): AppointmentsModule {
  const service = new AppointmentsService(deps);
  return {
    name: 'appointments',
    service,
    routes: (app) =>
      registerAppointmentRoutes(app, service, { logger: deps.logger, simulated: deps.simulated }),
    outboxKinds: appointmentOutboxKinds(deps),
  };
}
