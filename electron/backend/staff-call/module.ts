import type { KioskModule } from '../kiosk-module';
import { registerEndpoints } from '../api/endpoint-routes';
import { CentralStaffCallClient } from './central';
import { staffCallEndpoints } from './contract';
import { staffCallOutboxKinds } from './outbox';
import { StaffCallService, type StaffCallServiceDeps } from './service';
import type { CentralConnection } from '../central-connection/connection';

export interface StaffCallModule extends KioskModule {
  readonly service: StaffCallService;
  /** The citizen's session ended (finish, idle): a call left open is withdrawn. */
  sessionEnded(): void;
}

/**
 * 帮办代办: the citizen's call for staff, through the outbox to the central; "taken" and
 * "escalated" come back on the central's live stream. The session's end withdraws an open call,
 * taken or not: whoever comes would find an empty kiosk or the next citizen, and the staff page
 * shows that the citizen left.
 */
export function createStaffCallModule(
  deps: Omit<StaffCallServiceDeps, 'central'> & { connection: CentralConnection; simulated: boolean },
): StaffCallModule {
  const central = new CentralStaffCallClient(deps.connection);
  const service = new StaffCallService({ ...deps, central });
  const answer = () => ({ ok: true as const, value: { call: service.view() } });
  return {
    name: 'staff-call',
    service,
    sessionEnded: () => service.cancel('session-ended'),
    routes: (app) =>
      registerEndpoints(
        app,
        staffCallEndpoints,
        {
          current: answer,
          call: ({ body }) => {
            service.call(body.step);
            return answer();
          },
          cancel: () => {
            service.cancel('citizen-cancelled');
            return answer();
          },
        },
        { logger: deps.logger, simulated: deps.simulated },
      ),
    outboxKinds: staffCallOutboxKinds({
      central,
      logger: deps.logger,
      settled: (call) => service.update(call),
    }),
    onCentralEvent: (event) => {
      if (event.type === 'staff-call.changed') service.update(event.data.call);
    },
    onStreamOpen: () => void service.refresh(),
  };
}
