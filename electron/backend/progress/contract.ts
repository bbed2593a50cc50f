import { z } from 'zod';
import { deliverySchema } from '../../../central/cases/contract';
import { caseStatusSchema, caseTimelineActionSchema } from '../../../domain/case-status';
import { errorCodeSchema, localizedTextSchema } from '../api/contract';
import { defineEndpoints } from '../api/endpoint';

/**
 * The /api contract of "progress" (办件进度): the identified citizen's cases with their
 * timelines, and the result notice (结果通知单) of a completed case. Pure zod: the renderer builds
 * its client from `progressEndpoints`. Status and action codes are the central's; the renderer turns them
 * into plain words (i18n `progress.status.*`, `progress.event.*`).
 */

/** Who acted on a timeline entry, as the citizen may know it: never a staff member's id or name. */
export const progressActorSchema = z.enum([
  /** The citizen (submitted here or online, withdrew). */
  'citizen',
  /** The hall's one window (综合受理窗口): pre-review, intake, pickup. */
  'window',
  /** The responsible department (承办部门): routing to it, its decision. */
  'department',
  /** Done by the system without anyone deciding (routing by responsibility). */
  'system',
]);
export type ProgressActor = z.infer<typeof progressActorSchema>;

export const progressTimelineEntrySchema = z.object({
  action: caseTimelineActionSchema,
  /** The status the case reached with this step. */
  status: caseStatusSchema,
  at: z.string(),
  actor: progressActorSchema,
  /** The department involved (routed to, or deciding), when known. */
  department: localizedTextSchema.nullable(),
  /**
   * The staff's reason, only on steps where the citizen must know it (returned, correction needed,
   * not accepted, rejected, terminated). Chinese, as the staff wrote it.
   */
  note: z.string().nullable(),
});
export type ProgressTimelineEntry = z.infer<typeof progressTimelineEntrySchema>;

/** 办结: the decision (approved or rejected) of a case that has one. */
export const progressOutcomeSchema = z.enum(['approved', 'rejected']);
export type ProgressOutcome = z.infer<typeof progressOutcomeSchema>;

/** A case the central knows. */
export const progressCaseSchema = z.object({
  kind: z.literal('case'),
  caseId: z.string(),
  caseNumber: z.string(),
  itemCode: z.string(),
  itemName: localizedTextSchema,
  status: caseStatusSchema,
  /** The decision, once the department made one; null before (and for cases ended without one). */
  outcome: progressOutcomeSchema.nullable(),
  /** A result notice can be printed: the case is completed (办结) with a decision. */
  noticeAvailable: z.boolean(),
  /** Nothing more will happen to the case. */
  closed: z.boolean(),
  department: localizedTextSchema.nullable(),
  /** Promised completion date (YYYY-MM-DD), set when the case is taken in. */
  dueDate: z.string().nullable(),
  /** How the citizen asked to receive the result, and how it is handed out once ready. */
  delivery: deliverySchema,
  pickup: deliverySchema.nullable(),
  /** The case's fee, from the catalogue as at review (0: free), and whether it has been paid. */
  fee: z.object({ amountFen: z.number().int(), paid: z.boolean() }),
  submittedAt: z.string(),
  updatedAt: z.string(),
  /** Newest first: the step the case is at is the first entry. */
  timeline: z.array(progressTimelineEntrySchema),
});
export type ProgressCase = z.infer<typeof progressCaseSchema>;

/** Submitted at this kiosk and kept in its outbox: the central has not acknowledged it yet. */
export const progressPendingSchema = z.object({
  kind: z.literal('pending'),
  /** The kiosk's own reference of the submission (no case number exists yet). */
  localId: z.string(),
  itemCode: z.string(),
  itemName: localizedTextSchema,
  submittedAt: z.string(),
});
export type ProgressPending = z.infer<typeof progressPendingSchema>;

export const progressEntrySchema = z.discriminatedUnion('kind', [progressCaseSchema, progressPendingSchema]);
export type ProgressEntry = z.infer<typeof progressEntrySchema>;

