import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CentralContext } from '../context';
import { assertHall, HALL_CONFINED } from '../halls/reach';
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
        description:
          'The kiosk names the case only; the amount is the sum of the fees the catalogue lists for the ' +
          "case's item in the case's region (422 no-fee-due when it lists none), never an amount from the " +
          'request. The case must exist (404 unknown-case) and be of the caller’s hall: an enrolled kiosk ' +
          'pays only cases submitted in its own hall (403 otherwise). ' +
          HALL_CONFINED,
        tags,
        security,
        headers: idempotencyHeaders,
        body: createPaymentRequestSchema,
        response: { 201: paymentResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const found = ctx.cases.find(body.caseId);
      if (!found) throw new ApiError(404, 'unknown-case', 'No such case');
      const caller = assertHall(request, found.hallId);
      const item = ctx.catalogue.item(found.itemCode, found.regionCode);
      const fees = (item?.fees ?? []).filter((f) => f.amountFen > 0);
      if (fees.length === 0)
        throw new ApiError(422, 'no-fee-due', 'The catalogue lists no fee for this case');
      const order = {
        caseId: body.caseId,
        hallId: found.hallId,
        terminalId: caller.terminalId ?? null,
        itemName: found.itemName.zh,
        items: fees.map((f) => ({ name: f.name, amountFen: f.amountFen })),
      };
      const result = runIdempotent(ctx, request, CREATE_SCOPE, body, () => {
        const outcome = store.create(order, clock.now());
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
        description:
          'Readable in its hall only: by every kiosk of the hall of its case (a citizen may walk to ' +
          'another kiosk of the same hall to pay) and by trusted devices; 403 for a kiosk or staff ' +
          'member of another hall. ' +
          HALL_CONFINED,
        tags,
        security,
        params: z.object({ paymentId: z.string().min(1).max(64) }),
        response: { 200: paymentResponseSchema, ...errors },
      },
    },
    async (request) => {
      const found = store.get(request.params.paymentId, clock.now());
      if (!found) throw new ApiError(404, 'unknown-payment', 'No such payment');
      assertHall(request, found.hallId);
      return { payment: found.payment };
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
