/** Cases (办件): submission, the citizen's view and the staff actions. zod only: the kiosk imports this file. */
import { z } from 'zod';
import { validateIdNumber } from '../../domain/id-number';
import { localizedTextSchema } from '../../domain/localized-text';
import {
  caseActionSchema,
  caseActions,
  caseStatusSchema,
  caseStatuses,
  caseTimelineActionSchema,
  type CaseAction,
  type CaseStatus,
  type CaseTimelineAction,
} from '../../domain/case-status';
import { commitmentSignatureSchema } from './signature-contract';

// The statuses and actions are the domain's; the central's contract hands them on to its clients.
export { caseActionSchema, caseActions, caseStatusSchema, caseStatuses, caseTimelineActionSchema };
export type { CaseAction, CaseStatus, CaseTimelineAction };

export const deliverySchema = z.enum(['window', 'post', 'self-service']);

const citizenRefSchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .describe('Keyed digest (HMAC-SHA256) of the ID number, computed by the kiosk');

export const materialSubmissionSchema = z
  .object({
    code: z.string().regex(/^[A-Z0-9]{1,16}$/),
    via: z.enum(['upload', 'paper', 'e-certificate', 'commitment', 'online-verification']),
    /** With `via: 'upload'`: the scanned material whose pages the kiosk uploads (material-scans). */
    documentRef: z
      .string()
      .regex(/^scan-[0-9a-f]{32}$/)
      .optional(),
  })
  .refine((m) => m.documentRef === undefined || m.via === 'upload', {
    message: 'documentRef goes with via upload only',
    path: ['documentRef'],
  });

/** Personal data of the applicant. Sealed (AES-256-GCM) at rest; never logged; shown only to staff. */
export const applicantSchema = z.object({
  name: z.string().trim().min(1).max(50),
  idNumber: z
    .string()
    .regex(/^\d{17}[\dX]$/)
    .refine(validateIdNumber, { message: 'Not a valid resident ID number (check digit)' }),
  phone: z
    .string()
    .regex(/^1\d{10}$/)
    .optional(),
  postalAddress: z.string().trim().min(5).max(200).optional(),
  /** Who the post goes to when it is not the applicant (typed at the kiosk). */
  recipientName: z.string().trim().min(1).max(50).optional(),
});

/**
 * 一件事: the life-event bundle a case was applied for, and the kiosk's reference shared by the
 * cases of that one application, so the bundle's cases are linked at the central.
 */
export const caseBundleSchema = z.object({
  bundleCode: z.string().regex(/^BD-[A-Z]{2,16}$/),
  bundleRef: z
    .string()
    .regex(/^[A-Za-z0-9-]{8,64}$/)
    .describe('Chosen by the kiosk, the same for every case of one bundle application'),
});

export const submitCaseRequestSchema = z
  .object({
    hallId: z.string().min(1).max(64),
    terminalId: z.string().min(1).max(64),
    itemCode: z.string().regex(/^[A-Z]{2}\d{8}$/),
    citizenRef: citizenRefSchema,
    applicant: applicantSchema,
    materials: z.array(materialSubmissionSchema).max(50),
    delivery: deliverySchema,
    kioskSequence: z.number().int().min(1),
    requestedAt: z.string().max(40),
    /** Present when the case is one item of a bundle application; the item must be in the bundle. */
    bundle: caseBundleSchema.optional(),
    /** The commitments' drawn signature (告知承诺), sealed with the applicant record. */
    signature: commitmentSignatureSchema.optional(),
  })
  .refine((c) => c.delivery !== 'post' || c.applicant.postalAddress !== undefined, {
    message: 'Delivery by post needs applicant.postalAddress',
    path: ['applicant', 'postalAddress'],
  });

export const caseTimelineEntrySchema = z.object({
  action: caseTimelineActionSchema,
  fromStatus: caseStatusSchema.nullable(),
  toStatus: caseStatusSchema,
  actorKind: z.enum(['citizen', 'staff', 'system']),
  /** Staff id; shown to staff only. */
  actorId: z.string().optional(),
  departmentId: z.string().nullable(),
  note: z.string().nullable(),
  at: z.string(),
});

export const caseViewSchema = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  itemCode: z.string(),
  implementingCode: z.string(),
  itemName: localizedTextSchema,
  hallId: z.string(),
  terminalId: z.string(),
  departmentId: z.string(),
  status: caseStatusSchema,
  applicantMaskedName: z.string(),
  delivery: deliverySchema,
  pickup: deliverySchema.nullable(),
  feeFen: z.number().int(),
  /** Whether the fee has been paid through the payment platform (false for a free case). */
  feePaid: z.boolean(),
  promisedDays: z.number().int(),
  /** Promised completion date (YYYY-MM-DD, hall time), set when the case is taken in. */
  dueDate: z.string().nullable(),
  submittedAt: z.string(),
  updatedAt: z.string(),
  materials: z.array(materialSubmissionSchema),
  timeline: z.array(caseTimelineEntrySchema),
  /** The bundle application this case belongs to (absent for a single item). */
  bundle: caseBundleSchema.optional(),
});

export const caseResponseSchema = z.object({ case: caseViewSchema });
export const staffCaseResponseSchema = z.object({
  case: caseViewSchema,
  applicant: applicantSchema,
});

export const lookupCasesRequestSchema = z.object({ citizenRef: citizenRefSchema });
export const lookupCasesResponseSchema = z.object({ cases: z.array(caseViewSchema) });

export const withdrawCaseRequestSchema = z.object({
  citizenRef: citizenRefSchema,
  note: z.string().trim().min(1).max(500).optional(),
});

export const caseParamsSchema = z.object({ caseId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) });
export const caseActionParamsSchema = caseParamsSchema.extend({ action: caseActionSchema });

export const caseActionRequestSchema = z.strictObject({
  note: z.string().trim().min(1).max(500).optional(),
  /** For `route`: another responsible department than the item's. */
  departmentId: z.string().min(1).max(64).optional(),
  /** For `mark-ready`: how the result is handed out; the applicant's choice when omitted. */
  pickup: deliverySchema.optional(),
});

export const listStaffCasesQuerySchema = z.object({
  status: caseStatusSchema.optional(),
  hallId: z.string().min(1).max(64).optional(),
  departmentId: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Paging: cases submitted before this case number. */
  before: z
    .string()
    .regex(/^BJ\d{14}$/)
    .optional(),
});
export const listStaffCasesResponseSchema = z.object({ cases: z.array(caseViewSchema) });

export const caseErrorCodes = [
  'unknown-item',
  'unknown-case',
  'unknown-department',
  'unknown-region',
  'unknown-bundle',
  'item-not-in-bundle',
  'item-suspended',
  'item-not-on-kiosk',
  'missing-materials',
  'unknown-material',
  'invalid-case-state',
  'note-required',
  'invalid-signature',
  'no-signature',
] as const;

export type Delivery = z.infer<typeof deliverySchema>;
export type CaseBundle = z.infer<typeof caseBundleSchema>;
export type SubmitCaseRequest = z.infer<typeof submitCaseRequestSchema>;
export type Applicant = z.infer<typeof applicantSchema>;
export type CaseView = z.infer<typeof caseViewSchema>;
export type CaseTimelineEntry = z.infer<typeof caseTimelineEntrySchema>;
export type CaseActionRequest = z.infer<typeof caseActionRequestSchema>;
