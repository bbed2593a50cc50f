import { z } from 'zod';
import { localizedTextSchema, okResponseSchema, paymentViewSchema } from '../api/contract';
import { defineEndpoints } from '../api/endpoint';

/**
 * Payments' /api contract: the citizen's unpaid fees, the payment QR code of one of them, and
 * leaving the payment screens. The payment being waited for is also in the kiosk state
 * (`journey.payment`), polled from the central by the backend. Pure zod: the renderer builds its
 * client from `paymentEndpoints`.
 */

export type { PaymentView } from '../api/contract';

// GET /api/payments/orders: the citizen's unpaid fees (cases with a fee not paid yet).
export const orderViewSchema = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  itemName: localizedTextSchema,
  amountFen: z.number().int(),
});
export type OrderView = z.infer<typeof orderViewSchema>;
export const ordersResponseSchema = z.object({ ok: z.literal(true), orders: z.array(orderViewSchema) });

// POST /api/payments: create the payment QR code of one order.
export const createPaymentBodySchema = z.object({ caseId: z.string().min(1).max(64) });
export const paymentResponseSchema = z.object({ ok: z.literal(true), payment: paymentViewSchema });

// POST /api/dev/pay (developer): the central's simulated payer pays the current payment QR.
export const devPayRequestSchema = z.object({
  channel: z.enum(['wechat', 'alipay', 'unionpay']).default('wechat'),
});

export const paymentEndpoints = defineEndpoints({
  orders: { method: 'GET', path: '/api/payments/orders', response: ordersResponseSchema },
  pay: {
    method: 'POST',
    path: '/api/payments',
    body: createPaymentBodySchema,
    response: paymentResponseSchema,
  },
  /** The citizen left the payment screens: polling stops, an order request not yet sent is withdrawn. */
  leave: { method: 'POST', path: '/api/payments/leave', response: okResponseSchema },
});

/** The central's simulated payer, in a table of its own so the production renderer never carries it. */
export const paymentDeveloperEndpoints = defineEndpoints({
  devPay: {
    method: 'POST',
    path: '/api/dev/pay',
    body: devPayRequestSchema,
    response: okResponseSchema,
    developer: true,
  },
});
