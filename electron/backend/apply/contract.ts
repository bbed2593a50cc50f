import { z } from 'zod';
import { localizedTextSchema } from '../api/contract';
import { defineEndpoints } from '../api/endpoint';
import { commitmentVersionSchema } from '../../../central/cases/signature-contract';
import {
  guideBundleSummarySchema,
  guideCatalogueStatusSchema,
  guideItemSummarySchema,
} from '../guide/contract';

/**
 * The /api contract of the apply journey (网上申报): choose an item or a life-event
 * bundle, the form, the materials checklist, commitments, pickup, review, submit, receipt. Pure zod:
 * the renderer builds its client from `applyEndpoints`. Personal data reaches the screen masked only: the card's name, ID
 * number and address never leave the backend in clear; the phone number is the citizen's own typing.
 */

export const itemCodeSchema = z.string().regex(/^[A-Z]{2}\d{8}$/);
export const bundleCodeSchema = z.string().regex(/^BD-[A-Z]{2,16}$/);

export const applySelectionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('item'), itemCode: itemCodeSchema }),
  z.object({ kind: z.literal('bundle'), bundleCode: bundleCodeSchema }),
]);
export type ApplySelection = z.infer<typeof applySelectionSchema>;

export const applyDeliverySchema = z.enum(['window', 'post', 'self-service']);
export type ApplyDelivery = z.infer<typeof applyDeliverySchema>;

/** Contact details a pickup method needs from the citizen before the application can go. */
export type PickupNeed = 'phone' | 'address';

/**
 * What each way of getting the result needs: at the window, the citizen comes with their card;
 * the courier needs the address and a phone to call; the locker sends its pickup code (凭短信取件码)
 * by text message, so it needs a phone. The backend refuses without them and the screen asks for them.
 */
export const PICKUP_NEEDS: Readonly<Record<ApplyDelivery, readonly PickupNeed[]>> = {
  window: [],
  post: ['address', 'phone'],
  'self-service': ['phone'],
};

/** Why an apply request was refused; the renderer shows `apply.errors.<reason>`. */
export const applyReasonSchema = z.enum([
  'needs-card',
  'id-not-accepted',
  'unknown-selection',
  'not-on-kiosk',
  'suspended',
  'conditions-unconfirmed',
  /** The card shows a condition is not met (too young, registered elsewhere): no confirmation helps. */
  'not-eligible',
  'commitment-unsigned',
  /** The signature pad was confirmed with nothing drawn. */
  'signature-blank',
  /** Only a dot, a tap or a scribble too small to be a signature. */
  'signature-too-small',
  /** Not an image the kiosk can read, or one far too large. */
  'signature-invalid',
  /** Commitments were promised but no signature covers exactly them (sign again). */
  'signature-missing',
  /** The commitment's wording changed since the screen showed it (read and sign again). */
  'commitment-changed',
  'phone-required',
  'address-required',
  /** The region picked for another postal address is not one of this city's (or not known yet). */
  'unknown-region',
  'no-catalogue',
]);
export type ApplyReason = z.infer<typeof applyReasonSchema>;

// GET /api/apply/offer: what can be applied for at this kiosk (offered on the kiosk, not suspended).
export const applyOfferResponseSchema = z.object({
  ok: z.literal(true),
  catalogue: guideCatalogueStatusSchema,
  bundles: z.array(guideBundleSummarySchema),
  items: z.array(guideItemSummarySchema),
});
export type ApplyOffer = Omit<z.infer<typeof applyOfferResponseSchema>, 'ok'>;

/** A field of the form. Card fields are shown masked and cannot be changed on the kiosk. */
export const applyFieldSchema = z.object({
  key: z.enum(['name', 'idNumber', 'phone']),
  source: z.enum(['card', 'citizen']),
  /** Every field of this form is personal: masked on screen and paper, sealed in the outbox. */
  personal: z.literal(true),
  editable: z.boolean(),
  /** Phone: needed by the pickup methods whose PICKUP_NEEDS name it (post, locker); otherwise optional. */
  required: z.enum(['always', 'for-pickup', 'optional']),
  /** The card's value, masked (张*, 330106********1234); null for what the citizen types. */
  maskedValue: z.string().nullable(),
});
export type ApplyField = z.infer<typeof applyFieldSchema>;

/** A fact on the card a condition requires: an age reached, a district of registration (户籍). */
export const cardFactSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('min-age'), years: z.number().int().min(0).max(150) }),
  /** The district's name as the condition and the card's address write it (上城区). */
  z.object({ kind: z.literal('residence'), region: z.string() }),
]);
export type CardFact = z.infer<typeof cardFactSchema>;

/**
 * What the card says of a condition: card-met (the card proves all of it; nothing to confirm),
 * card-unmet (the card shows it is not met: the application cannot go; `unmet` says why), or
 * confirm (the card cannot tell: the citizen confirms it).
 */
export const conditionCheckSchema = z.discriminatedUnion('check', [
  z.object({ check: z.literal('card-met') }),
  z.object({ check: z.literal('card-unmet'), unmet: cardFactSchema }),
  z.object({ check: z.literal('confirm') }),
]);
export type ConditionCheck = z.infer<typeof conditionCheckSchema>;

