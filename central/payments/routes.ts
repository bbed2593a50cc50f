import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IDEMPOTENCY_HEADER } from '../contract';
import type { CentralContext } from '../context';
import { idempotencyHeaders, runIdempotent, sendIdempotent, storedError } from '../http/idempotent';
import { deviceSecurity as security, errorResponses as errors } from '../http/route-schemas';
import { ApiError } from '../http/errors';
import { createPaymentRequestSchema, paymentResponseSchema, simulatedPayRequestSchema } from './contract';
import { PaymentStore } from './store';

const tags = ['payments'];
const CREATE_SCOPE = 'POST /v1/payments';

/** Payments of case fees: create (QR payload), status, and the simulated payer of the platform. */
export const paymentRoutes: FastifyPluginAsyncZod<{ ctx: CentralContext }> = async (app, { ctx }) => {
  const { clock } = ctx;
  const store = new PaymentStore(ctx.db);

  app.post(
    '/v1/payments',
    {
      onRequest: ctx.deviceAuth.requireDevice,
      schema: {
        summary: 'Create the payment of a case: answers the QR payload (idempotent by Idempotency-Key)',
        tags,
        security,
        headers: idempotencyHeaders,
        body: createPaymentRequestSchema,
        response: { 201: paymentResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const result = runIdempotent(ctx, request.headers[IDEMPOTENCY_HEADER], CREATE_SCOPE, body, () => {
        const outcome = store.create(body, clock.now());
        if (outcome.kind === 'created') return { status: 201, body: { payment: outcome.payment } };
        return storedError(
          new ApiError(
            409,
            'payment-exists',
            `Case already has ${outcome.payment.status} payment ${outcome.payment.paymentId}`,
          ),
        );
      });
      return sendIdempotent(reply, result);
    },
  );

  app.get(
    '/v1/payments/:paymentId',
    {
      onRequest: ctx.deviceAuth.requireDevice,
      schema: {
        summary: 'Status of a payment (pending, paid with its e-receipt number, or expired)',
        tags,
        security,
        params: z.object({ paymentId: z.string().min(1).max(64) }),
        response: { 200: paymentResponseSchema, ...errors },
      },
    },
    async (request) => {
      const payment = store.get(request.params.paymentId, clock.now());
      if (!payment) throw new ApiError(404, 'unknown-payment', 'No such payment');
      return { payment };
    },
  );

  app.post(
    '/v1/payments/simulated-payer',
    {
      onRequest: ctx.deviceAuth.requireTrustedDevice,
      schema: {
        summary: 'Simulated payer: pays the order of a scanned QR payload (trusted devices, demos and tests)',
        tags,
        security,
        body: simulatedPayRequestSchema,
        response: { 200: paymentResponseSchema, ...errors },
      },
    },
    async (request) => {
      const outcome = store.pay(request.body.qrPayload, request.body.channel, clock.now());
      switch (outcome.kind) {
        case 'invalid-qr-payload':
          throw new ApiError(422, 'invalid-qr-payload', 'Not a payment QR payload of this platform');
        case 'payment-expired':
          throw new ApiError(409, 'payment-expired', 'The payment expired; create it again');
        case 'paid':
          return { payment: outcome.payment };
      }
    },
  );
};
