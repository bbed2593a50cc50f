import type { ServiceGuide } from '../guide/service';
import type { KioskModule } from '../kiosk-module';
import type { StaffAlerts } from '../staff-call/alerts';
import type { CentralApplyClient } from './central';
import { caseSubmitKind, type CaseSubmitKindDeps } from './outbox';
import { registerApplyRoutes } from './routes';
import { ApplyJourney, type ApplyDeps } from './service';

export interface ApplyModuleDeps extends Omit<ApplyDeps, 'staffAlert' | 'guide' | 'central'> {
  /** The catalogue copy applications are made from; fetched once when none is held yet. */
  guide: Pick<ServiceGuide, 'current' | 'status' | 'refresh'>;
  central: Pick<CentralApplyClient, 'lookupECertificates' | 'submitCase'>;
  alerts: Pick<StaffAlerts, 'raise'>;
  outbox: CaseSubmitKindDeps['outbox'];
  /** A case number (or a refusal) arrived for an application: the receipt on screen refetches. */
  settled: CaseSubmitKindDeps['settled'];
  simulated: boolean;
}

export interface ApplyModule extends KioskModule {
  readonly apply: ApplyJourney;
}

/**
 * Applying for an item or a life-event bundle: the journey, its routes and its queued case
 * submissions. A receipt that did not print is a staff alert (the citizen leaves without it).
 */
export function createApplyModule(deps: ApplyModuleDeps): ApplyModule {
  const { alerts, outbox, settled, simulated, ...journeyDeps } = deps;
  const apply = new ApplyJourney({
    ...journeyDeps,
    staffAlert: (state, caseNumber) =>
      alerts.raise({
        what: 'receipt-not-printed',
        device: 'receiptPrinter',
        state,
        ...(caseNumber ? { number: caseNumber } : {}),
      }),
  });
  return {
    name: 'apply',
    apply,
    // Another card or none: the last citizen's receipts and e-certificate answers are dropped.
    onSessionChange: () => apply.reset(),
    routes: (app) => registerApplyRoutes(app, { apply, guide: deps.guide, logger: deps.logger, simulated }),
    outboxKinds: [
      caseSubmitKind({
        central: deps.central,
        applications: deps.applications,
        outbox,
        logger: deps.logger,
        settled,
      }),
    ],
  };
}