/** A condition of the item (申请条件), checked against the card where it can be; Chinese, from the central. */
export const formConditionSchema = z.object({
  id: z.string(),
  text: z.string(),
  /** The catalogue's English for it; absent when the catalogue has none. */
  textEn: z.string().optional(),
  /** The items of a bundle that set this condition. */
  itemCodes: z.array(z.string()),
});
export type FormCondition = z.infer<typeof formConditionSchema>;
export const applyConditionSchema = formConditionSchema.and(conditionCheckSchema);
export type ApplyCondition = z.infer<typeof applyConditionSchema>;

/** Where a paper material is handed in: the hall, the queue category to take a number for, the department. */
export const paperPlaceSchema = z.object({
  hallName: z.string(),
  queueCategory: z.string(),
  categoryName: localizedTextSchema.nullable(),
  departmentName: z.string(),
});
export type PaperPlace = z.infer<typeof paperPlaceSchema>;

/**
 * One material of the (merged) checklist and what becomes of it:
 * - e-certificate-found: the central fetches it; nothing to bring.
 * - e-certificate-unchecked: could not be checked now (offline); staff fetch it at intake.
 * - online-verification: checked online by the department; nothing to bring.
 * - commitment: replaced by a written commitment (告知承诺) signed on screen, or on paper if the
 *   citizen prefers to hand the document in.
 * - paper: seen on paper at the window (kept materials, e-certificates not found).
 * - dropped: no legal basis, never asked for again.
 */
export const checklistStatusSchema = z.enum([
  'e-certificate-found',
  'e-certificate-unchecked',
  'online-verification',
  'commitment',
  'paper',
  'dropped',
]);
export type ChecklistStatus = z.infer<typeof checklistStatusSchema>;

export const checklistEntrySchema = z.object({
  code: z.string(),
  name: localizedTextSchema,
  form: z.enum(['original', 'copy', 'original-and-copy', 'electronic']),
  status: checklistStatusSchema,
  /** An e-certificate the central does not hold for this citizen: it became paper. */
  eCertificateMissing: z.boolean(),
  /** The certificate, online source or legal note behind the fate (Chinese, from the central). */
  basis: z.string().optional(),
  /** Items of a bundle that need it (handed in once for all of them). */
  usedBy: z.array(z.string()),
  /** For paper: how it reaches the case (only 'paper-at-window' today; a document camera later). */
  capture: z.enum(['paper-at-window', 'document-camera']).optional(),
  where: paperPlaceSchema.optional(),
  /** For a commitment: the wording signed in its place (Chinese the commitment, English its translation). */
  commitmentText: localizedTextSchema.optional(),
});
export type ChecklistEntry = z.infer<typeof checklistEntrySchema>;

export const applyDraftSchema = z.object({
  selection: applySelectionSchema,
  title: localizedTextSchema,
  items: z.array(
    z.object({
      itemCode: z.string(),
      name: localizedTextSchema,
      departmentName: z.string(),
      promisedDays: z.number().int(),
      feeFen: z.number().int(),
    }),
  ),
  promisedDays: z.number().int(),
  feeFen: z.number().int(),
  fields: z.array(applyFieldSchema),
  conditions: z.array(applyConditionSchema),
  checklist: z.array(checklistEntrySchema),
  /** Version of the commitments' wording: the signature is bound to it. */
  commitmentVersion: commitmentVersionSchema,
  /** 'checked': the central answered which e-certificates it holds; 'unchecked': it could not be asked. */
  certificates: z.enum(['checked', 'unchecked', 'none-needed']),
  pickup: z.object({
    options: z.array(applyDeliverySchema),
    /** The card's address, masked; null when the card carries none (post is then not offered). */
    maskedAddress: z.string().nullable(),
  }),
});
export type ApplyDraft = z.infer<typeof applyDraftSchema>;

// POST /api/apply/draft
export const applyDraftRequestSchema = z.object({ selection: applySelectionSchema });
export const applyDraftResponseSchema = z.object({ ok: z.literal(true), draft: applyDraftSchema });

// POST /api/apply/signature: the drawn signature covering the commitments promised, checked and held.
export const applySignRequestSchema = z.object({
  selection: applySelectionSchema,
  /** The commitment materials this signature covers: every commitment not switched to paper. */
  materials: z
    .array(z.string().regex(/^[A-Z0-9]{1,16}$/))
    .min(1)
    .max(50),
  /** The wording's version the screen showed. */
  version: commitmentVersionSchema,
  /**
   * The pad's PNG, base64. Up to about 1.5 MB: a high-density screen's canvas, before the backend
   * shrinks it to the few kilobytes that are stored and sent.
   */
  imagePng: z
    .string()
    .max(2_000_000)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64 of a PNG image'),
});
export type ApplySignRequest = z.infer<typeof applySignRequestSchema>;
export const applySignResponseSchema = z.object({
  ok: z.literal(true),
  /** When the signature was taken, by the kiosk's clock (shown beside it). */
  signedAt: z.string(),
  version: commitmentVersionSchema,
});

