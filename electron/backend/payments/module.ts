import type { KioskModule } from '../kiosk-module';
import { paymentOutboxKinds, type PaymentOutboxDeps } from './outbox';
import { registerPaymentRoutes } from './routes';
import { PaymentsService, type PaymentsDeps } from './service';

export interface PaymentsModule extends KioskModule {
  readonly service: PaymentsService;
}

/**
 * Payments: order requests through the outbox (PAYMENT kind), the payment polled while shown.
 * When nobody is identified any more the payment is left: polling stops, an unsent request is
 * withdrawn. At start, before delivery begins, requests never sent are withdrawn (their citizen is
 * gone): the composition root calls `service.withdrawUnsentPayments()` then.
 */
export function createPaymentsModule(
  deps: PaymentsDeps & {
    central: PaymentsDeps['central'] & PaymentOutboxDeps['central'];
    simulated: boolean;
  },
): PaymentsModule {
  const service = new PaymentsService(deps);
  return {
    name: 'payments',
    service,
    routes: (app) => registerPaymentRoutes(app, service, { logger: deps.logger, simulated: deps.simulated }),
    outboxKinds: paymentOutboxKinds(deps),
    onSessionChange: () => {
      if (!deps.session.active) service.reset();
    },
    close: () => service.reset(),
  };
}
