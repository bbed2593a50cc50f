import type { FastifyInstance } from 'fastify';
import { registerEndpoints } from '../api/endpoint-routes';
import type { KioskLogger } from '../logging/logger';
import { emptyAnswer } from '../session/citizen-action';
import { paymentDeveloperEndpoints, paymentEndpoints } from './contract';
import type { PaymentsService } from './service';

/** Payments' routes, from their endpoint table. */
export function registerPaymentRoutes(
  app: FastifyInstance,
  payments: PaymentsService,
  options: { logger: KioskLogger; simulated: boolean },
): void {
  registerEndpoints(
    app,
    paymentEndpoints,
    {
      orders: async () => {
        const r = await payments.orders();
        return r.ok ? { ok: true, value: { orders: r.value } } : r;
      },
      pay: async ({ body }) => {
        const r = await payments.createPayment(body.caseId);
        return r.ok ? { ok: true, value: { payment: r.value } } : r;
      },
      leave: () => {
        payments.leave();
        return { ok: true, value: {} };
      },
    },
    options,
  );
  registerEndpoints(
    app,
    paymentDeveloperEndpoints,
    { devPay: async ({ body }) => emptyAnswer(await payments.simulatePay(body.channel)) },
    options,
  );
}
