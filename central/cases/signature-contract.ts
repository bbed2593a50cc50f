/** The drawn signature on a case's commitments (告知承诺). zod only: the kiosk imports this file. */
import { z } from 'zod';
import { SIGNATURE_MAX_PNG_BYTES } from '../../domain/signature';

/** Base64 characters of at most `bytes` bytes. */
const base64Length = (bytes: number) => Math.ceil(bytes / 3) * 4;

export const signaturePngSchema = z
  .string()
  .min(8)
  .max(base64Length(SIGNATURE_MAX_PNG_BYTES), `at most ${SIGNATURE_MAX_PNG_BYTES} bytes of PNG`)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64 of a PNG image')
  .describe('The signature as drawn: a PNG image, base64');

/** Version of the commitment wording the citizen read (the wording changes only with a new version). */
export const commitmentVersionSchema = z.string().regex(/^[A-Za-z0-9.-]{1,32}$/);

/**
 * What the citizen signed, bound to the image: the commitment's wording (Chinese, as shown, with the
 * English shown beside it), its version and the materials it replaces. Sealed with the applicant
 * record; personal data: never logged, shown to staff only.
 */
export const commitmentSignatureSchema = z.object({
  imagePng: signaturePngSchema,
  /** When the citizen confirmed the signature on the kiosk (ISO 8601). */
  signedAt: z.string().datetime({ offset: true }),
  commitment: z.object({
    version: commitmentVersionSchema,
    text: z.object({ zh: z.string().min(1).max(4000), en: z.string().max(4000) }),
    materials: z
      .array(z.string().regex(/^[A-Z0-9]{1,16}$/))
      .min(1)
      .max(50),
  }),
});
export type CommitmentSignature = z.infer<typeof commitmentSignatureSchema>;

/** GET /v1/staff/cases/:caseId/signature */
export const staffCaseSignatureResponseSchema = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  signature: commitmentSignatureSchema.extend({ mediaType: z.literal('image/png') }),
});
export type StaffCaseSignature = z.infer<typeof staffCaseSignatureResponseSchema>;
