/** Wire contract of payments through the unified public payment platform (统一公共支付平台). zod only. */
import { z } from 'zod';

export const paymentItemSchema = z.strictObject({
  feeCode: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,32}$/)
    .optional(),
  name: z.string().min(1).max(100),
  amountFen: z.number().int().min(1).max(10_000_000).describe('Amount in fen (0.01 CNY)'),
});

/**
 * The kiosk names the case only. What is due comes from the catalogue (the fees of the case's
 * item in its region), never from the kiosk; an amount or item list in the body is refused (400).
 */
export const createPaymentRequestSchema = z.strictObject({
  caseId: z.string().regex(/^[A-Za-z0-9_\-:.]{1,64}$/),
});

export const paymentStatusSchema = z.enum(['pending', 'paid', 'expired']);
export const paymentChannelSchema = z.enum(['wechat', 'alipay', 'unionpay']);

export const paymentSchema = z.object({
  paymentId: z.string(),
  caseId: z.string(),
  description: z.string(),
  items: z.array(paymentItemSchema),
  amountFen: z.number().int(),
  currency: z.literal('CNY'),
  status: paymentStatusSchema,
  /** What the kiosk shows as a QR code: a payment-platform URL carrying the order and a one-time token. */
  qrPayload: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  paidAt: z.string().nullable(),
  channel: paymentChannelSchema.nullable(),
  /** E-receipt (电子票据) number, once paid. */
  receiptNo: z.string().nullable(),
});
export const paymentResponseSchema = z.object({ payment: paymentSchema });

export const simulatedPayRequestSchema = z.strictObject({
  qrPayload: z.string().min(1).max(512),
  channel: paymentChannelSchema,
});

export const paymentErrorCodes = [
  'unknown-payment',
  'no-fee-due',
  'payment-expired',
  'payment-exists',
  'invalid-qr-payload',
] as const;

export type Payment = z.infer<typeof paymentSchema>;
export type CreatePaymentRequest = z.infer<typeof createPaymentRequestSchema>;