export const progressListSchema = z.object({
  /** Newest first; submissions still waiting in the outbox come before the central's cases. */
  entries: z.array(progressEntrySchema),
  /** When the central last answered for this citizen (ISO time). */
  fetchedAt: z.string(),
  /**
   * False when the central could not be reached just now and this is the copy fetched earlier in
   * this session: the screen says it may be out of date.
   */
  fresh: z.boolean(),
});
export type ProgressList = z.infer<typeof progressListSchema>;

/** GET /api/progress/cases?refresh=true|false (false: the copy held, no round trip; after a live update). */
export const progressListQuerySchema = z.object({
  refresh: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});
export const progressListResponseSchema = z.object({ ok: z.literal(true), list: progressListSchema });

/** How the result is collected, as printed on the notice. */
export const noticeCollectionSchema = z.enum([
  /** Decided, not yet ready: the citizen is told when and where. */
  'being-prepared',
  'window',
  'post',
  'self-service',
  /** Already handed out or sent. */
  'handed-out',
  /** Not approved: the notice itself is the written decision; nothing else is collected. */
  'nothing-to-collect',
]);

/**
 * The remedies stated on a decision not in the citizen's favour: reconsideration within the days
 * and litigation within the months the laws give, and the body to apply to when it is known.
 */
export const appealRightsSchema = z.object({
  reconsiderationDays: z.number().int(),
  litigationMonths: z.number().int(),
  /** The reconsideration body (复议机关) if the catalogue names one; null: the notice names none. */
  reconsiderationBody: z.string().nullable(),
});
export type AppealRights = z.infer<typeof appealRightsSchema>;

/** The result notice: what is printed, and what the screen shows when the printer cannot. */
export const resultNoticeSchema = z.object({
  caseNumber: z.string(),
  itemName: localizedTextSchema,
  /** Masked (张*); the full name and the ID number are never on the notice. */
  maskedName: z.string(),
  outcome: progressOutcomeSchema,
  status: caseStatusSchema,
  collection: noticeCollectionSchema,
  /** The hall named on the notice (where this kiosk stands). */
  hallName: z.string(),
  /** The staff's reason of a rejection. */
  reason: z.string().nullable(),
  /** A rejection's rights of reconsideration and litigation; null for an approval. */
  rights: appealRightsSchema.nullable(),
  /** Where the case can be followed on a phone (the notice's QR code). */
  followUrl: z.string(),
  issuedAt: z.string(),
});
export type ResultNotice = z.infer<typeof resultNoticeSchema>;

/** POST /api/progress/cases/:caseId/notice */
export const noticeParamsSchema = z.object({ caseId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) });
export const noticeResponseSchema = z.object({
  ok: z.literal(true),
  notice: resultNoticeSchema,
  /** Whether the notice came out of the printer (a second request in one session prints nothing more). */
  printed: z.boolean(),
  alreadyPrinted: z.boolean(),
  /** Why it did not print: the screen says so plainly and shows the notice's content instead. */
  printerProblem: errorCodeSchema.nullable(),
});
export type NoticeResponse = z.infer<typeof noticeResponseSchema>;

/** Reasons of progress failures (in `error.reason`): the renderer shows `progress.errors.<reason>`. */
export const progressReasonSchema = z.enum([
  /** The central cannot be reached and no copy was fetched earlier in this session. */
  'needs-network',
  /** The case has no result yet: a notice is printed only for completed cases. */
  'not-completed',
  /** Not one of this citizen's cases (or not known in this session). */
  'unknown-case',
]);
export type ProgressReason = z.infer<typeof progressReasonSchema>;

export const progressEndpoints = defineEndpoints({
  list: {
    method: 'GET',
    path: '/api/progress/cases',
    query: progressListQuerySchema,
    response: progressListResponseSchema,
  },
  notice: {
    method: 'POST',
    path: '/api/progress/cases/:caseId/notice',
    params: noticeParamsSchema,
    response: noticeResponseSchema,
  },
});
