/** Wire contract of service evaluations (好差评). zod only; re-exported from central/contract.ts. */
import { z } from 'zod';
import { localizedTextSchema } from '../../domain/localized-text';

/** The ends a citizen rates from: hall window, self-service kiosk, PC (online hall), mobile. */
export const evaluationChannelSchema = z.enum(['hall-window', 'kiosk', 'pc', 'mobile']);

const indicatorSchema = z.object({ code: z.string(), name: localizedTextSchema });
export const evaluationIndicatorsQuerySchema = z.object({ channel: evaluationChannelSchema });
export const evaluationIndicatorsResponseSchema = z.object({
  channel: evaluationChannelSchema,
  levels: z.array(
    z.object({
      level: z.number().int().min(1).max(5),
      name: localizedTextSchema,
      poor: z.boolean(),
    }),
  ),
  /** Offered with ratings 3–5. */
  positive: z.array(indicatorSchema),
  /** Offered with ratings 1–2; a poor rating names at least one. */
  negative: z.array(indicatorSchema),
});

export const evaluationSubjectSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('case'), caseId: z.string().regex(/^[A-Za-z0-9_\-:.]{1,64}$/) }),
  z.strictObject({ kind: z.literal('visit'), ticketId: z.string().min(1).max(64) }),
]);

export const submitEvaluationRequestSchema = z.strictObject({
  subject: evaluationSubjectSchema.describe(
    'Online cases are rated per case, hall visits per visit (ticket)',
  ),
  channel: evaluationChannelSchema.describe(
    'The channel of the service rated (its indicators): hall-window for a visit, kiosk for a case applied at a kiosk',
  ),
  level: z.number().int().min(1).max(5).describe('5 非常满意 … 1 非常不满意'),
  indicators: z.array(z.string().regex(/^[a-z-]{2,40}$/)).max(10),
  comment: z
    .string()
    .max(300)
    .optional()
    .describe('Free text; runs of six or more digits are masked before storing'),
  terminalId: z
    .string()
    .regex(/^[A-Za-z0-9-]{3,40}$/)
    .optional(),
});

export const followUpStatusSchema = z.enum(['open', 'rectified', 'explained']);
export const followUpSchema = z.object({
  followUpId: z.string(),
  evaluationId: z.string(),
  level: z.number().int(),
  status: followUpStatusSchema,
  /** Last working day (Asia/Shanghai) to rectify or explain; weekends are skipped. */
  deadline: z.string(),
  overdue: z.boolean(),
  callbackRequired: z.boolean(),
  calledBack: z.boolean(),
  resolutionNote: z.string().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});

export const evaluationSchema = z.object({
  evaluationId: z.string(),
  subject: evaluationSubjectSchema,
  channel: evaluationChannelSchema,
  level: z.number().int(),
  indicators: z.array(z.string()),
  comment: z.string().nullable(),
  createdAt: z.string(),
  followUp: followUpSchema.nullable(),
});
export const evaluationResponseSchema = z.object({ evaluation: evaluationSchema });

export const listFollowUpsQuerySchema = z.object({ status: followUpStatusSchema.optional() });
export const listFollowUpsResponseSchema = z.object({ followUps: z.array(followUpSchema) });

export const closeFollowUpRequestSchema = z.strictObject({
  resolution: z.enum(['rectified', 'explained']),
  note: z.string().min(1).max(500),
  /** Every poor rating is called back (100% 回访) before it is closed. */
  calledBack: z.literal(true),
});
export const followUpResponseSchema = z.object({ followUp: followUpSchema });

export const evaluationErrorCodes = [
  'channel-mismatch',
  'already-evaluated',
  'unknown-indicator',
  'indicators-required',
  'visit-not-served',
  'unknown-follow-up',
  'follow-up-closed',
] as const;

export type EvaluationChannel = z.infer<typeof evaluationChannelSchema>;
export type Evaluation = z.infer<typeof evaluationSchema>;
export type FollowUp = z.infer<typeof followUpSchema>;
export type SubmitEvaluationRequest = z.infer<typeof submitEvaluationRequestSchema>;