/** Building, unit and room added to the card's address for post: digits, letters and a few address words. */
export const addressDetailSchema = z
  .string()
  .trim()
  .max(30)
  .regex(/^[0-9A-Za-z\-#幢栋单元室号楼层弄巷]*$/u, 'digits, letters and 幢栋单元室号楼层弄巷 only');

/**
 * Post to another address than the card's, typed on the one keyboard (pinyin, handwriting): the
 * region is one of the central's codes in the hall's city (district or street), the rest is typed,
 * and the recipient is named when it is not the applicant. Personal data: sealed with the case.
 */
export const postToSchema = z.object({
  regionCode: z.string().regex(/^\d{12}$/, 'a 12-digit region code'),
  detail: z
    .string()
    .trim()
    .min(2, 'the road and number, at least')
    .max(60)
    .regex(/^[\u4e00-\u9fff0-9A-Za-z\-#· ]+$/u, 'Chinese characters, digits, letters, - # · only'),
  recipientName: z
    .string()
    .trim()
    .min(1)
    .max(30)
    .regex(/^[\u4e00-\u9fff·A-Za-z ]+$/u, 'Chinese characters, letters and · only')
    .optional(),
});
export type PostTo = z.infer<typeof postToSchema>;

// POST /api/apply/submit
export const applySubmitRequestSchema = z.object({
  selection: applySelectionSchema,
  phone: z
    .string()
    .regex(/^1\d{10}$/, 'an 11-digit mobile number starting with 1')
    .optional(),
  /** Ids of the conditions the citizen confirmed; all those the card cannot prove must be. */
  conditionsConfirmed: z.array(z.string().max(80)).max(100),
  /** Materials whose commitment the citizen signed on screen (tapped "I promise" after reading it). */
  commitmentsSigned: z.array(z.string().regex(/^[A-Z0-9]{1,16}$/)).max(50),
  /** Commitment materials the citizen prefers to hand in on paper instead of signing. */
  paperInstead: z.array(z.string().regex(/^[A-Z0-9]{1,16}$/)).max(50),
  delivery: applyDeliverySchema,
  addressDetail: addressDetailSchema.optional(),
  /** Post to this address instead of the card's (then `addressDetail` is not used). */
  postTo: postToSchema.optional(),
});
export type ApplySubmitRequest = z.infer<typeof applySubmitRequestSchema>;

export const receiptCaseSchema = z.object({
  itemCode: z.string(),
  itemName: localizedTextSchema,
  /** queued: waiting in the outbox; submitted: the central gave the case number; rejected: refused. */
  state: z.enum(['queued', 'submitted', 'rejected']),
  caseNumber: z.string().nullable(),
  /** The central's error code when rejected (for staff; the screen says to ask at the desk). */
  rejectCode: z.string().nullable(),
});

export const applicationReceiptSchema = z.object({
  /** This kiosk's reference for the application, printed while a case number is not known yet. */
  localRef: z.string(),
  title: localizedTextSchema,
  bundleCode: z.string().nullable(),
  maskedName: z.string(),
  delivery: applyDeliverySchema,
  submittedAt: z.string(),
  cases: z.array(receiptCaseSchema),
  /** What to follow the case(s) with on a phone (the QR code on screen and paper). */
  followUrl: z.string(),
  /** Still to be shown on paper, with where. */
  paper: z.array(z.object({ code: z.string(), name: localizedTextSchema, where: paperPlaceSchema })),
  /** The central could not be reached when it was submitted: it waits here and is sent by itself. */
  offline: z.boolean(),
  /** null until printing was tried; then whether the receipt came out. */
  printed: z.boolean().nullable(),
  /** Why it did not print (the receipt stays on screen; staff see the printer state). */
  printError: z
    .enum(['printer-paper-out', 'printer-cover-open', 'printer-offline', 'printer-error'])
    .optional(),
});
export type ApplicationReceipt = z.infer<typeof applicationReceiptSchema>;
export const applyReceiptResponseSchema = z.object({
  ok: z.literal(true),
  receipt: applicationReceiptSchema,
});

/** This kiosk's reference of an application, as printed on its receipt. */
export const applyReceiptParamsSchema = z.object({ localRef: z.string().regex(/^[A-Za-z0-9-]{8,64}$/) });

export const applyEndpoints = defineEndpoints({
  offer: { method: 'GET', path: '/api/apply/offer', response: applyOfferResponseSchema },
  draft: {
    method: 'POST',
    path: '/api/apply/draft',
    body: applyDraftRequestSchema,
    response: applyDraftResponseSchema,
  },
  sign: {
    method: 'POST',
    path: '/api/apply/signature',
    body: applySignRequestSchema,
    response: applySignResponseSchema,
  },
  submit: {
    method: 'POST',
    path: '/api/apply/submit',
    body: applySubmitRequestSchema,
    response: applyReceiptResponseSchema,
  },
  receipt: {
    method: 'GET',
    path: '/api/apply/receipts/:localRef',
    params: applyReceiptParamsSchema,
    response: applyReceiptResponseSchema,
  },
});
