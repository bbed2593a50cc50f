/**
 * Certificates printed at once (即办可打印 证明): the kiosk asks the central for a printable item's
 * certificate for the card holder and prints the A4 PDF it gets back; anyone holding the paper checks
 * it on the central's public verification page. zod only: the kiosk imports this file.
 */
import { z } from 'zod';
import { validateIdNumber } from '../../domain/id-number';
import { localizedTextSchema } from '../../domain/localized-text';

export const PROOF_PATHS = {
  items: '/v1/proofs/items',
  proofs: '/v1/proofs',
  /** Public: `/v1/proofs/verify/:code`, the address the certificate's QR code carries. */
  verify: '/v1/proofs/verify',
} as const;

/**
 * Crockford base32 (no I, L, O, U: nothing to misread on paper), 16 characters in four groups:
 * 80 random bits, so a guessed code is never a real one. Printed and shown as `7K3M-Q9XP-2D4F-HT8R`.
 */
export const VERIFICATION_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const verificationCodeSchema = z
  .string()
  .regex(
    /^[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){3}$/,
    'four groups of four Crockford base32 characters',
  );

const itemCodeSchema = z.string().regex(/^[A-Z]{2}\d{8}$/);
const terminalIdSchema = z.string().regex(/^[A-Za-z0-9_\-.]{1,64}$/);

/**
 * The card holder, as read from the card: the same fields and rules as a case's applicant. Sealed
 * (AES-256-GCM) at the central, never logged, dropped once a replay can no longer need it; paper and
 * the verification page show the masked forms only.
 */
export const proofHolderSchema = z.strictObject({
  name: z.string().trim().min(1).max(50),
  idNumber: z
    .string()
    .regex(/^\d{17}[\dX]$/)
    .refine(validateIdNumber, { message: 'Not a valid resident ID number (check digit)' }),
});

export const listPrintableItemsQuerySchema = z.object({ hallId: z.string().min(1).max(64) });

export const printableItemSchema = z.object({
  itemCode: itemCodeSchema,
  name: localizedTextSchema,
  departmentId: z.string(),
  departmentName: z.string(),
});
export const listPrintableItemsResponseSchema = z.object({ items: z.array(printableItemSchema) });

/** Idempotent by the Idempotency-Key header: a retry returns the same certificate and code. */
export const issueProofRequestSchema = z.strictObject({
  hallId: z.string().min(1).max(64),
  terminalId: terminalIdSchema,
  itemCode: itemCodeSchema,
  holder: proofHolderSchema,
  /** The kiosk's clock at the tap (it is not the issue date: the central's clock is). */
  requestedAt: z.iso.datetime(),
});

export const proofSchema = z.object({
  proofId: z.string(),
  verificationCode: verificationCodeSchema,
  itemCode: itemCodeSchema,
  itemName: localizedTextSchema,
  hallId: z.string(),
  hallName: z.string(),
  /** The central's clock when the certificate was issued (ISO 8601). */
  issuedAt: z.string(),
  /** 张* : the only form of the holder's name that leaves the central beside the PDF itself. */
  holderMaskedName: z.string(),
  /** The public page the QR code leads to. */
  verifyUrl: z.url(),
  pages: z.number().int().min(1),
});

export const issueProofResponseSchema = z.object({
  proof: proofSchema,
  /** The A4 certificate, base64. The kiosk prints it and keeps no copy. */
  pdf: z.base64(),
  pdfBytes: z.number().int().min(1),
});

export const verifyProofParamsSchema = z.object({ code: z.string().max(64) });

/** The JSON answer of the verification page (Accept: application/json), for a real code only. */
export const verifyProofResponseSchema = z.object({
  genuine: z.literal(true),
  verificationCode: verificationCodeSchema,
  itemName: localizedTextSchema,
  hallName: z.string(),
  /** YYYY-MM-DD in hall time. */
  issuedOn: z.string(),
  holderMaskedName: z.string(),
});

/**
 * The kiosk slice's view of these routes: one table, so paths and schemas cannot drift. Both kiosk
 * routes need a device token of the hall; `verify` is public and answers an HTML page by default.
 */
export const proofEndpoints = {
  listPrintableItems: {
    method: 'GET',
    path: PROOF_PATHS.items,
    query: listPrintableItemsQuerySchema,
    response: listPrintableItemsResponseSchema,
  },
  issueProof: {
    method: 'POST',
    path: PROOF_PATHS.proofs,
    body: issueProofRequestSchema,
    response: issueProofResponseSchema,
  },
  verifyProof: {
    method: 'GET',
    path: `${PROOF_PATHS.verify}/:code`,
    params: verifyProofParamsSchema,
    response: verifyProofResponseSchema,
  },
} as const;

export const proofErrorCodes = [
  /** The item exists but the catalogue does not mark it 即办可打印: it is applied for as a case. */
  'item-not-printable',
  /** The certificate could not be drawn (e.g. its font is missing); nothing was printed, retry later. */
  'proof-render-failed',
  /** A retry came after the holder's sealed record was dropped (a day on): the kiosk asks anew. */
  'proof-expired',
] as const;

export type ProofHolder = z.infer<typeof proofHolderSchema>;
export type PrintableItem = z.infer<typeof printableItemSchema>;
export type IssueProofRequest = z.infer<typeof issueProofRequestSchema>;
export type IssueProofResponse = z.infer<typeof issueProofResponseSchema>;
export type Proof = z.infer<typeof proofSchema>;
export type VerifyProofResponse = z.infer<typeof verifyProofResponseSchema>;
