/** E-certificates (电子证照) the central can fetch for a citizen. zod only: the kiosk imports this file. */
import { z } from 'zod';
import { localizedTextSchema } from '../../domain/localized-text';

export const certificateErrorCodes = ['not-an-e-certificate'] as const;

/**
 * Which of these materials the central can fetch as e-certificates for this citizen. A POST so the
 * citizen reference stays out of URLs and access logs; the hall decides the region whose items
 * define which materials are e-certificates.
 */
export const eCertificateLookupRequestSchema = z.object({
  hallId: z.string().min(1).max(64),
  terminalId: z.string().min(1).max(64),
  citizenRef: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .describe('Keyed digest (HMAC-SHA256) of the ID number, computed by the kiosk'),
  materialCodes: z
    .array(z.string().regex(/^[A-Z0-9]{1,16}$/))
    .min(1)
    .max(50)
    .describe('Material codes whose fate under 四个一律取消 is `e-certificate`'),
});

export const eCertificateSchema = z.object({
  code: z.string(),
  name: localizedTextSchema,
  /** The e-certificate that replaces the paper (e.g. 居民身份证电子证照). */
  basis: z.string(),
  /** True when the central holds it for this citizen: nothing to hand in. */
  found: z.boolean(),
});

export const eCertificateLookupResponseSchema = z.object({ certificates: z.array(eCertificateSchema) });

export type ECertificateLookupRequest = z.infer<typeof eCertificateLookupRequestSchema>;
export type ECertificate = z.infer<typeof eCertificateSchema>;
